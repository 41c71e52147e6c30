using System.Text.RegularExpressions;
using ApiMigrator.Context;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting.Kinds;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting;

/// <summary>Options for one rewrite run.</summary>
public sealed record RewriteOptions
{
    /// <summary>Matches below this confidence are reported, not applied (the direct tier's threshold, <c>--min-confidence</c>).</summary>
    public double MinConfidence { get; init; } = Thresholds.MinConfidence;

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
    /// <summary>The model tiers were asked at this site (<c>apimig migrate --llm-*</c>) and no answer was applied: it was rejected, the request failed, or it did not verify in the file. The site is as it was.</summary>
    ModelNotApplied,
    /// <summary>The rule does not fit the project's target versions (its <c>to</c> version is outside the allowed range, or its output needs a newer Python here): never applied.</summary>
    TargetVersion,
    /// <summary>The replacement is newer than the lowest version the project allows: a breaking fix, applied only with --unsafe.</summary>
    Breaking,
    /// <summary>A context guard protects the site (<see cref="Context.ModuleContext"/>): the library's own code, a deprecation test, a compatibility branch. The message says which: <c>skipped: compatibility branch (…)</c>.</summary>
    Skipped,
}

/// <summary>Something the user should know about a file: a migration not made, and why.</summary>
public sealed record Finding(string RuleId, FindingKind Kind, int Line, int Column, string Message, double Confidence);

/// <summary>One applied change.</summary>
public sealed record AppliedChange(string RuleId, RuleKind Kind, int Line, int Column, double Confidence);

/// <summary>One step of a rewrite: edits on the text as it was before the step.</summary>
public sealed record RewriteStep(SourceText Input, IReadOnlyList<TextEdit> Edits);

