using System.Text.RegularExpressions;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting;

/// <summary>Options for one rewrite run.</summary>
public sealed record RewriteOptions
{
    /// <summary>Matches below this confidence are reported, not applied (the direct tier's threshold).</summary>
    public double MinConfidence { get; init; } = 0.85;

    /// <summary>Also apply <see cref="Safety.Unsafe"/> rules.</summary>
    public bool Unsafe { get; init; }

    /// <summary>Passes before giving up on convergence (each pass re-parses; nested matches need more than one).</summary>
    public int MaxPasses { get; init; } = 4;
}

/// <summary>Why something was reported instead of changed.</summary>
public enum FindingKind
{
    /// <summary>A Manual rule matched: a person must migrate this.</summary>
    Manual,
    /// <summary>An Unsafe rule matched and --unsafe was not given.</summary>
    Unsafe,
    /// <summary>The match's confidence is below the threshold.</summary>
    LowConfidence,
    /// <summary>The rule matched but could not build a safe edit.</summary>
    CannotRewrite,
    /// <summary>An <c># apimig: ignore</c> comment opted the line out.</summary>
    Ignored,
    /// <summary>The rewrite did not converge or did not verify; the file was left as it was.</summary>
    NotApplied,
}

/// <summary>Something the user should know about a file: a migration not made, and why.</summary>
public sealed record Finding(string RuleId, FindingKind Kind, int Line, int Column, string Message, double Confidence);

/// <summary>One applied change.</summary>
public sealed record AppliedChange(string RuleId, RuleKind Kind, int Line, int Column, double Confidence);

/// <summary>The outcome for one file.</summary>
public sealed record FileRewriteResult(
    SourceText Original,
    SourceText Result,
    IReadOnlyList<AppliedChange> Changes,
    IReadOnlyList<Finding> Findings,
    SourceError? Refused)
{
    /// <summary>True when the output differs from the input.</summary>
    public bool Changed => Refused is null && !Original.Content.SequenceEqual(Result.Content);
}

/// <summary>
/// Applies rules to one file: match, choose non-overlapping edits, apply them to the original bytes,
/// fix imports, verify the output parses, repeat until nothing changes. A file that does not parse is
/// refused; a rewrite that breaks the parse or does not converge is dropped whole, with a finding.
/// </summary>
public static partial class Rewriter
{
    [GeneratedRegex(@"#\s*apimig:\s*ignore(?:\[(?<ids>[^\]]*)\])?")]
    private static partial Regex IgnoreComment();

