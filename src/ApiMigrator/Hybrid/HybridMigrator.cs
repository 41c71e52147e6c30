using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using ApiMigrator.Context;
using ApiMigrator.Llm;
using ApiMigrator.Llm.Prompts;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Hybrid;

/// <summary>
/// What the caller knows about a file that the rules may not: its library and versions (used when the
/// routing rule does not say, and for sites no rule matched) and documented changes for doc-guided prompts.
/// </summary>
/// <param name="Library">e.g. <c>pandas</c>.</param>
/// <param name="FromVersion">e.g. <c>1.5</c>.</param>
/// <param name="ToVersion">e.g. <c>2.0</c>.</param>
public sealed record FileContext(string Library, string FromVersion, string ToVersion)
{
    /// <summary>What to say when nothing is known (an outside dataset with only id/before/after).</summary>
    public static FileContext Unknown { get; } = new("the Python library", "(old API)", "(new API)");

    /// <summary>Documented changes that may apply to this file (doc-guided prompts).</summary>
    public IReadOnlyList<DocHint> Docs { get; init; } = [];
}

/// <summary>The hybrid's outcome for one file.</summary>
/// <param name="Original">The input.</param>
/// <param name="Result">The migrated text (the input when nothing was applied or the file was refused).</param>
/// <param name="Decisions">One per site, in the order the tiers decided (direct first, then the model's sites in document order).</param>
/// <param name="Findings">What the direct tier reported (low confidence, manual, cannot rewrite …).</param>
/// <param name="Refused">Set when the file does not parse; nothing was tried.</param>
public sealed record HybridResult(
    SourceText Original, SourceText Result, IReadOnlyList<SiteDecision> Decisions, IReadOnlyList<Finding> Findings, SourceError? Refused)
{
    /// <summary>True when the output differs from the input.</summary>
    public bool Changed => Refused is null && !Original.Content.SequenceEqual(Result.Content);

    /// <summary>
    /// The direct tier's own result (its changes, findings and text, which is what the model tiers saw and what
    /// <see cref="SiteDecision.SiteStartByte"/> counts in); null when the direct tier was off or the file was refused.
    /// </summary>
    public FileRewriteResult? DirectTier { get; init; }
}

/// <summary>
/// The three tiers (docs/LLM.md, README "Hybrid"). Per site, the best rule match's confidence routes it:
/// at or above the direct threshold the rule applies itself (<see cref="Rewriter"/>); at or above the guided
/// threshold the model migrates the site's statement with that rule in a rule-guided prompt; below, or with
/// no rule, the model gets a plain prompt. An answer is applied only when verified — it parses, and the rule
/// matcher finds no old API left in it (<see cref="OldApiCheck"/>); otherwise the site stays unchanged and the
/// decision says why. Without a model the model tiers are recorded, not run. Thread-safe.
/// </summary>
public sealed class HybridMigrator
{
    private readonly LlmMigrator? migrator;
    private readonly Bm25Retriever? retriever;
    private readonly RuleGuidedStrategy ruleGuided = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<LlmMigrationResult>>> memo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<DirectStage>> directStages = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<RuleSet, object> ruleSetIds = [];
    private readonly bool memoize;
    private readonly int fewShotExamples;
    private int nextRuleSetId;

