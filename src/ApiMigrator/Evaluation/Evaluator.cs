using System.Diagnostics;
using ApiMigrator.Data;
using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Llm.Prompts;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Evaluation;

/// <summary>What to evaluate and with what (the inputs of <c>apimig eval</c>).</summary>
public sealed record EvaluationSetup
{
    /// <summary>The pairs evaluated (e.g. the test split).</summary>
    public required IReadOnlyList<MigrationPair> Pairs { get; init; }

    /// <summary>Training pairs: few-shot examples come from these, and the learning curve subsamples them. May be empty.</summary>
    public IReadOnlyList<MigrationPair> TrainPairs { get; init; } = [];

    /// <summary>The rules.</summary>
    public required IReadOnlyList<MigrationRule> Rules { get; init; }

    /// <summary>
    /// The catalog of documented changes (<see cref="CatalogRow.ShippedCatalog"/>); when not empty, the rule tier is also
    /// run with <see cref="Rules"/> and these together, as the <see cref="CatalogRow.Label"/> row beside <c>rules</c>.
    /// </summary>
    public IReadOnlyList<MigrationRule> CatalogRules { get; init; } = [];

    /// <summary>Where the rules came from, for reports (e.g. "learned from 562 train pairs").</summary>
    public required string RulesOrigin { get; init; }

    /// <summary>The rules were learned from <see cref="TrainPairs"/> (so the learning curve can relearn from parts of them).</summary>
    public bool RulesLearned { get; init; }

    /// <summary>Pairs whose <c>source</c>/<c>note</c> document each pattern (doc-guided prompts); typically every pair loaded.</summary>
    public IReadOnlyList<MigrationPair> DocumentationPairs { get; init; } = [];

    /// <summary>Thresholds and the plain-tier strategy.</summary>
    public HybridOptions Hybrid { get; init; } = new();

    /// <summary>The approaches to run (<see cref="EvaluationStrategies.Names"/>).</summary>
    public IReadOnlyList<string> Strategies { get; init; } = EvaluationStrategies.Names;

    /// <summary>Run the ablations: every approach, the threshold sweeps, hybrid per plain strategy, the learning curve.</summary>
    public bool Ablation { get; init; }

    /// <summary>Seed of the learning curve's subsamples.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Few-shot examples per prompt.</summary>
    public int FewShotExamples { get; init; } = 3;

    /// <summary>Name of the evaluated split, for reports (test, test-unseen, all …).</summary>
    public string Split { get; init; } = "test";

    /// <summary>The dataset paths, for reports.</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];
}

/// <summary>One approach's run: its predictions, or why it was not run.</summary>
/// <param name="Name">The approach (<see cref="EvaluationStrategies.Names"/>).</param>
/// <param name="NotRun">Why it was not run (e.g. "not run (no model configured)"); null when it ran.</param>
/// <param name="Predictions">One per pair, in pair order (empty when not run).</param>
public sealed record StrategyRun(string Name, string? NotRun, IReadOnlyList<PairPrediction> Predictions)
{
    private StrategyMetrics? metrics;

    /// <summary>A label for variants (e.g. "hybrid (plain: zero-shot)"); the name otherwise.</summary>
    public string Label { get; init; } = Name;

    /// <summary>The aggregate numbers.</summary>
    public StrategyMetrics Metrics => metrics ??= StrategyMetrics.From(Predictions);

    /// <summary>Whether it ran.</summary>
    public bool Ran => NotRun is null;
}

/// <summary>Where the hybrid sends sites and pairs at the configured thresholds (known without a model).</summary>
/// <param name="Sites">Sites per tier (direct, guided, plain).</param>
/// <param name="Pairs">Pairs per least certain tier (direct, guided, plain, none).</param>
public sealed record HybridRouting(IReadOnlyDictionary<string, int> Sites, IReadOnlyDictionary<string, int> Pairs);

/// <summary>One cell of a threshold sweep.</summary>
public sealed record ThresholdPoint(double Direct, double Guided, StrategyMetrics Metrics);

/// <summary>One point of the learning curve: rules learned from a seeded part of the training pairs.</summary>
public sealed record LearningCurvePoint(double Fraction, int Seed, int TrainPairs, int Rules, StrategyMetrics RulesMetrics, StrategyMetrics? HybridMetrics);

/// <summary>The ablations (<c>--ablation</c>).</summary>
public sealed record AblationResult
{
    /// <summary>Rules alone at each direct threshold.</summary>
    public IReadOnlyList<ThresholdPoint> RulesSweep { get; init; } = [];

    /// <summary>The hybrid at each (direct, guided) pair with guided ≤ direct; empty without a model.</summary>
    public IReadOnlyList<ThresholdPoint> HybridSweep { get; init; } = [];

