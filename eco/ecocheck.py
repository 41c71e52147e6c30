#!/usr/bin/env python3
"""Ecosystem check: run `apimig migrate` over real packages' sources and keep every change in a
reviewed snapshot (eco/snapshot.tsv), like a golden file.

Each snapshot line is one change: package, path:line, rule, old line, new line, verdict, reason.
A verdict (right / wrong / unreviewed) belongs to the change's text, not its line number: it is
keyed by package + path + rule + old + new, so a re-run keeps it when lines move, and a change the
tool starts making is marked `unreviewed`. Findings (migrations not made) and skipped files are only
counted, per package, in eco/summary.tsv.

Commands (eco/run.sh passes its arguments here):
  run [--check] [--ci] [--package P]...   migrate the corpus, write (or with --check compare) the snapshot
  review-list [--rule GLOB]               print the unreviewed (and wrong) changes grouped by rule and pattern
  judge VERDICT REASON --rule GLOB [...]   set the verdict of matching changes
  stats                                   print the figures of the committed snapshot

Only the Python standard library is used.
"""
from __future__ import annotations

import argparse
import difflib
import fnmatch
import json
import os
import re
import shutil
import subprocess
import tempfile
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SNAPSHOT = HERE / "snapshot.tsv"
SUMMARY = HERE / "summary.tsv"
PACKAGES = HERE / "packages.txt"
VERDICTS = ("right", "wrong", "unreviewed")
SNAPSHOT_HEADER = "package\tlocation\trule\told\tnew\tverdict\treason"
SUMMARY_HEADER = "package\tversion\tfiles\tchanged_files\tchanges\tright\twrong\tunreviewed\tfindings\tskipped"
# A change whose edit spans several lines shows them joined with this mark.
JOIN = " ⏎ "


@dataclass(frozen=True)
class Entry:
    """One change in the snapshot."""

    package: str
    path: str
    line: int
    rule: str
    old: str
    new: str
    verdict: str = "unreviewed"
    reason: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.package, self.path, self.rule, self.old, self.new)

    def sort_key(self):
        return (self.package, self.path, self.line, self.rule, self.old, self.new)

    def to_line(self) -> str:
        return "\t".join([self.package, f"{self.path}:{self.line}", self.rule, esc(self.old), esc(self.new), self.verdict, esc(self.reason)])

    @staticmethod
    def parse(line: str) -> "Entry":
        package, location, rule, old, new, verdict, reason = line.rstrip("\n").split("\t")
        path, _, lineno = location.rpartition(":")
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        return Entry(package, path, int(lineno), rule, unesc(old), unesc(new), verdict, unesc(reason))


def esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def unesc(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), s)


# ---------------------------------------------------------------------------------------------
# Pins, snapshot and summary files


def read_pins(ci_only: bool) -> list[tuple[str, str]]:
    return [(name, version) for name, version, _ in read_pin_lines(ci_only)]


def read_pin_lines(ci_only: bool) -> list[tuple[str, str, list[str]]]:
    """(package, version, apimig options): a `python>=3.7` token is the package's declared
    Requires-Python (from its own metadata), run as --target-version, as apimig reads requires-python
    in a real project; the corpus keeps only the .py files, so the declaration lives here."""
    pins = []
    for raw in PACKAGES.read_text().splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        text, _, comment = raw.partition("#")
        if ci_only and comment.strip() != "ci":
            continue
        tokens = text.split()
        name, _, version = tokens[0].partition("=")
        target = []
        for t in tokens[1:]:
            if re.match(r"(numpy|pandas|sqlalchemy|pydantic|matplotlib)[<>=!~]", t):
                target += ["--target", t]
                continue
            m = re.match(r"python>=(\d+)\.(\d+)$", t)
            if m:
                # apimig's oldest target is py37: a package that still allows an older Python 3 is held to that, and
                # one that still supports Python 2 gets no standard-library rules at all (they migrate to Python 3 APIs).
                target += ["--target-version", f"py3{max(7, int(m.group(2)))}" if int(m.group(1)) >= 3 else "py37"]
                if int(m.group(1)) < 3:
                    target += ["--ignore", "stdlib"]
        pins.append((name, version, target))
    return pins


def read_snapshot() -> list[Entry]:
    if not SNAPSHOT.exists():
        return []
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    return [Entry.parse(l) for l in lines[1:] if l.strip()]


def snapshot_text(entries: list[Entry]) -> str:
    return "\n".join([SNAPSHOT_HEADER] + [e.to_line() for e in sorted(entries, key=Entry.sort_key)]) + "\n"