    /// <summary>
    /// A hybrid over <paramref name="migrator"/> (null: no model configured; the model tiers are reported, not run).
    /// <paramref name="retriever"/> indexes the training pairs for the few-shot strategy. With <paramref name="memoize"/>
    /// the direct tier's work and the model's answers are kept for the life of the instance, so that an experiment that
    /// asks about the same files again (a threshold sweep) does not redo them; leave it off when migrating many files once.
    /// </summary>
    public HybridMigrator(LlmMigrator? migrator, Bm25Retriever? retriever = null, bool memoize = false, int fewShotExamples = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fewShotExamples, 1);
        this.migrator = migrator;
        this.retriever = retriever;
        this.memoize = memoize;
        this.fewShotExamples = fewShotExamples;
    }

    /// <summary>Whether a model is configured.</summary>
    public bool HasModel => migrator is not null;

    /// <summary>Migrates one file through the three tiers.</summary>
    public async Task<HybridResult> MigrateAsync(SourceText source, RuleSet rules, FileContext context, HybridOptions options, CancellationToken cancellationToken = default)
    {
        var stage = memoize
            ? directStages.GetOrAdd($"{RuleSetId(rules)}|{options.ApplyRulesDirectly}|{options.MinConfidence.ToString("R", CultureInfo.InvariantCulture)}|{options.Unsafe}|{source.Text}",
                _ => new Lazy<DirectStage>(() => Direct(source, rules, options))).Value
            : Direct(source, rules, options);
        if (stage.Refused is not null) return new HybridResult(source, source, [], [], stage.Refused);
        var decisions = stage.Decisions.ToList();
        var current = stage.Current;
        var sites = new List<PlannedSite>();
        var remaining = stage.Remaining
            .Where(m => m.Confidence >= options.MinModelConfidence && (options.UnsafeMatchesToModel || options.Unsafe || m.Rule.Safety != Safety.Unsafe))
            .ToList();
        if (remaining.Count > 0) sites.AddRange(PlanSites(stage.Tree, remaining, context, options));
        else if (options.WholeSnippetWhenNoMatch && decisions.Count == 0 && stage.Findings.Count == 0 && current.Text.Trim().Length > 0)
            sites.Add(WholeFile(current, context));
        if (sites.Count == 0) return new HybridResult(source, current, decisions, stage.Findings, null) { DirectTier = stage.DirectTier };

        var answered = await Task.WhenAll(sites.Select(s => DecideAsync(s, rules, options, cancellationToken))).ConfigureAwait(false);
        var (result, llmDecisions) = Splice(current, answered, options.SpliceUnchangedAnswers);
        decisions.AddRange(llmDecisions);
        return new HybridResult(source, result, decisions, stage.Findings, null) { DirectTier = stage.DirectTier };
    }

    /// <summary>The direct tier's outcome and the matches left for the model tiers (the same for every guided threshold).</summary>
    private sealed record DirectStage(SourceText Current, SyntaxTree Tree, IReadOnlyList<SiteDecision> Decisions, IReadOnlyList<Finding> Findings,
        IReadOnlyList<RuleMatch> Remaining, SourceError? Refused)
    {
        public FileRewriteResult? DirectTier { get; init; }
    }

    private static DirectStage Direct(SourceText source, RuleSet rules, HybridOptions options)
    {
        var tree = PythonParser.Parse(source);
        if (SyntaxGate.Refusal(tree, "the file is not migrated") is { } refusal)
            return new DirectStage(source, tree, [], [], [], refusal);
        var decisions = new List<SiteDecision>();
        var findings = new List<Finding>();
        var current = source;
        FileRewriteResult? direct = null;
        if (options.ApplyRulesDirectly)
        {
            direct = Rewriter.Rewrite(source, rules, new RewriteOptions { MinConfidence = options.MinConfidence, Unsafe = options.Unsafe });
            findings.AddRange(direct.Findings);
            if (direct.Changed)
            {
                current = direct.Result;
                foreach (var c in direct.Changes)
                    decisions.Add(new SiteDecision(MigrationTier.Direct, c.Line, [c.RuleId], c.Confidence,
                        Route(c.Confidence, options, MigrationTier.Direct), Applied: true, Verified: true, Reason: null) { Column = c.Column });
                tree = PythonParser.Parse(current);
            }
        }
        var scope = ModuleScope.Build(tree);
        var found = Matcher.FindMatches(rules, scope);
        // A site a context guard protects is never sent to the model either; without the direct tier, say so here.
        var guards = found.Count == 0 ? ModuleContext.Empty : ModuleContext.Analyze(scope, found);
        var remaining = new List<RuleMatch>();
        foreach (var m in found)
        {
            if (m.Rule.Safety == Safety.Manual || Rewriter.IsIgnored(current, m)) continue;
            // A match the project's versions rule out is reported by the direct tier; the model is not asked either.
            if (rules.TargetVerdict(m, scope) is { } v && !(v.Kind == Versions.TargetVerdictKind.Breaking && options.Unsafe)) continue;
            if (guards.Protecting(m) is { } region)
            {
                if (!options.ApplyRulesDirectly) findings.Add(new Finding(m.Rule.Id, FindingKind.Skipped, m.Line, m.Column, region.Message, m.Confidence));
                continue;
            }
            remaining.Add(m);
        }
        return new DirectStage(current, tree, decisions, findings, remaining, null) { DirectTier = direct };
    }

    /// <summary>
    /// Migrates a whole snippet with one prompt strategy and no rules (the "prompt strategy alone"
    /// experiments): one site, the model may leave the code unchanged, and only the verifier's own checks
    /// (code present, parses) apply unless <paramref name="check"/> adds one.
    /// </summary>
    public async Task<HybridResult> MigrateWholeAsync(SourceText source, FileContext context, string strategy, Func<string, string?>? check = null,
        CancellationToken cancellationToken = default)
    {
        if (strategy == ruleGuided.Name) throw new ArgumentException("rule-guided needs a matched rule; use MigrateAsync with ApplyRulesDirectly = false", nameof(strategy));
        var tree = PythonParser.Parse(source);
        if (tree.HasErrors)
            return new HybridResult(source, source, [], [], new SourceError(SourceErrorKind.SyntaxError, source.Path, null, "syntax error; the file is not migrated"));
        var site = WholeFile(source, context) with { Strategy = strategy, Check = check is null ? null : (_, _) => check, CheckKey = check is null ? "none" : "custom:" + RuntimeHelpers.GetHashCode(check) };
        var answered = await DecideAsync(site, new RuleSet([]), new HybridOptions(), cancellationToken).ConfigureAwait(false);
        var (result, decisions) = Splice(source, [answered], spliceUnchanged: true);
        return new HybridResult(source, result, decisions, [], null);
    }

    /// <summary>A site the model is to migrate, before it is asked.</summary>
    private sealed record PlannedSite(MigrationTier Tier, MigrationSite Site, IReadOnlyList<RuleMatch> Matches, string Route)
    {
        /// <summary>1-based byte column of the best match (0: none).</summary>
        public int Column { get; init; }

        /// <summary>The strategy to use; null: rule-guided for the guided tier, the plain strategy otherwise.</summary>
        public string? Strategy { get; init; }

        /// <summary>Overrides the tier's check (the strategy-alone experiments).</summary>
        public Func<RuleSet, HybridOptions, Func<string, string?>?>? Check { get; init; }

        /// <summary>Identifies <see cref="Check"/> in the memo key.</summary>
        public string? CheckKey { get; init; }

        public IReadOnlyList<DocHint> Docs { get; init; } = [];
    }

    private sealed record AnsweredSite(PlannedSite Planned, SiteDecision Decision);

    private static IEnumerable<PlannedSite> PlanSites(SyntaxTree tree, IReadOnlyList<RuleMatch> matches, FileContext context, HybridOptions options)
    {
        // One site per smallest enclosing statement; a statement inside another site's statement (a call in
        // a `with` header and one in its body) joins the outer site, so no two answers replace overlapping bytes.
        var groups = new List<(SyntaxNode Statement, List<RuleMatch> Matches)>();
        foreach (var m in matches)
        {
            if (SiteExtractor.EnclosingStatement(m.Node) is not { } statement) continue;
            groups.Add((statement, [m]));
        }
        groups.Sort((a, b) => a.Statement.StartByte != b.Statement.StartByte
            ? a.Statement.StartByte.CompareTo(b.Statement.StartByte)
            : b.Statement.EndByte.CompareTo(a.Statement.EndByte));
        var merged = new List<(SyntaxNode Statement, List<RuleMatch> Matches)>();
        foreach (var g in groups)
        {
            if (merged.Count > 0 && g.Statement.StartByte < merged[^1].Statement.EndByte) merged[^1].Matches.AddRange(g.Matches);
            else merged.Add(g);
        }
        foreach (var (statement, group) in merged)
        {
            var ordered = group.OrderByDescending(m => m.Confidence).ThenBy(m => m.Node.StartByte).ThenBy(m => m.Rule.Id, StringComparer.Ordinal).ToList();
            var best = ordered[0];
            var tier = best.Confidence >= options.GuidedThreshold ? MigrationTier.Guided : MigrationTier.Plain;
            var routing = tier == MigrationTier.Guided
                ? ordered.Where(m => m.Confidence >= options.GuidedThreshold).DistinctBy(m => m.Rule.Id).ToList()
                : ordered.DistinctBy(m => m.Rule.Id).ToList();
            var library = best.Rule.Library is { Length: > 0 } l && l != "unknown" ? l : context.Library;
            var site = SiteExtractor.Extract(tree, best.Node.StartByte, best.Node.EndByte, library,
                best.Rule.FromVersion ?? context.FromVersion, best.Rule.ToVersion ?? context.ToVersion);
            if (site.StartByte != statement.StartByte)
            {
                // The best match sits in a nested statement of a merged site: the site is the outer statement.
                site = SiteExtractor.Extract(tree, statement.StartByte, statement.StartByte, library,
                    best.Rule.FromVersion ?? context.FromVersion, best.Rule.ToVersion ?? context.ToVersion) with { Target = best.Node.Text, Line = best.Line };
            }
            site = site with { ChangeRequired = tier == MigrationTier.Guided };
            var route = best.Confidence >= options.MinConfidence && options.ApplyRulesDirectly
                ? $"confidence {F(best.Confidence)} ≥ {F(options.MinConfidence)}, but the rule was not applied directly ({(best.Rule.Safety == Safety.Unsafe ? "unsafe rule" : "it could not rewrite the site")}); the rule guides the model"
                : Route(best.Confidence, options, tier);
            var docs = context.Docs.Concat(routing.Select(m => RuleHints.Doc(m.Rule)).OfType<DocHint>()).ToList();
            yield return new PlannedSite(tier, site, routing, route) { Docs = docs, Column = best.Column };
        }
    }

    private static PlannedSite WholeFile(SourceText source, FileContext context)
    {
        // The trailing line end stays outside the site, so the answer (which has none) keeps the file's.
        var text = source.Text.TrimEnd('\r', '\n', ' ', '\t');
        var site = new MigrationSite(text, context.Library, context.FromVersion, context.ToVersion)
        {
            Line = 1,
            FilePath = source.Path,
            StartByte = 0,
            EndByte = System.Text.Encoding.UTF8.GetByteCount(text),
            ChangeRequired = false,
        };
        return new PlannedSite(MigrationTier.Plain, site, [], "no rule matches the snippet") { Docs = context.Docs };
    }

    private async Task<AnsweredSite> DecideAsync(PlannedSite planned, RuleSet rules, HybridOptions options, CancellationToken cancellationToken)
    {
        var site = planned.Site;
        var ruleIds = planned.Matches.Select(m => m.Rule.Id).ToList();
        double? confidence = planned.Matches.Count == 0 ? null : planned.Matches.Max(m => m.Confidence);
        var strategyName = planned.Strategy ?? (planned.Tier == MigrationTier.Guided ? ruleGuided.Name : options.PlainStrategy);
        // The guided prompt shows the rules; a plain prompt shows no rule, only documentation (doc-guided).
        var context = planned.Tier == MigrationTier.Guided
            ? new PromptContext(site) { Rules = planned.Matches.Select(RuleHints.From).ToList() }
            : new PromptContext(site) { Docs = planned.Docs };
        var (strategy, fallback) = Strategy(strategyName, context);
        var decision = new SiteDecision(planned.Tier, site.Line ?? 1, ruleIds, confidence, planned.Route + fallback, Applied: false, Verified: false, Reason: null)
        {
            Column = planned.Column,
            SiteStartByte = site.StartByte,
            SiteEndByte = site.EndByte,
            SiteCode = site.Code,
            Strategy = strategy.Name,
            TemplateVersion = strategy.TemplateVersion,
        };
        if (migrator is null) return new AnsweredSite(planned, decision with { Reason = "not run (no model configured)" });

        Func<string, string?>? check;
        string checkKey;
        if (planned.Check is not null)
        {
            check = planned.Check(rules, options);
            checkKey = planned.CheckKey ?? "custom";
        }
        else if (planned.Tier == MigrationTier.Guided)
        {
            check = OldApiCheck.RoutingRulesGone(rules, ruleIds, site);
            checkKey = $"gone:{RuleSetId(rules)}:{string.Join(",", ruleIds.Order(StringComparer.Ordinal))}";
        }
        else
        {
            check = OldApiCheck.NoConfidentMatch(rules, options.MinConfidence, site);
            checkKey = $"confident:{RuleSetId(rules)}:{options.MinConfidence.ToString("R", CultureInfo.InvariantCulture)}";
        }
        var prompt = strategy.Build(context);
        var key = $"{AnswerRequest.HashMessages(prompt.Messages)}|{site.ChangeRequired}|{checkKey}";
        var result = memoize
            ? await memo.GetOrAdd(key, _ => new Lazy<Task<LlmMigrationResult>>(() => migrator.MigrateAsync(context, strategy, check, cancellationToken))).Value.ConfigureAwait(false)
            : await migrator.MigrateAsync(context, strategy, check, cancellationToken).ConfigureAwait(false);
        return new AnsweredSite(planned, decision with
        {
            PromptHash = result.PromptHash,
            ModelId = result.ModelId,
            TemplateVersion = result.TemplateVersion,
            RawAnswers = result.RawAnswers,
            Outcome = result.Outcome,
            FromCache = result.FromCache,
            Verified = result.Applicable,
            Reason = result.Applicable ? null : result.Reason,
            Code = result.Applicable ? result.Code : null,
            NewImports = result.Applicable ? result.NewImports : [],
        });
    }

    /// <summary>
    /// The strategy for a site, and a note when it is not the one asked for: few-shot without training pairs and
    /// doc-guided without a documented change fall back to zero-shot (the decision records it).
    /// </summary>
    private (IPromptStrategy Strategy, string Note) Strategy(string name, PromptContext context)
    {
        if (name == "few-shot" && retriever is null)
            return (PromptStrategies.Create("zero-shot"), "; no training pairs to take examples from, so zero-shot instead of few-shot");
        if (name == "doc-guided" && context.Docs.Count == 0 && context.Rules.Count == 0)
            return (PromptStrategies.Create("zero-shot"), "; no documented change is known here, so zero-shot instead of doc-guided");
        return (name == ruleGuided.Name ? ruleGuided : PromptStrategies.Create(name, retriever, fewShotExamples), "");
    }

    /// <summary>
    /// Puts the accepted answers into the file: each replaces its site's statement (re-indented, in the file's
    /// line ends), then the new imports are added in the file's style. An answer whose import cannot be added
    /// (the name is taken) is dropped, and if the spliced file does not parse every answer is dropped: the
    /// decision then says so, and the file keeps what the direct tier made of it. Without <paramref name="spliceUnchanged"/>,
    /// an answer that leaves its site as it was is not spliced in at all (<see cref="SiteDecision.LeftUnchanged"/>).
    /// </summary>
    private static (SourceText Result, List<SiteDecision> Decisions) Splice(SourceText current, IReadOnlyList<AnsweredSite> answered, bool spliceUnchanged)
    {
        var decisions = answered.Select(a => spliceUnchanged || a.Decision is not { Code: { } code, NewImports.Count: 0, SiteCode: { } siteCode }
                || !AnswerVerifier.SameCode(code, siteCode)
            ? a.Decision
            : a.Decision with { Code = null, LeftUnchanged = true, Reason = "the model left the site unchanged" }).ToList();
        var dropped = new Dictionary<int, string>();
        while (true)
        {
            var accepted = Enumerable.Range(0, answered.Count).Where(i => decisions[i].Code is not null && !dropped.ContainsKey(i)).ToList();
            if (accepted.Count == 0) return (current, Finish(decisions, dropped, accepted));
            var newline = current.NewlineText;
            var edits = accepted.Select(i =>
            {
                var site = answered[i].Planned.Site;
                var code = site.Reindent(decisions[i].Code!).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", newline, StringComparison.Ordinal);
                return new TextEdit(site.StartByte, site.EndByte, code);
            }).ToList();
            var text = SourceEdits.Apply(current, edits);
            int? failed = null;
            string? problem = null;
            foreach (var i in accepted)
            {
                foreach (var line in decisions[i].NewImports)
                {
                    var tree = PythonParser.Parse(text);
                    var added = AddImport(ModuleScope.Build(tree), line);
                    if (added.Problem is not null) { failed = i; problem = added.Problem; break; }
                    if (added.Edit is not null) text = SourceEdits.Apply(text, [added.Edit]);
                }
                if (failed is not null) break;
            }
            if (failed is { } f)
            {
                dropped[f] = $"the answer was verified but not applied: {problem}";
                continue;
            }
            if (PythonParser.Parse(text).HasErrors)
            {
                foreach (var i in accepted) dropped[i] = "the answer was verified but not applied: the file does not parse with the answers spliced in";
                continue;
            }
            return (text, Finish(decisions, dropped, accepted));
        }
    }

    private static List<SiteDecision> Finish(List<SiteDecision> decisions, Dictionary<int, string> dropped, List<int> applied)
    {
        var result = new List<SiteDecision>(decisions.Count);
        for (int i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            if (dropped.TryGetValue(i, out var why)) result.Add(d with { Applied = false, Reason = why, Code = null, NewImports = [] });
            else result.Add(d with { Applied = applied.Contains(i) });
        }
        return result;
    }

    private static ImportEditResult AddImport(ModuleScope scope, string line)
    {
        if (ImportRequest.TryParse(line) is { } request) return ImportEditor.Add(scope, request);
        // A form the request model does not cover (`import a, b`, parenthesized names): its own line after the imports.
        var source = scope.Tree.Source;
        var last = scope.Tree.Root.NamedChildren.Cast<SyntaxNode?>().LastOrDefault(s => s!.Value.Kind is "import_statement" or "import_from_statement" or "future_import_statement");
        int at = last is { } anchor ? LineEndAfter(source, anchor.EndByte) : 0;
        var prefix = at == source.Length && at > 0 && !source.Text.EndsWith('\n') ? source.NewlineText : "";
        return new ImportEditResult(TextEdit.Insert(at, prefix + line.Trim() + source.NewlineText), null, null);
    }

    private static int LineEndAfter(SourceText source, int offset)
    {
        var line = source.GetPosition(offset).Line;
        return line < source.LineCount ? source.LineStart(line + 1) : source.Length;
    }

    private int RuleSetId(RuleSet rules)
        => (int)ruleSetIds.GetValue(rules, _ => Interlocked.Increment(ref nextRuleSetId));

    private static string Route(double confidence, HybridOptions options, MigrationTier tier) => tier switch
    {
        MigrationTier.Direct => $"confidence {F(confidence)} ≥ {F(options.MinConfidence)}",
        MigrationTier.Guided => options.ApplyRulesDirectly
            ? $"confidence {F(confidence)} in [{F(options.GuidedThreshold)}, {F(options.MinConfidence)})"
            : $"confidence {F(confidence)} ≥ {F(options.GuidedThreshold)} (direct tier off)",
        _ => $"confidence {F(confidence)} < {F(options.GuidedThreshold)}",
    };

    private static string F(double d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