    /// <summary>The hybrid with each plain-tier strategy; empty without a model.</summary>
    public IReadOnlyList<StrategyRun> HybridVariants { get; init; } = [];

    /// <summary>The learning curve; empty when the rules were given rather than learned.</summary>
    public IReadOnlyList<LearningCurvePoint> LearningCurve { get; init; } = [];

    /// <summary>Why the learning curve is empty, if it is.</summary>
    public string? LearningCurveNotRun { get; init; }

    /// <summary>Why the hybrid sweep is empty, if it is.</summary>
    public string? HybridSweepNotRun { get; init; }

    /// <summary>Direct thresholds of the sweeps.</summary>
    public static IReadOnlyList<double> DirectGrid { get; } = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0];

    /// <summary>Guided thresholds of the hybrid sweep.</summary>
    public static IReadOnlyList<double> GuidedGrid { get; } = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>Fractions of the training pairs of the learning curve.</summary>
    public static IReadOnlyList<double> Fractions { get; } = [0.1, 0.25, 0.5, 1.0];

    /// <summary>Subsamples per fraction below 1 (seeds Seed, Seed+1, …).</summary>
    public const int Repeats = 3;
}

/// <summary>Everything one <c>apimig eval</c> run measured; the reports are renderings of this.</summary>
public sealed record EvaluationReport
{
    /// <summary>The inputs.</summary>
    public required EvaluationSetup Setup { get; init; }

    /// <summary>One run per requested approach, in <see cref="EvaluationStrategies.Names"/> order; the <see cref="CatalogRow"/> run follows <c>rules</c>.</summary>
    public required IReadOnlyList<StrategyRun> Runs { get; init; }

    /// <summary>The input left as it is: what similarity and accuracy are before any migration.</summary>
    public required StrategyRun Unchanged { get; init; }

    /// <summary>The rule matcher's calibration on the evaluated pairs.</summary>
    public required CalibrationResult Calibration { get; init; }

    /// <summary>Where the hybrid sends sites at the configured thresholds.</summary>
    public required HybridRouting Routing { get; init; }

    /// <summary>The ablations, when asked for.</summary>
    public AblationResult? Ablation { get; init; }

    /// <summary>The model's id; null without a model.</summary>
    public string? ModelId { get; init; }

    /// <summary>Prompt template versions by strategy.</summary>
    public required IReadOnlyDictionary<string, string> TemplateVersions { get; init; }

    /// <summary>The run of an approach, if it was requested.</summary>
    public StrategyRun? Run(string name) => Runs.FirstOrDefault(r => r.Name == name);
}

/// <summary>
/// Runs <c>apimig eval</c>'s experiments: each approach on the same pairs, calibration, routing, and the
/// ablations. Deterministic: pairs are processed in parallel but results keep pair order, and model answers
/// come from a greedy model or the answer cache.
/// </summary>
/// <param name="migrator">The model; null when none is configured (model approaches are then "not run").</param>
/// <param name="progress">Receives a line per experiment started (e.g. for stderr).</param>
public sealed class Evaluator(LlmMigrator? migrator, IProgress<string>? progress = null)
{
    /// <summary>What an approach that needs a model says when there is none.</summary>
    public const string NoModel = "not run (no model configured)";

    private const int PairParallelism = 16;