    /// <summary>Rewrites one file.</summary>
    public static FileRewriteResult Rewrite(SourceText source, RuleSet rules, RewriteOptions? options = null)
    {
        options ??= new RewriteOptions();
        var findings = new List<Finding>();
        var changes = new List<AppliedChange>();
        var present = rules.AnchorsIn(source.Text);
        if (present.Count == 0) return new FileRewriteResult(source, source, changes, findings, null);

        var current = source;
        for (int pass = 1; pass <= options.MaxPasses + 1; pass++)
        {
            var tree = PythonParser.Parse(current);
            if (tree.HasErrors)
            {
                if (pass == 1)
                {
                    var d = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0] : null;
                    return new FileRewriteResult(source, source, [], [], new SourceError(SourceErrorKind.SyntaxError, source.Path, d?.Position,
                        d is null ? "syntax error" : d.Message + "; the file is not rewritten"));
                }
                return Abandon(source, findings, "a rewrite produced code that does not parse; the file was left unchanged");
            }
            var scope = ModuleScope.Build(tree);
            var matches = Matcher.FindMatches(rules, scope, pass == 1 ? present : null);
            var step = Step(scope, rules, matches, options, pass == 1 ? findings : null);
            if (step.Edits.Count == 0) return new FileRewriteResult(source, current, changes, findings, null);
            if (pass > options.MaxPasses)
                return Abandon(source, findings, $"rules kept changing the file after {options.MaxPasses} passes; the file was left unchanged");

            var mid = SourceEdits.Apply(current, step.Edits);
            var midTree = PythonParser.Parse(mid);
            if (midTree.HasErrors) return Abandon(source, findings, "a rewrite produced code that does not parse; the file was left unchanged");
            var importEdits = FixImports(scope, ModuleScope.Build(midTree), step.Requests, step.OldNames, findings);
            current = importEdits.Count == 0 ? mid : SourceEdits.Apply(mid, importEdits);
            changes.AddRange(step.Applied);
        }
        return new FileRewriteResult(source, current, changes, findings, null);
    }

    private static FileRewriteResult Abandon(SourceText source, List<Finding> findings, string why)
    {
        findings.Add(new Finding("-", FindingKind.NotApplied, 1, 1, why, 0));
        return new FileRewriteResult(source, source, [], findings, null);
    }

    private sealed record StepResult(List<TextEdit> Edits, List<AppliedChange> Applied, List<ImportRequest> Requests, HashSet<string> OldNames);

    private static StepResult Step(ModuleScope scope, RuleSet rules, IReadOnlyList<RuleMatch> matches, RewriteOptions options, List<Finding>? findings)
    {
        var ctx = new RewriteContext(scope, rules);
        var edits = new List<TextEdit>();
        var applied = new List<AppliedChange>();
        var oldNames = new HashSet<string>(StringComparer.Ordinal);
        var requests = new List<ImportRequest>();
        // Most confident first; among equals, document order, so the choice is deterministic.
        var ordered = matches.OrderByDescending(m => m.Confidence).ThenBy(m => m.Node.StartByte).ThenBy(m => m.Rule.Id, StringComparer.Ordinal);
        foreach (var m in ordered)
        {
            void Report(FindingKind kind, string message) => findings?.Add(new Finding(m.Rule.Id, kind, m.Line, m.Column, message, m.Confidence));
            if (IsIgnored(scope.Tree.Source, m)) { Report(FindingKind.Ignored, "opted out by an apimig: ignore comment"); continue; }
            var what = m.Rule.Description.Length > 0 ? m.Rule.Description : $"{m.Rule.Match} → {m.Rule.Replace}";
            if (m.Rule.Safety == Safety.Manual) { Report(FindingKind.Manual, $"migrate by hand: {what}"); continue; }
            if (m.Rule.Safety == Safety.Unsafe && !options.Unsafe) { Report(FindingKind.Unsafe, $"unsafe fix available (--unsafe): {what}"); continue; }
            if (m.Confidence < options.MinConfidence)
            {
                Report(FindingKind.LowConfidence, $"possible migration (confidence {m.Confidence:F2} < {options.MinConfidence:F2}): {what}; {string.Join("; ", m.Evidence)}");
                continue;
            }
            int mark = ctx.Printer.Mark;
            var rw = m.Rule.Rewrite(m, ctx);
            if (rw.Problem is not null) { ctx.Printer.Rollback(mark); Report(FindingKind.CannotRewrite, rw.Problem); continue; }
            var fresh = rw.Edits.Where(e => !edits.Contains(e)).ToList();
            if (fresh.Any(e => edits.Any(a => a.Overlaps(e))) || HasInternalOverlap(fresh))
            {
                // Overlaps a more confident edit; the next pass sees the new code and tries again.
                ctx.Printer.Rollback(mark);
                continue;
            }
            edits.AddRange(fresh);
            requests.AddRange(rw.Imports);
            if (fresh.Count > 0 || rw.Edits.Count > 0)
            {
                applied.Add(new AppliedChange(m.Rule.Id, m.Rule.Kind, m.Line, m.Column, m.Confidence));
                foreach (var q in m.Rule.MatchPattern.QualifiedNames) oldNames.Add(q);
                if (m.IsImportSite && scope.Imports.FirstOrDefault(b => b.NameNode == m.Node) is { } b) oldNames.Add(b.QualifiedName);
            }
        }
        foreach (var r in ctx.Printer.Requested) if (!requests.Contains(r)) requests.Add(r);
        return new StepResult(edits, applied, requests, oldNames);
    }

    private static bool HasInternalOverlap(List<TextEdit> edits)
    {
        for (int i = 0; i < edits.Count; i++)
            for (int j = i + 1; j < edits.Count; j++)
                if (edits[i].Overlaps(edits[j])) return true;
        return false;
    }

    private static bool IsIgnored(SourceText source, RuleMatch m)
    {
        var line = source.GetLineText(m.Line);
        var hit = IgnoreComment().Match(line);
        if (!hit.Success) return false;
        var ids = hit.Groups["ids"];
        if (!ids.Success) return true;
        return ids.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(id => id == m.Rule.Id || id == m.Rule.Library);
    }

    /// <summary>
    /// After the code edits: add the imports the new code needs (in the file's style) and remove the
    /// imports of old APIs that nothing uses any more. A removed import line and an added one trade
    /// places, so <c>import imp</c> becomes <c>import importlib</c> where it stood.
    /// </summary>
    private static List<TextEdit> FixImports(ModuleScope before, ModuleScope mid, List<ImportRequest> requests, HashSet<string> oldNames, List<Finding> findings)
    {
        var removals = new List<TextEdit>();
        var usedBefore = new HashSet<(string, string)>();
        foreach (var b in before.Imports)
            if (ImportEditor.IsUsed(before, b)) usedBefore.Add((b.LocalName, b.QualifiedName));
        // Unused imports of old APIs, grouped by statement so one statement gets one edit.
        var unused = new Dictionary<int, List<ImportBinding>>();
        foreach (var b in mid.Imports)
        {
            if (b.Form is ImportForm.Star or ImportForm.Future) continue;
            if (!Related(b, oldNames)) continue;
            // An import that was already unused before the rewrite is the user's business, not ours.
            bool existed = before.Imports.Any(x => x.LocalName == b.LocalName && x.QualifiedName == b.QualifiedName);
            if (existed && !usedBefore.Contains((b.LocalName, b.QualifiedName))) continue;
            if (ImportEditor.IsUsed(mid, b)) continue;
            if (!unused.TryGetValue(b.Statement.Index, out var list)) unused[b.Statement.Index] = list = [];
            list.Add(b);
        }
        foreach (var list in unused.Values) removals.Add(ImportEditor.RemoveNames(mid, list));
        var additions = new List<TextEdit>();
        foreach (var req in requests)
        {
            var r = ImportEditor.Add(mid, req);
            if (!r.Ok) { findings.Add(new Finding("-", FindingKind.CannotRewrite, 1, 1, r.Problem!, 0)); continue; }
            if (r.Edit is not null && !additions.Contains(r.Edit)) additions.Add(r.Edit);
        }
        // Trade places: a whole-line removal at module level takes the first whole-line addition.
        var result = new List<TextEdit>();
        var pendingAdds = additions.Where(a => a.Start == a.End && a.NewText.EndsWith(mid.Tree.Source.NewlineText, StringComparison.Ordinal)).ToList();
        foreach (var rem in removals)
        {
            var line = mid.Tree.Source.GetPosition(rem.Start);
            bool wholeLine = line.Column == 1 && rem.NewText.Length == 0 && rem.End > rem.Start && IsLineEnd(mid.Tree.Source, rem.End);
            if (wholeLine && pendingAdds.Count > 0)
            {
                var add = pendingAdds[0];
                pendingAdds.RemoveAt(0);
                additions.Remove(add);
                result.Add(rem with { NewText = add.NewText });
            }
            else result.Add(rem);
        }
        // Several insertions at one point become one, in request order.
        foreach (var g in additions.GroupBy(a => (a.Start, a.End)))
        {
            var merged = g.First() with { NewText = string.Concat(g.Select(a => a.NewText)) };
            if (result.Any(r => r.Overlaps(merged))) { findings.Add(new Finding("-", FindingKind.CannotRewrite, 1, 1, "could not place a needed import", 0)); continue; }
            result.Add(merged);
        }
        return result;
    }

    private static bool IsLineEnd(SourceText s, int offset) => offset == s.Length || s.GetPosition(offset).Column == 1;

    private static bool Related(ImportBinding b, HashSet<string> oldNames)
    {
        foreach (var old in oldNames)
        {
            if (old == b.QualifiedName || old.StartsWith(b.QualifiedName + ".", StringComparison.Ordinal)
                || b.QualifiedName.StartsWith(old + ".", StringComparison.Ordinal) || old == b.Module)
                return true;
        }
        return false;
    }
}