def read_summary() -> dict[str, list[str]]:
    """Per package, the summary row's fields (the TOTAL row is recomputed, never read)."""
    if not SUMMARY.exists():
        return {}
    rows = {}
    for line in SUMMARY.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if fields and fields[0] != "TOTAL":
            rows[fields[0]] = fields
    return rows


def summary_text(runs: dict[str, dict], entries: list[Entry]) -> str:
    """runs: package -> {version, files, changed_files, changes, findings (Counter), skipped (Counter)}."""
    tally = defaultdict(Counter)
    for e in entries:
        tally[e.package][e.verdict] += 1
    lines = [SUMMARY_HEADER]
    total = Counter()
    findings_total, skipped_total = Counter(), Counter()
    for package in sorted(runs):
        r = runs[package]
        t = tally[package]
        lines.append("\t".join([package, r["version"], str(r["files"]), str(r["changed_files"]), str(r["changes"]),
                                str(t["right"]), str(t["wrong"]), str(t["unreviewed"]),
                                counts_text(r["findings"]), counts_text(r["skipped"])]))
        total.update({"files": r["files"], "changed_files": r["changed_files"], "changes": r["changes"]})
        total.update(t)
        findings_total.update(r["findings"])
        skipped_total.update(r["skipped"])
    lines.append("\t".join(["TOTAL", f"{len(runs)} packages", str(total["files"]), str(total["changed_files"]), str(total["changes"]),
                            str(total["right"]), str(total["wrong"]), str(total["unreviewed"]),
                            counts_text(findings_total), counts_text(skipped_total)]))
    return "\n".join(lines) + "\n"


def counts_text(c: Counter) -> str:
    return " ".join(f"{k}={c[k]}" for k in sorted(c)) or "-"


def parse_counts(text: str) -> Counter:
    return Counter({k: int(v) for k, v in (p.split("=") for p in text.split())}) if text != "-" else Counter()


def runs_from_summary(rows: dict[str, list[str]]) -> dict[str, dict]:
    return {p: {"version": f[1], "files": int(f[2]), "changed_files": int(f[3]), "changes": int(f[4]),
                "findings": parse_counts(f[8]), "skipped": parse_counts(f[9])} for p, f in rows.items()}


# ---------------------------------------------------------------------------------------------
# Running apimig


def find_apimig(given: str | None) -> str:
    if given or os.environ.get("APIMIG"):
        return os.path.abspath(given or os.environ["APIMIG"])
    for config in ("Release", "Debug"):
        p = REPO / "src" / "ApiMigrator.Cli" / "bin" / config / "net10.0" / "apimig"
        if p.exists():
            return str(p)
    sys.exit("ecocheck: no built apimig; run `dotnet build src/ApiMigrator.Cli -c Release` or pass --apimig PATH")


def diff_blocks(diff: str) -> list[tuple[int, list[str], list[str]]]:
    """The unified diff's change blocks: (first old line number, removed lines, added lines)."""
    blocks = []
    old_no = 0
    current = None
    for line in diff.splitlines():
        if line.startswith("@@"):
            m = re.match(r"@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@", line)
            old_no = int(m.group(1))
            current = None
        elif line.startswith("---") or line.startswith("+++"):
            continue
        elif line.startswith("-"):
            if current is None:
                current = (old_no, [], [])
                blocks.append(current)
            current[1].append(line[1:])
            old_no += 1
        elif line.startswith("+"):
            if current is None:
                current = (old_no, [], [])
                blocks.append(current)
            current[2].append(line[1:])
        elif line.startswith("\\"):
            continue
        else:
            current = None
            old_no += 1
    return blocks


def old_and_new(blocks, line: int, source_lines: list[str]) -> tuple[str, str]:
    """The text of the changed line before and after (a multi-line edit shows all its lines)."""
    for start, removed, added in blocks:
        if start <= line < start + max(len(removed), 1):
            if len(removed) == len(added):
                i = line - start
                return removed[i].strip(), added[i].strip()
            return JOIN.join(s.strip() for s in removed), (JOIN.join(s.strip() for s in added) or "(removed)")
    # The edit starts on a later line of the matched statement (a keyword on its own line): take the next block.
    following = [b for b in blocks if line < b[0] <= line + 20]
    if following:
        start, removed, added = following[0]
        head = source_lines[line - 1].strip() if 0 < line <= len(source_lines) else ""
        return head + " … " + JOIN.join(s.strip() for s in removed), head + " … " + (JOIN.join(s.strip() for s in added) or "(removed)")
    old = source_lines[line - 1].strip() if 0 < line <= len(source_lines) else ""
    return old, "(line unchanged)"