    /// <summary>Runs the evaluation.</summary>
    public async Task<EvaluationReport> RunAsync(EvaluationSetup setup, CancellationToken cancellationToken = default)
    {
        var rulesFor = RuleTierEvaluation.PerLibrary(setup.Rules);
        var retriever = setup.TrainPairs.Count > 0 ? new Bm25Retriever(setup.TrainPairs) : null;
        var hybrid = new HybridMigrator(migrator, retriever, memoize: true, setup.FewShotExamples);
        var contexts = new FileContexts(setup.DocumentationPairs.Concat(setup.Pairs));
        var names = setup.Ablation ? EvaluationStrategies.Names : EvaluationStrategies.Names.Where(setup.Strategies.Contains).ToList();

        var runs = new List<StrategyRun>();
        foreach (var name in names)
        {
            string? notRun = EvaluationStrategies.NeedsModel(name) && migrator is null ? NoModel
                : name == "few-shot" && retriever is null ? "not run (no training pairs to take examples from)"
                : null;
            if (notRun is not null) { runs.Add(new StrategyRun(name, notRun, [])); continue; }
            progress?.Report($"{name}: {setup.Pairs.Count} pairs");
            runs.Add(new StrategyRun(name, null, await RunAsync(name, setup.Pairs, rulesFor, hybrid, contexts, setup.Hybrid, cancellationToken).ConfigureAwait(false)));
            if (name == EvaluationStrategies.Rules && setup.CatalogRules.Count > 0)
            {
                progress?.Report($"{CatalogRow.Label}: {setup.Pairs.Count} pairs");
                runs.Add(CatalogRow.Run(setup));
            }
        }
        var unchanged = new StrategyRun("unchanged", null,
            setup.Pairs.Select(p => new PairPrediction(p, "unchanged", p.Before, Metrics.Score(p.Before, p.After), [], TimeSpan.Zero)).ToList());
        progress?.Report("calibration");
        var calibration = Calibration.Measure(setup.Pairs, rulesFor, setup.Hybrid.MinConfidence, setup.Hybrid.Unsafe);
        var routing = Routing(runs.FirstOrDefault(r => r.Name == EvaluationStrategies.Hybrid && r.Ran)?.Predictions
            ?? await RunAsync(EvaluationStrategies.Hybrid, setup.Pairs, rulesFor, new HybridMigrator(null, retriever, memoize: true, setup.FewShotExamples), contexts, setup.Hybrid, cancellationToken).ConfigureAwait(false));
        var ablation = setup.Ablation ? await AblateAsync(setup, rulesFor, hybrid, contexts, cancellationToken).ConfigureAwait(false) : null;
        return new EvaluationReport
        {
            Setup = setup,
            Runs = runs,
            Unchanged = unchanged,
            Calibration = calibration,
            Routing = routing,
            Ablation = ablation,
            ModelId = migrator?.ModelId,
            TemplateVersions = PromptStrategies.Names.ToDictionary(n => n, n => PromptStrategies.Create(n, new Bm25Retriever([])).TemplateVersion, StringComparer.Ordinal),
        };
    }