/// <summary>The outcome for one file.</summary>
public sealed record FileRewriteResult(
    SourceText Original,
    SourceText Result,
    IReadOnlyList<AppliedChange> Changes,
    IReadOnlyList<Finding> Findings,
    SourceError? Refused)
{
    /// <summary>The edits that turned <see cref="Original"/> into <see cref="Result"/>, step by step (code edits, then import edits, per pass).</summary>
    public IReadOnlyList<RewriteStep> Steps { get; init; } = [];

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

    /// <summary>The finding a target verdict becomes.</summary>
    private static FindingKind FindingOf(Versions.TargetVerdictKind kind) => kind switch
    {
        Versions.TargetVerdictKind.TargetVersion => FindingKind.TargetVersion,
        Versions.TargetVerdictKind.Breaking => FindingKind.Breaking,
        _ => FindingKind.CannotRewrite,
    };

    /// <summary>Rewrites one file.</summary>
    public static FileRewriteResult Rewrite(SourceText source, RuleSet rules, RewriteOptions? options = null)
    {
        options ??= new RewriteOptions();
        var findings = new List<Finding>();
        var changes = new List<AppliedChange>();
        var present = rules.AnchorsIn(source.Text);
        if (!rules.AnyRuleMayApply(present)) return new FileRewriteResult(source, source, changes, findings, null);

        var current = source;
        var steps = new List<RewriteStep>();
        // The tree (and scope) of `current` when the last pass already made it: not parsed again.
        Parsed carried = default;
        for (int pass = 1; pass <= options.MaxPasses + 1; pass++)
        {
            var outcome = MatchPass(current, carried, pass == 1, rules, present, options, findings);
            carried = default;
            if (outcome.Refusal is { } refusal) return new FileRewriteResult(source, source, [], [], refusal);
            if (outcome.Step is not { } step) return Abandon(source, findings, Unparsable(outcome.Tree));
            if (step.Edits.Count == 0) return new FileRewriteResult(source, current, changes, findings, null) { Steps = steps };
            if (pass > options.MaxPasses)
                return Abandon(source, findings, $"rules kept changing the file after {options.MaxPasses} passes; the file was left unchanged");

            // The pass's tree lies in the large-object heap, which only a full collection frees: for a large file, free it
            // now, or the next parse doubles the peak. (A full collection costs milliseconds; parsing such a file, seconds.)
            if (current.Length >= LargeFile) GC.Collect();
            var mid = SourceEdits.Apply(current, step.Edits);
            steps.Add(new RewriteStep(current, step.Edits));
            var imports = ImportStep(outcome.Tree, mid, step, outcome.Before!, findings);
            if (imports.Problem is { } problem) return Abandon(source, findings, problem);
            if (imports.Edits is not { } importEdits) return new FileRewriteResult(source, source, [], findings, null);
            if (importEdits.Count > 0) steps.Add(new RewriteStep(mid, importEdits));
            current = imports.Result;
            carried = imports.Next;
            changes.AddRange(step.Applied);
        }
        return new FileRewriteResult(source, current, changes, findings, null) { Steps = steps };
    }

    /// <summary>Why a rewritten text was given up: it does not parse, or (a statement grown past what one parse may hold) it was not parsed.</summary>
    private static string Unparsable(SyntaxTree? tree) => tree?.NotParsed is { } why
        ? $"the rewritten file was not parsed ({why.Diagnostic.Message}); the file was left unchanged"
        : "a rewrite produced code that does not parse; the file was left unchanged";

    private static FileRewriteResult Abandon(SourceText source, List<Finding> findings, string why)
    {
        findings.Add(new Finding("-", FindingKind.NotApplied, 1, 1, why, 0));
        return new FileRewriteResult(source, source, [], findings, null);
    }

    /// <summary>A text's tree, and its scope when built already.</summary>
    private readonly record struct Parsed(SyntaxTree? Tree, ModuleScope? Scope);

    /// <summary>The import step's outcome: the text after it and its tree, the import edits (null: a needed import cannot be added), or why the pass's edits broke the file.</summary>
    private sealed record ImportOutcome(SourceText Result, List<TextEdit>? Edits, Parsed Next, string? Problem);

    /// <summary>
    /// Parses the pass's output (from the pass's tree when there is one: only the statements the edits touched), fixes its
    /// imports, and parses the result the same way for the next pass. A method of its own for the reason of <see cref="MatchPass"/>.
    /// </summary>
    private static ImportOutcome ImportStep(SyntaxTree? passTree, SourceText mid, StepResult step, ImportsBefore before, List<Finding> findings)
    {
        var midTree = passTree is null ? PythonParser.Parse(mid) : PythonParser.Reparse(passTree, mid, Changes(passTree.Source, step.Edits));
        if (midTree.HasErrors) return new ImportOutcome(mid, null, default, Unparsable(midTree));
        var midScope = ModuleScope.Build(midTree);
        var importEdits = FixImports(before, midScope, step.Requests, step.OldNames, findings);
        if (importEdits is null) return new ImportOutcome(mid, null, default, null);
        if (importEdits.Count == 0) return new ImportOutcome(mid, importEdits, new Parsed(midTree, midScope), null);
        var result = SourceEdits.Apply(mid, importEdits);
        // A large file is parsed afresh by the next pass, once this tree is garbage.
        var next = passTree is null ? default : new Parsed(PythonParser.Reparse(midTree, result, Changes(mid, importEdits)), null);
        return new ImportOutcome(result, importEdits, next, null);
    }

    /// <summary>The edits as byte changes of <paramref name="text"/>, in order.</summary>
    private static List<ByteChange> Changes(SourceText text, IEnumerable<TextEdit> edits)
        => [.. SourceEdits.Normalize(text, edits).Select(e => new ByteChange(e.Start, e.End, System.Text.Encoding.UTF8.GetByteCount(e.NewText)))];

    /// <summary>From this size in bytes, a file's trees are worth a full collection between passes.</summary>
    private const int LargeFile = 1 << 20;

    /// <summary>A pass's outcome: the input refused, or its code edits (null when the input no longer parses), what the import step needs of its imports, and its tree unless the file is large or most of its statements are edited (when the input no longer parses, that tree: it may say why).</summary>
    private sealed record PassOutcome(SourceError? Refusal, StepResult? Step, ImportsBefore? Before, SyntaxTree? Tree);

    /// <summary>
    /// Parses (unless <paramref name="parsed"/> holds the text's tree or scope already), matches and chooses the edits of
    /// one pass. A method of its own so that the scope and the matches — and for a large file the tree — are garbage once it
    /// returns, before the edited text is parsed (even in unoptimized code, which keeps every local of a method alive to its end).
    /// </summary>
    private static PassOutcome MatchPass(SourceText current, Parsed parsed, bool first, RuleSet rules, HashSet<string> present, RewriteOptions options, List<Finding> findings)
    {
        var scope = parsed.Scope;
        if (scope is null)
        {
            var tree = parsed.Tree ?? PythonParser.Parse(current);
            // The first pass refuses what CPython would reject (SyntaxGate); later passes only check that our own edits parse.
            if (first && SyntaxGate.Refusal(tree) is { } refusal) return new PassOutcome(refusal, null, null, null);
            if (tree.HasErrors) return new PassOutcome(null, null, null, tree);
            scope = ModuleScope.Build(tree);
        }
        var matches = Matcher.FindMatches(rules, scope, first ? present : null);
        var step = Step(scope, rules, matches, options, first ? findings : null);
        // A small file's tree is kept for the next parse, which then parses only the statements the edits touched — unless
        // there are edits for at least half its statements: then the re-parse saves little and the kept tree doubles the peak
        // (a file of 20k one-line matches: about 105x its size in memory instead of about 150x, in less time).
        bool keep = current.Length < LargeFile && step.Edits.Count * 2 < scope.Tree.Root.ChildCount;
        return new PassOutcome(null, step, step.Edits.Count == 0 ? null : ImportsBefore.Of(scope), keep ? scope.Tree : null);
    }

    private sealed record StepResult(List<TextEdit> Edits, List<AppliedChange> Applied, List<ImportRequest> Requests, HashSet<string> OldNames);

    private static StepResult Step(ModuleScope scope, RuleSet rules, IReadOnlyList<RuleMatch> matches, RewriteOptions options, List<Finding>? findings)
    {
        var ctx = new RewriteContext(scope, rules);
        var edits = new DisjointEdits();
        var applied = new List<AppliedChange>();
        var oldNames = new HashSet<string>(StringComparer.Ordinal);
        var requests = new List<ImportRequest>();
        var gated = new List<(RuleMatch Match, Versions.TargetVerdict Verdict)>();
        var gatedAt = new Dictionary<SyntaxNode, int>(); // site → its place in gated: one lookup per match, not a scan

        // The context stage: computed once per parsed tree, and only when something matched.
        var guards = matches.Count == 0 ? ModuleContext.Empty : ModuleContext.Analyze(scope, matches);
        var requested = new HashSet<ImportRequest>();
        // Most confident first; among equals, document order, so the choice is deterministic.
        var ordered = matches.OrderByDescending(m => m.Confidence).ThenBy(m => m.Node.StartByte).ThenBy(m => m.Rule.Id, StringComparer.Ordinal);
        foreach (var m in ordered)
        {
            void Report(FindingKind kind, string message) => findings?.Add(new Finding(m.Rule.Id, kind, m.Line, m.Column, message, m.Confidence));
            if (IsIgnored(scope.Tree.Source, m)) { Report(FindingKind.Ignored, "opted out by an apimig: ignore comment"); continue; }
            if (guards.Protecting(m) is { } region) { Report(FindingKind.Skipped, region.Message); continue; }
            // A weak match stays a low-confidence finding (and weak ones are not listed): the gate speaks for matches that would apply.
            if (m.Confidence >= options.MinConfidence && rules.TargetVerdict(m, scope) is { } verdict
                && !(verdict.Kind == Versions.TargetVerdictKind.Breaking && options.Unsafe && m.Rule.Safety != Safety.Manual))
            {
                // Reported after the loop, once per site, and not where another rule migrated the site.
                // The verdict of a rule that records when its replacement arrived says more than one that assumes it.
                if (!gatedAt.TryGetValue(m.Node, out int same)) { gatedAt[m.Node] = gated.Count; gated.Add((m, verdict)); }
                else if (gated[same].Match.Rule.IntroducedVersion is null && m.Rule.IntroducedVersion is not null) gated[same] = (m, verdict);
                continue;
            }
            var what = m.Rule.Description.Length > 0 ? m.Rule.Description : $"{m.Rule.Match} → {m.Rule.Replace}";
            if (m.Rule.Safety == Safety.Manual) { Report(FindingKind.Manual, $"migrate by hand: {what}"); continue; }
            if (m.Rule.Safety == Safety.Unsafe && !options.Unsafe) { Report(FindingKind.Unsafe, $"unsafe fix available (--unsafe): {what}"); continue; }
            if (m.Confidence < options.MinConfidence)
            {
                Report(FindingKind.LowConfidence, $"possible migration (confidence {m.Confidence:F2} < {options.MinConfidence:F2}): {what}; {string.Join("; ", m.Evidence)}");
                continue;
            }
            int mark = ctx.Printer.Mark;
            var rw = KindRewriters.Rewrite(m, ctx);
            if (rw.Problem is not null) { ctx.Printer.Rollback(mark); Report(FindingKind.CannotRewrite, rw.Problem); continue; }
            var fresh = rw.Edits.Where(e => !edits.Contains(e)).ToList();
            // Another rule already made exactly this change (a learned rule and a catalog entry for the same
            // documented change): one change, counted once, under the more confident rule.
            if (fresh.Count == 0 && rw.Edits.Count > 0) { ctx.Printer.Rollback(mark); continue; }
            if (fresh.Any(edits.OverlapsAny) || HasInternalOverlap(fresh))
            {
                // Overlaps a more confident edit; the next pass sees the new code and tries again.
                ctx.Printer.Rollback(mark);
                continue;
            }
            foreach (var e in fresh) edits.Add(e);
            foreach (var r in rw.Imports) if (requested.Add(r)) requests.Add(r);
            if (fresh.Count > 0)
            {
                applied.Add(new AppliedChange(m.Rule.Id, m.Rule.Kind, m.Line, m.Column, m.Confidence));
                foreach (var q in m.Rule.MatchPattern.QualifiedNames) oldNames.Add(q);
                if (m.IsImportSite && scope.Imports.FirstOrDefault(b => b.NameNode == m.Node) is { } b) oldNames.Add(b.QualifiedName);
            }
        }
        foreach (var (m, verdict) in gated)
            if (!edits.AnyWithin(m.Node.StartByte, m.Node.EndByte))
                findings?.Add(new Finding(m.Rule.Id, FindingOf(verdict.Kind), m.Line, m.Column, verdict.Message, m.Confidence));
        foreach (var r in ctx.Printer.Requested) if (requested.Add(r)) requests.Add(r);
        return new StepResult([.. edits.Items], applied, requests, oldNames);
    }

    private static bool HasInternalOverlap(List<TextEdit> edits)
    {
        for (int i = 0; i < edits.Count; i++)
            for (int j = i + 1; j < edits.Count; j++)
                if (edits[i].Overlaps(edits[j])) return true;
        return false;
    }

    internal static bool IsIgnored(SourceText source, RuleMatch m)
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
    /// After the code edits: add the imports the new code needs (each on its own line, in the file's
    /// style) and remove the imports of old APIs that nothing uses any more. A removed name and an added
    /// name of the same module trade places inside the statement, and a removed import line and an added
    /// one trade places in the file, so <c>import imp</c> becomes <c>import importlib</c> where it stood.
    /// Returns null when a needed import cannot be added: the rewrite must then not happen at all.
    /// </summary>
    private static List<TextEdit>? FixImports(ImportsBefore before, ModuleScope mid, List<ImportRequest> requests, HashSet<string> oldNames, List<Finding> findings)
    {
        // Unused imports of old APIs, grouped by statement so one statement gets one edit.
        var unused = new SortedDictionary<int, List<ImportBinding>>();
        ModuleContext? midGuards = null;
        foreach (var b in mid.Imports)
        {
            if (b.Form is ImportForm.Star or ImportForm.Future) continue;
            if (!Related(b, oldNames)) continue;
            // An import that was already unused before the rewrite is the user's business, not ours.
            if (before.Unused.Contains((b.LocalName, b.QualifiedName))) continue;
            if (ImportEditor.IsUsed(mid, b, requests)) continue;
            // A fallback import (`except ImportError:`) or one in a version branch stays, even when nothing uses it now.
            midGuards ??= ModuleContext.Analyze(mid, []);
            if (midGuards.Protecting(b.NameNode) is not null) continue;
            if (!unused.TryGetValue(b.Statement.Index, out var list)) unused[b.Statement.Index] = list = [];
            list.Add(b);
        }
        var source = mid.Tree.Source;
        var result = new List<TextEdit>();
        var pending = requests.Distinct().ToList();
        // 1. A from-import request takes the place of a removed name of the same module.
        var substitutions = new Dictionary<int, List<(ImportBinding Old, ImportRequest New)>>();
        foreach (var (index, list) in unused)
        {
            var stmt = list[0].Statement;
            if (stmt.Kind != "import_from_statement") continue;
            foreach (var old in list.ToList())
            {
                var req = pending.FirstOrDefault(r => r.Name is not null && r.Module == old.Module);
                if (req is null) continue;
                pending.Remove(req);
                if (!substitutions.TryGetValue(index, out var subs)) substitutions[index] = subs = [];
                subs.Add((old, req));
            }
        }
        var wholeLineRemovals = new List<TextEdit>();
        foreach (var (index, list) in unused)
        {
            var subs = substitutions.GetValueOrDefault(index) ?? [];
            var edit = subs.Count == 0
                ? ImportEditor.RemoveNames(mid, list)
                : ImportEditor.ReplaceNames(mid, list, subs.ToDictionary(x => x.Old.NameNode, x => x.New.Alias is null ? x.New.Name! : $"{x.New.Name} as {x.New.Alias}"));
            bool wholeLine = edit.NewText.Length == 0 && source.GetPosition(edit.Start).Column == 1 && IsLineEnd(source, edit.End);
            if (wholeLine) wholeLineRemovals.Add(edit); else result.Add(edit);
        }
        // 2. The rest get their own lines; a removed line takes the first of them in its place.
        var doomed = unused.Where(kv => !substitutions.ContainsKey(kv.Key) && kv.Value.Count == kv.Value[0].Statement.ChildrenByField("name").Count())
            .Select(kv => kv.Key).ToHashSet();
        var additions = new List<TextEdit>();
        foreach (var req in pending)
        {
            var r = ImportEditor.Add(mid, req, joinExisting: false, doomedStatements: doomed);
            if (!r.Ok)
            {
                findings.Add(new Finding("-", FindingKind.NotApplied, 1, 1, $"{r.Problem}; the file was left unchanged", 0));
                return null;
            }
            if (r.Edit is not null && !additions.Contains(r.Edit)) additions.Add(r.Edit);
        }
        foreach (var rem in wholeLineRemovals)
        {
            var add = additions.FirstOrDefault(a => a.Start == a.End && a.NewText.EndsWith(source.NewlineText, StringComparison.Ordinal));
            if (add is not null)
            {
                additions.Remove(add);
                result.Add(rem with { NewText = add.NewText });
            }
            else result.Add(rem);
        }
        // Several insertions at one point become one, in request order.
        foreach (var g in additions.GroupBy(a => (a.Start, a.End)))
        {
            var merged = g.First() with { NewText = string.Concat(g.Select(a => a.NewText)) };
            if (result.Any(r => r.Overlaps(merged)))
            {
                // The anchor line is being removed: put the new imports where it was.
                var host = result.First(r => r.Overlaps(merged));
                result.Remove(host);
                result.Add(host with { NewText = host.NewText + merged.NewText });
                continue;
            }
            result.Add(merged);
        }
        return result;
    }

    /// <summary>The imports of a pass's input that the code did not use, as (local name, qualified name).</summary>
    private sealed record ImportsBefore(HashSet<(string, string)> Unused)
    {
        public static ImportsBefore Of(ModuleScope scope)
        {
            var used = scope.Imports.Where(b => ImportEditor.IsUsed(scope, b)).Select(b => (b.LocalName, b.QualifiedName)).ToHashSet();
            return new ImportsBefore(scope.Imports.Select(b => (b.LocalName, b.QualifiedName)).Where(k => !used.Contains(k)).ToHashSet());
        }
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