def migrate_package(apimig: str, corpus: Path, package: str, version: str, jobs: int, diffs: dict | None = None, target: list[str] | None = None) -> tuple[dict, list[Entry]]:
    """Runs apimig over one package: its counts and its changes (and, into diffs, each changed file's diff)."""
    command = ["dotnet", apimig] if apimig.endswith(".dll") else [apimig]
    declared = target or []
    proc = subprocess.run(command + ["migrate", "--format", "json", "--quiet", "--jobs", str(jobs)] + declared + [package],
                          cwd=corpus, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"ecocheck: apimig failed on {package} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    entries = []
    findings, skipped = Counter(), Counter()
    prefix = package + "/"
    for f in report["files"]:
        path = f["path"][len(prefix):] if f["path"].startswith(prefix) else f["path"]
        for finding in f.get("findings", []):
            findings[finding["kind"]] += 1
        if "skipped" in f:
            skipped[f["skipped"]["reason"]] += 1
        if not f.get("changes"):
            continue
        blocks = diff_blocks(f.get("diff", ""))
        if diffs is not None and "cell" not in str(f["changes"]):
            diffs[f["path"]] = f.get("diff", "")
        source_lines = (corpus / f["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
        for c in f["changes"]:
            where = path if "cell" not in c else f"{path}[cell {c['cell']}]"
            old, new = old_and_new(blocks, c["line"], source_lines) if "cell" not in c else ("(notebook cell)", "")
            entries.append(Entry(package, where, c["line"], c["rule"], old, new))
    s = report["summary"]
    run = {"version": version, "files": s["filesScanned"], "changed_files": s["filesChanged"], "changes": s["changes"],
           "findings": findings, "skipped": skipped}
    return run, entries


def apply_diff(source: str, diff: str) -> str:
    """The migrated text: the unified diff applied to the original."""
    old = source.splitlines(keepends=True)
    out, i = [], 0
    for line in diff.splitlines(keepends=True):
        if line.startswith("@@"):
            start = int(re.match(r"@@ -(\d+)", line).group(1)) - 1
            out.extend(old[i:start])
            i = start
        elif line.startswith(("---", "+++", "\\")):
            continue
        elif line.startswith(" "):
            out.append(old[i]); i += 1
        elif line.startswith("-"):
            i += 1
        elif line.startswith("+"):
            out.append(line[1:] if line.endswith("\n") or i < len(old) else line[1:])
    out.extend(old[i:])
    return "".join(out)


def pyflakes_messages(root: Path, files: list[str]) -> Counter:
    """pyflakes' undefined names and syntax errors per file, without line numbers (so old and new compare)."""
    tool = ["pyflakes3"] if shutil.which("pyflakes3") else [sys.executable, "-m", "pyflakes"]
    proc = subprocess.run(tool + files, cwd=root, capture_output=True, text=True)
    found = Counter()
    for line in (proc.stdout + proc.stderr).splitlines():
        m = re.match(r"(.+?):\d+:(?:\d+:)? (.*)", line)
        if m and ("undefined name" in m.group(2) or "syntax" in m.group(2).lower() or "invalid" in m.group(2)):
            found[(m.group(1), m.group(2))] += 1
    return found


def new_flakes(corpus: Path, diffs: dict[str, str]) -> list[str]:
    """Undefined names and syntax errors the migration introduced (pyflakes on each changed file, before and after)."""
    if not diffs:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        for path, diff in diffs.items():
            target = Path(tmp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(apply_diff((corpus / path).read_text(encoding="utf-8", errors="replace"), diff), encoding="utf-8")
        before = pyflakes_messages(corpus, sorted(diffs))
        after = pyflakes_messages(Path(tmp), sorted(diffs))
    return sorted(f"{path}: {message}" for (path, message), n in (after - before).items() for _ in range(n))


def carry_verdicts(fresh: list[Entry], previous: list[Entry]) -> list[Entry]:
    known = {}
    for e in previous:
        if e.verdict != "unreviewed":
            known[e.key] = (e.verdict, e.reason)
    return [replace(e, verdict=known[e.key][0], reason=known[e.key][1]) if e.key in known else e for e in fresh]


def figures(entries: list[Entry], runs: dict[str, dict]) -> str:
    t = Counter(e.verdict for e in entries)
    reviewed = t["right"] + t["wrong"]
    precision = f"{100 * t['right'] / reviewed:.1f}% ({t['right']}/{reviewed})" if reviewed else "—"
    files = sum(r["files"] for r in runs.values())
    changed = sum(r["changed_files"] for r in runs.values())
    return (f"{len(runs)} packages, {files} files ({changed} changed), {len(entries)} changes: "
            f"{t['right']} right, {t['wrong']} wrong, {t['unreviewed']} unreviewed; precision over reviewed {precision}")


def cmd_run(args) -> int:
    corpus = Path(args.corpus).resolve()
    pins = read_pin_lines(args.ci)
    if args.package:
        unknown = set(args.package) - {n for n, _, _ in pins}
        if unknown:
            sys.exit(f"ecocheck: not in {PACKAGES.name}: {', '.join(sorted(unknown))}")
        pins = [(n, v, t) for n, v, t in pins if n in args.package]
    missing = [n for n, v, _ in pins if not (corpus / n / ".version").exists() or (corpus / n / ".version").read_text().strip() != v]
    if missing:
        sys.exit(f"ecocheck: {corpus} lacks the pinned {', '.join(missing)}; run eco/fetch.sh --dest {corpus}")
    apimig = find_apimig(args.apimig)
    selected = {n for n, _, _ in pins}
    previous = read_snapshot()
    fresh, runs = [], {}
    diffs = {} if args.flakes else None
    started = time.monotonic()
    for name, version, target in pins:
        t0 = time.monotonic()
        run, entries = migrate_package(apimig, corpus, name, version, args.jobs, diffs, target)
        runs[name] = run
        fresh.extend(entries)
        print(f"  {name}: {run['files']} files, {run['changes']} changes ({time.monotonic() - t0:.1f}s)", file=sys.stderr)
    elapsed = time.monotonic() - started
    fresh = carry_verdicts(fresh, previous)
    # Packages not run this time keep their snapshot lines and summary rows.
    kept = [e for e in previous if e.package not in selected]
    all_runs = {p: r for p, r in runs_from_summary(read_summary()).items() if p not in selected}
    all_runs.update(runs)
    new_snapshot = snapshot_text(kept + fresh)
    new_summary = summary_text(all_runs, kept + fresh)
    print(f"ran {len(pins)} packages in {elapsed:.0f}s", file=sys.stderr)
    print(figures(fresh, runs))
    broken = new_flakes(corpus, diffs) if diffs is not None else []
    if diffs is not None:
        print(f"pyflakes: {len(broken)} undefined names or syntax errors introduced by the changes" + (":" if broken else ""))
        for b in broken:
            print("  " + b)
    if args.check:
        problems = 0
        old_sub = snapshot_text([e for e in previous if e.package in selected]).splitlines()
        new_sub = snapshot_text(fresh).splitlines()
        if old_sub != new_sub:
            problems += 1
            print("ecocheck: the snapshot differs (run eco/run.sh to update it, then review):")
            sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(old_sub, new_sub, "eco/snapshot.tsv", "fresh run", n=0, lineterm=""))
        old_rows = {p: f for p, f in read_summary().items() if p in selected}
        new_rows = {l.split("\t")[0]: l.split("\t") for l in summary_text(runs, fresh).splitlines()[1:-1]}
        if old_rows != new_rows:
            # Findings move with every matcher tweak; they are worth a look, not a failure (changes are what is reviewed).
            print("ecocheck: note: the summary's counts differ (not a failure; run eco/run.sh to refresh eco/summary.tsv):")
            for p in sorted(set(old_rows) | set(new_rows)):
                if old_rows.get(p) != new_rows.get(p):
                    print(f"  - {chr(9).join(old_rows.get(p, ['(none)']))}\n  + {chr(9).join(new_rows.get(p, ['(none)']))}")
        if broken:
            problems += 1
        bad = [e for e in fresh if e.verdict != "right"]
        if bad:
            problems += 1
            print(f"ecocheck: {len(bad)} changes are not reviewed as right:")
            for e in bad[:20]:
                print("  " + e.to_line())
        return 1 if problems else 0
    SNAPSHOT.write_text(new_snapshot, encoding="utf-8")
    SUMMARY.write_text(new_summary, encoding="utf-8")
    return 0


def cmd_review_list(args) -> int:
    entries = [e for e in read_snapshot() if e.verdict in (("unreviewed", "wrong") if args.wrong else ("unreviewed",))]
    if args.rule:
        entries = [e for e in entries if fnmatch.fnmatch(e.rule, args.rule)]
    by_rule = defaultdict(lambda: defaultdict(list))
    for e in entries:
        by_rule[e.rule][(e.old, e.new, e.verdict)].append(e)
    for rule in sorted(by_rule, key=lambda r: (-sum(len(v) for v in by_rule[r].values()), r)):
        patterns = by_rule[rule]
        print(f"## {rule}: {sum(len(v) for v in patterns.values())} changes, {len(patterns)} distinct")
        for (old, new, verdict), es in sorted(patterns.items(), key=lambda kv: -len(kv[1])):
            where = ", ".join(f"{e.package}/{e.path}:{e.line}" for e in es[:3]) + (f" (+{len(es) - 3})" if len(es) > 3 else "")
            mark = "" if verdict == "unreviewed" else f" [{verdict}]"
            print(f"  {len(es):4}× {old}\n        → {new}{mark}\n        {where}")
    print(f"{len(entries)} changes listed", file=sys.stderr)
    return 0


def cmd_judge(args) -> int:
    if args.verdict not in ("right", "wrong", "unreviewed"):
        sys.exit("ecocheck: the verdict is right, wrong or unreviewed")
    entries = read_snapshot()
    n = 0
    out = []
    for e in entries:
        hit = (fnmatch.fnmatch(e.rule, args.rule)
               and (args.all or e.verdict == "unreviewed")
               and (not args.package or e.package == args.package)
               and (not args.path or fnmatch.fnmatch(e.path, args.path) or fnmatch.fnmatch(f"{e.path}:{e.line}", args.path))
               and (not args.old or re.search(args.old, e.old))
               and (not args.new or re.search(args.new, e.new)))
        if hit:
            e = replace(e, verdict=args.verdict, reason=args.reason)
            n += 1
        out.append(e)
    SNAPSHOT.write_text(snapshot_text(out), encoding="utf-8")
    SUMMARY.write_text(summary_text(runs_from_summary(read_summary()), out), encoding="utf-8")
    print(f"{n} changes set to {args.verdict}", file=sys.stderr)
    return 0


def cmd_stats(args) -> int:
    print(figures(read_snapshot(), runs_from_summary(read_summary())))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="eco/run.sh", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="migrate the corpus and write (or --check) the snapshot")
    run.add_argument("--corpus", default=os.environ.get("ECO_CORPUS", str(HERE / ".corpus")), help="the fetched corpus (default $ECO_CORPUS, else eco/.corpus)")
    run.add_argument("--apimig", help="the apimig executable (default $APIMIG, else the built Release or Debug CLI)")
    run.add_argument("--check", action="store_true", help="change nothing; exit 1 if the snapshot differs or a change is not reviewed as right (differing summary counts are only shown)")
    run.add_argument("--ci", action="store_true", help="only the packages tagged `# ci` in packages.txt")
    run.add_argument("--package", action="append", help="only this package (repeatable)")
    run.add_argument("--flakes", action="store_true", help="also run pyflakes on each changed file before and after; list the undefined names and syntax errors the changes introduce (fails --check)")
    run.add_argument("--jobs", type=int, default=0, help="apimig --jobs (0 = all cores)")
    run.set_defaults(func=cmd_run)
    rl = sub.add_parser("review-list", help="print unreviewed changes grouped by rule and (old → new) pattern")
    rl.add_argument("--rule", help="only rules matching this glob")
    rl.add_argument("--wrong", action="store_true", help="also list the changes judged wrong")
    rl.set_defaults(func=cmd_review_list)
    j = sub.add_parser("judge", help="set the verdict of the changes that match all the filters (unreviewed ones unless --all)")
    j.add_argument("verdict", help="right, wrong or unreviewed")
    j.add_argument("reason", help="why, against the official docs (short)")
    j.add_argument("--rule", required=True, help="rule id glob, e.g. 'numpy.row_stack-*'")
    j.add_argument("--package")
    j.add_argument("--path", help="glob over path or path:line inside the package")
    j.add_argument("--old", help="regex the old line must contain")
    j.add_argument("--new", help="regex the new line must contain")
    j.add_argument("--all", action="store_true", help="also re-judge changes that already have a verdict")
    j.set_defaults(func=cmd_judge)
    st = sub.add_parser("stats", help="the committed snapshot's figures")
    st.set_defaults(func=cmd_stats)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
