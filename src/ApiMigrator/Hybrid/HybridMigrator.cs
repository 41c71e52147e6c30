using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using ApiMigrator.Llm;
using ApiMigrator.Llm.Prompts;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Hybrid;

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
                _ => new Lazy<DirectStage>(() => DirectStage.Run(source, rules, options))).Value
            : DirectStage.Run(source, rules, options);
        if (stage.Refused is not null) return new HybridResult(source, source, [], [], stage.Refused);
        var decisions = stage.Decisions.ToList();
        var current = stage.Current;
        var sites = new List<PlannedSite>();
        var remaining = stage.Remaining
            .Where(m => m.Confidence >= options.MinModelConfidence && (options.UnsafeMatchesToModel || options.Unsafe || m.Rule.Safety != Safety.Unsafe))
            .ToList();
        if (remaining.Count > 0) sites.AddRange(SitePlanner.Plan(stage.Tree, remaining, context, options));
        else if (options.WholeSnippetWhenNoMatch && decisions.Count == 0 && stage.Findings.Count == 0 && current.Text.Trim().Length > 0)
            sites.Add(SitePlanner.WholeFile(current, context));
        if (sites.Count == 0) return new HybridResult(source, current, decisions, stage.Findings, null) { DirectTier = stage.DirectTier };

        var answered = await Task.WhenAll(sites.Select(s => DecideAsync(s, rules, options, cancellationToken))).ConfigureAwait(false);
        var (result, llmDecisions) = AnswerSplicer.Splice(current, answered, options.SpliceUnchangedAnswers);
        decisions.AddRange(llmDecisions);
        return new HybridResult(source, result, decisions, stage.Findings, null) { DirectTier = stage.DirectTier };
    }

    /// <summary>Whether <paramref name="strategy"/> names the rule-guided prompt, which needs a matched rule.</summary>
    internal bool IsRuleGuided(string strategy) => strategy == ruleGuided.Name;

    /// <summary>
    /// Asks the model about one planned site (unless there is no model: then the decision says so) and verifies the
    /// answer; with memoizing, the same prompt and check are asked once per instance.
    /// </summary>
    internal async Task<AnsweredSite> DecideAsync(PlannedSite planned, RuleSet rules, HybridOptions options, CancellationToken cancellationToken)
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

    private int RuleSetId(RuleSet rules)
        => (int)ruleSetIds.GetValue(rules, _ => Interlocked.Increment(ref nextRuleSetId));
}