    /// <summary>Runs one approach over pairs (results in pair order).</summary>
    public async Task<IReadOnlyList<PairPrediction>> RunAsync(string name, IReadOnlyList<MigrationPair> pairs, Func<MigrationPair, RuleSet> rulesFor,
        HybridMigrator hybrid, FileContexts contexts, HybridOptions options, CancellationToken cancellationToken = default)
    {
        if (name == EvaluationStrategies.Rules)
            return RuleTierEvaluation.Run(pairs, rulesFor, options.DirectRewrite);
        if (!EvaluationStrategies.Names.Contains(name)) throw new ArgumentException($"unknown strategy '{name}' (known: {string.Join(", ", EvaluationStrategies.Names)})", nameof(name));
        var predictions = new PairPrediction[pairs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Count), new ParallelOptions { MaxDegreeOfParallelism = PairParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var pair = pairs[i];
                var clock = Stopwatch.StartNew();
                var source = SourceText.From(pair.Before);
                var context = contexts.For(pair);
                var result = name switch
                {
                    EvaluationStrategies.Hybrid => await hybrid.MigrateAsync(source, rulesFor(pair), context, options with { WholeSnippetWhenNoMatch = true }, ct).ConfigureAwait(false),
                    "rule-guided" => await hybrid.MigrateAsync(source, rulesFor(pair), context,
                        options with { ApplyRulesDirectly = false, GuidedThreshold = 0, WholeSnippetWhenNoMatch = false }, ct).ConfigureAwait(false),
                    _ => await hybrid.MigrateWholeAsync(source, context, name, cancellationToken: ct).ConfigureAwait(false),
                };
                clock.Stop();
                var prediction = result.Result.Text;
                predictions[i] = new PairPrediction(pair, name, prediction, Metrics.Score(prediction, pair.After), result.Decisions, clock.Elapsed)
                {
                    Refused = result.Refused?.Message,
                };
            }).ConfigureAwait(false);
        return predictions;
    }

    private static HybridRouting Routing(IReadOnlyList<PairPrediction> hybrid)
    {
        var sites = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["direct"] = 0, ["guided"] = 0, ["plain"] = 0 };
        foreach (var d in hybrid.SelectMany(p => p.Decisions)) sites[PairPrediction.TierName(d.Tier)]++;
        var pairs = ConfusionRow.Tiers.ToDictionary(t => t, t => hybrid.Count(p => p.Tier == t), StringComparer.Ordinal);
        return new HybridRouting(sites, pairs);
    }

    private async Task<AblationResult> AblateAsync(EvaluationSetup setup, Func<MigrationPair, RuleSet> rulesFor, HybridMigrator hybrid, FileContexts contexts,
        CancellationToken cancellationToken)
    {
        progress?.Report("ablation: rules threshold sweep");
        var rulesSweep = AblationResult.DirectGrid
            .Select(t => new ThresholdPoint(t, t, StrategyMetrics.From(RuleTierEvaluation.Run(setup.Pairs, rulesFor, new RewriteOptions { MinConfidence = t, Unsafe = setup.Hybrid.Unsafe }))))
            .ToList();

        var hybridSweep = new List<ThresholdPoint>();
        var variants = new List<StrategyRun>();
        if (migrator is not null)
        {
            progress?.Report("ablation: hybrid threshold sweep");
            foreach (var direct in AblationResult.DirectGrid)
                foreach (var guided in AblationResult.GuidedGrid.Where(g => g <= direct))
                {
                    var options = setup.Hybrid with { MinConfidence = direct, GuidedThreshold = guided };
                    var predictions = await RunAsync(EvaluationStrategies.Hybrid, setup.Pairs, rulesFor, hybrid, contexts, options, cancellationToken).ConfigureAwait(false);
                    hybridSweep.Add(new ThresholdPoint(direct, guided, StrategyMetrics.From(predictions)));
                }
            foreach (var plain in HybridOptions.PlainStrategies)
            {
                if (plain == "few-shot" && setup.TrainPairs.Count == 0) continue;
                progress?.Report($"ablation: hybrid with plain strategy {plain}");
                var predictions = await RunAsync(EvaluationStrategies.Hybrid, setup.Pairs, rulesFor, hybrid, contexts, setup.Hybrid with { PlainStrategy = plain }, cancellationToken).ConfigureAwait(false);
                variants.Add(new StrategyRun(EvaluationStrategies.Hybrid, null, predictions) { Label = $"hybrid (plain: {plain})" });
            }
        }

        var curve = new List<LearningCurvePoint>();
        string? curveNotRun = null;
        if (!setup.RulesLearned || setup.TrainPairs.Count == 0) curveNotRun = "not run (the rules were given, not learned from training pairs)";
        else
        {
            var ordered = setup.TrainPairs.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            foreach (var fraction in AblationResult.Fractions)
            {
                int repeats = fraction >= 1 ? 1 : AblationResult.Repeats;
                for (int r = 0; r < repeats; r++)
                {
                    int seed = setup.Seed + r;
                    progress?.Report(FormattableString.Invariant($"ablation: learning curve {fraction * 100:0}% of train (seed {seed})"));
                    var subset = new SeededRandom((ulong)seed).Shuffled(ordered).Take((int)Math.Ceiling(fraction * ordered.Count)).ToList();
                    var rules = Learning.RuleLearner.Learn(subset).Rules;
                    var subsetRules = RuleTierEvaluation.PerLibrary(rules);
                    var rulesMetrics = StrategyMetrics.From(RuleTierEvaluation.Run(setup.Pairs, subsetRules,
                        setup.Hybrid.DirectRewrite));
                    StrategyMetrics? hybridMetrics = null;
                    if (migrator is not null)
                    {
                        var subsetHybrid = new HybridMigrator(migrator, new Bm25Retriever(subset), memoize: true, setup.FewShotExamples);
                        hybridMetrics = StrategyMetrics.From(await RunAsync(EvaluationStrategies.Hybrid, setup.Pairs, subsetRules, subsetHybrid, contexts, setup.Hybrid, cancellationToken).ConfigureAwait(false));
                    }
                    curve.Add(new LearningCurvePoint(fraction, seed, subset.Count, rules.Count, rulesMetrics, hybridMetrics));
                }
            }
        }
        return new AblationResult
        {
            RulesSweep = rulesSweep,
            HybridSweep = hybridSweep,
            HybridSweepNotRun = migrator is null ? NoModel : null,
            HybridVariants = variants,
            LearningCurve = curve,
            LearningCurveNotRun = curveNotRun,
        };
    }
}

/// <summary>
/// What the hybrid knows about each pair beyond its code: library and versions, and the documented change
/// of its pattern (the dataset's <c>source</c> and <c>note</c>) for doc-guided prompts.
/// </summary>
public sealed class FileContexts
{
    private readonly Dictionary<string, DocHint> docs;

    /// <summary>Collects the documented changes of every pattern in <paramref name="documented"/>.</summary>
    public FileContexts(IEnumerable<MigrationPair> documented)
    {
        var list = documented.ToList();
        docs = DocHint.FromPairs(list, list.Where(p => p.Pattern is not null).Select(p => p.Pattern!))
            .ToDictionary(d => d.Pattern, StringComparer.Ordinal);
    }

    /// <summary>The context of one pair; unknown fields say so.</summary>
    public FileContext For(MigrationPair pair)
    {
        var unknown = FileContext.Unknown;
        var context = new FileContext(pair.Library ?? unknown.Library, pair.FromVersion ?? unknown.FromVersion, pair.ToVersion ?? unknown.ToVersion);
        return pair.Pattern is not null && docs.TryGetValue(pair.Pattern, out var doc) ? context with { Docs = [doc] } : context;
    }
}
