using System.Globalization;
using ApiMigrator.Llm;

namespace ApiMigrator.Evaluation.Reports;

/// <summary>One row of the headline table: an approach and its numbers, or why it was not run.</summary>
/// <param name="Approach">The approach's label.</param>
/// <param name="NotRun">Why it was not run; null when it ran.</param>
/// <param name="Cells">Pairs, exact, exact modulo formatting, similarity, precision, coverage, negatives unchanged (empty when not run).</param>
public sealed record HeadlineRow(string Approach, string? NotRun, IReadOnlyList<string> Cells);

/// <summary>Turns an <see cref="EvaluationReport"/> into report blocks (Markdown and HTML render the same blocks).</summary>
public static class ReportBuilder
{
    /// <summary>The headline table's column names after "approach".</summary>
    public static IReadOnlyList<string> HeadlineColumns { get; } =
        ["pairs", "exact", "exact (fmt)", "similarity", "precision", "coverage", "negatives unchanged"];

    /// <summary>The headline rows: every requested approach (not-run ones say why), then the unchanged input as a baseline.</summary>
    public static IReadOnlyList<HeadlineRow> Headline(EvaluationReport report)
    {
        var rows = new List<HeadlineRow>();
        foreach (var run in report.Runs.Concat(report.Ablation?.HybridVariants ?? []))
            rows.Add(run.Ran ? new HeadlineRow(run.Label, null, Cells(run.Metrics)) : new HeadlineRow(run.Label, run.NotRun, []));
        rows.Add(new HeadlineRow("unchanged input (baseline)", null, Cells(report.Unchanged.Metrics)));
        return rows;
    }

    private static List<string> Cells(StrategyMetrics m) =>
    [
        Int(m.Pairs),
        Frac(m.ExactPositives, m.Positives),
        Frac(m.FormatPositives, m.Positives),
        Dec(m.Similarity),
        m.Acted == 0 ? "— (0 changed)" : Frac(m.ActedRight, m.Acted),
        Frac(m.ActedOnPositives, m.Positives),
        Frac(m.NegativesUnchanged, m.Negatives),
    ];

    /// <summary>One line describing the run's inputs.</summary>
    public static string Summary(EvaluationReport report)
    {
        var s = report.Setup;
        int positives = s.Pairs.Count(p => !p.IsNegative);
        return Invariant($"Datasets: {string.Join(", ", s.Datasets.Select(d => $"`{d}`"))} · split: {s.Split} ({s.Pairs.Count} pairs: {positives} to migrate, {s.Pairs.Count - positives} negative) · ")
            + Invariant($"rules: {s.Rules.Count}, {s.RulesOrigin}{(s.CatalogRules.Count > 0 ? $" (+ {s.CatalogRules.Count} catalog rules in `{CatalogRow.Label}`)" : "")} · thresholds: direct {s.Hybrid.MinConfidence:0.00}, guided {s.Hybrid.GuidedThreshold:0.00} · plain strategy: {s.Hybrid.PlainStrategy} · ")
            + (report.ModelId is null ? "model: none configured (model approaches not run)." : $"model: `{report.ModelId}`.");
    }

    /// <summary>The calibration summary sentence (the design's requirement on the direct tier).</summary>
    public static string CalibrationSummary(CalibrationResult c)
        => c.AtOrAbove == 0
            ? Invariant($"No rule match reaches the direct threshold {c.Threshold:0.00} on these pairs.")
            : Invariant($"Matches with confidence ≥ {c.Threshold:0.00}: {c.RightAtOrAbove}/{c.AtOrAbove} right ({Pct(c.AccuracyAtOrAbove)}); the design asks for ≥ {Pct0(CalibrationResult.Target)}: ")
              + (c.MeetsTarget ? "met." : "NOT met.")
              + Invariant($" Expected calibration error {Dec(c.ExpectedCalibrationError)}.");

    /// <summary>All blocks of the report, plots included.</summary>
    public static IReadOnlyList<ReportBlock> Build(EvaluationReport report)
    {
        var blocks = new List<ReportBlock>
        {
            new ReportHeading(1, "ApiMigrator evaluation"),
            new ReportParagraph(Summary(report)),
            new ReportParagraph("Exact: the prediction is byte-identical to `after`. Exact (fmt): the same Python token sequence (spacing, line breaks inside brackets, "
                + "blank lines, indent width and line ends ignored). Similarity: 1 − token edit distance / longer token count, in [0, 1]. These three are over the pairs "
                + "that must change. Precision: changed pairs that are now exactly right / pairs changed. Coverage: pairs that must change and were changed / those pairs. "
                + "Negatives unchanged: pairs that must not change and were left alone."),
        };
        var ran = report.Runs.Where(r => r.Ran).ToList();

        blocks.Add(new ReportHeading(2, "Headline"));
        blocks.Add(new ReportTable(["approach", .. HeadlineColumns],
            Headline(report).Select(r => (IReadOnlyList<string>)(r.NotRun is null ? [r.Approach, .. r.Cells] : [r.Approach, "—", r.NotRun, "", "", "", "", ""])).ToList()));
        blocks.Add(new ReportTable(["approach", "what it does"],
            report.Runs.Select(r => (IReadOnlyList<string>)[r.Label, r.Label == CatalogRow.Label ? CatalogRow.Description : EvaluationStrategies.Describe(r.Name)]).ToList()) { LeftColumns = 2 });
        if (ran.Count > 0) blocks.Add(new ReportImage("accuracy-per-approach", "Exact match and similarity per approach (pairs that must change)", ReportPlots.AccuracyPerApproach(report)));

        blocks.Add(new ReportHeading(2, "Per library"));
        blocks.Add(new ReportParagraph("Each cell: exact match over the pairs that must change; after `neg`, the negative pairs left unchanged. "
            + "The same breakdowns per kind and per pattern follow; `metrics.json` has every metric per group."));
        blocks.Add(GroupTable(report, "library", StrategyMetrics.LibraryOf));
        if (ran.Count > 0) blocks.Add(new ReportImage("accuracy-per-library", "Exact match per library", ReportPlots.AccuracyPerLibrary(report)));
        blocks.Add(new ReportHeading(2, "Per kind"));
        blocks.Add(GroupTable(report, "kind", StrategyMetrics.KindOf));

        blocks.Add(new ReportHeading(2, "Hybrid: tiers"));
        var r = report.Routing;
        blocks.Add(new ReportParagraph(Invariant($"At direct {report.Setup.Hybrid.MinConfidence:0.00} / guided {report.Setup.Hybrid.GuidedThreshold:0.00} the hybrid routes ")
            + Invariant($"{r.Sites["direct"]} sites to the rule directly, {r.Sites["guided"]} to rule-guided prompts and {r.Sites["plain"]} to plain prompts ({report.Setup.Hybrid.PlainStrategy}); ")
            + Invariant($"by least certain tier, {r.Pairs["direct"]} pairs are decided by rules alone, {r.Pairs["guided"]} involve a guided site, {r.Pairs["plain"]} a plain site, and {r.Pairs["none"]} have no site.")
            + (report.Run(EvaluationStrategies.Hybrid) is { Ran: true } ? "" : " (Routing only: the model tiers were not run.)")));
        foreach (var run in report.Runs.Where(x => x.Ran && x.Name is EvaluationStrategies.Hybrid or "rule-guided"))
        {
            blocks.Add(new ReportHeading(3, $"Confusion: {run.Label} (pairs by least certain tier × right/wrong)"));
            blocks.Add(new ReportTable(["tier", "pairs", "right", "wrong", "wrong: a change applied", "wrong: an answer rejected"],
                ConfusionRow.Table(run.Predictions).Where(c => c.Pairs > 0)
                    .Select(c => (IReadOnlyList<string>)[c.Tier, Int(c.Pairs), Frac(c.Right, c.Pairs), Int(c.Wrong), Int(c.WrongApplied), Int(c.WrongAfterRejection)]).ToList()));
        }
        var modelRuns = report.Runs.Concat(report.Ablation?.HybridVariants ?? []).Where(x => x.Ran && x.Name != EvaluationStrategies.Rules).ToList();
        if (modelRuns.Count > 0)
        {
            blocks.Add(new ReportHeading(3, "Model answers"));
            blocks.Add(new ReportParagraph("Sites the model was asked about, and what became of the last answer: accepted answers are applied; "
                + "a rejected one (after one retry with the reason fed back) leaves its site unchanged."));
            var outcomes = new (LlmOutcome Outcome, string Label)[]
            {
                (LlmOutcome.EmptyAnswer, "rejected: empty"), (LlmOutcome.SyntaxError, "rejected: does not parse"), (LlmOutcome.Unchanged, "rejected: unchanged"),
                (LlmOutcome.CheckFailed, "rejected: old API left"), (LlmOutcome.RequestFailed, "no answer"),
            };
            blocks.Add(new ReportTable(["approach", "sites asked", "accepted", "applied", .. outcomes.Select(o => o.Label)],
                modelRuns.Select(x =>
                {
                    var asked = x.Predictions.SelectMany(p => p.Decisions).Where(d => d.Outcome is not null).ToList();
                    return (IReadOnlyList<string>)[x.Label, Int(x.Metrics.ModelSites), Int(x.Metrics.ModelAccepted), Int(x.Metrics.ModelApplied),
                        .. outcomes.Select(o => Int(asked.Count(d => d.Outcome == o.Outcome)))];
                }).ToList()));
        }

        blocks.Add(new ReportHeading(2, "Confidence calibration"));
        var c = report.Calibration;
        blocks.Add(new ReportParagraph("Every rule that matches a pair is applied alone; its change is right when it lies on a shortest token edit path from `before` to `after` "
            + "(so a right change counts even where the pair needs a second rule). Confidence is the match's (the weakest when a rule matches a pair twice)."
            + (c.NotRewritable > 0 ? Invariant($" {c.NotRewritable} matches could not be rewritten and are not counted.") : "")));
        blocks.Add(new ReportTable(["confidence", "matches", "right", "accuracy", "mean confidence"],
            c.Buckets.Select(b => (IReadOnlyList<string>)[b.Label, Int(b.Matches), Int(b.Right), Pct(b.Accuracy), Dec(b.MeanConfidence)]).ToList()));
        blocks.Add(new ReportParagraph(CalibrationSummary(c)));
        if (c.Points.Count > 0) blocks.Add(new ReportImage("calibration", "Calibration: accuracy per confidence bucket (marker area ∝ matches); the diagonal is perfect calibration", ReportPlots.Calibration(c)));

        if (report.Ablation is { } ab) AddAblation(blocks, report, ab);

        blocks.Add(new ReportHeading(2, "Per pattern"));
        blocks.Add(GroupTable(report, "pattern", StrategyMetrics.PatternOf));

        blocks.Add(new ReportHeading(2, "Wrong changes"));
        blocks.Add(new ReportParagraph("Pairs an approach changed but not into `after` (all of them are in `predictions.jsonl` with the prediction and every decision)."));
        var wrong = ran.SelectMany(x => x.Predictions.Where(p => p.Changed && !p.Right).Select(p => (Run: x, P: p))).ToList();
        const int Limit = 60;
        blocks.Add(new ReportTable(["approach", "pair", "tier", "rules", "similarity"],
            wrong.Take(Limit).Select(w => (IReadOnlyList<string>)[w.Run.Label, w.P.Pair.Id, w.P.Tier, string.Join(", ", w.P.RuleIds), Dec(w.P.Score.Similarity)]).ToList()) { LeftColumns = 4 });
        if (wrong.Count > Limit) blocks.Add(new ReportParagraph(Invariant($"…and {wrong.Count - Limit} more.")));
        return blocks;
    }

    private static void AddAblation(List<ReportBlock> blocks, EvaluationReport report, AblationResult ab)
    {
        blocks.Add(new ReportHeading(2, "Ablations"));
        blocks.Add(new ReportParagraph("All approaches ran on the same pairs (headline table above, including the hybrid with each plain-tier strategy when a model is configured)."));

        blocks.Add(new ReportHeading(3, "Direct threshold sweep (rules alone)"));
        blocks.Add(new ReportTable(["direct threshold", "precision", "coverage", "exact", "negatives unchanged"],
            ab.RulesSweep.Select(p => (IReadOnlyList<string>)[Dec2(p.Direct), Frac(p.Metrics.ActedRight, p.Metrics.Acted), Frac(p.Metrics.ActedOnPositives, p.Metrics.Positives),
                Frac(p.Metrics.ExactPositives, p.Metrics.Positives), Frac(p.Metrics.NegativesUnchanged, p.Metrics.Negatives)]).ToList()));
        blocks.Add(new ReportImage("threshold-sweep-rules", "Rules alone: precision, coverage and exact match against the direct threshold", ReportPlots.RulesSweep(ab)));

        blocks.Add(new ReportHeading(3, "Threshold sweep (hybrid): exact match by direct × guided threshold"));
        if (ab.HybridSweep.Count == 0) blocks.Add(new ReportParagraph($"Hybrid sweep {ab.HybridSweepNotRun ?? "not run"}."));
        else
        {
            var guided = AblationResult.GuidedGrid;
            blocks.Add(new ReportTable(["direct \\ guided", .. guided.Select(Dec2)],
                AblationResult.DirectGrid.Select(d => (IReadOnlyList<string>)[Dec2(d), .. guided.Select(g =>
                    ab.HybridSweep.FirstOrDefault(p => p.Direct == d && p.Guided == g) is { } cell ? Pct(cell.Metrics.ExactMatch) : "")]).ToList()));
            blocks.Add(new ReportImage("threshold-heatmap", "Hybrid exact match by direct (rows) and guided (columns) threshold; blank: guided > direct", ReportPlots.HybridHeatmap(ab)));
        }

        blocks.Add(new ReportHeading(3, "Learning curve"));
        if (ab.LearningCurve.Count == 0) blocks.Add(new ReportParagraph($"Learning curve {ab.LearningCurveNotRun ?? "not run"}."));
        else
        {
            blocks.Add(new ReportParagraph(Invariant($"Rules relearned from a seeded random part of the training pairs ({AblationResult.Repeats} subsamples per fraction below 100%, seeds {report.Setup.Seed}…{report.Setup.Seed + AblationResult.Repeats - 1}); means, with the range of exact match.")));
            bool hybrid = ab.LearningCurve.Any(p => p.HybridMetrics is not null);
            blocks.Add(new ReportTable(["train fraction", "train pairs", "rules", "exact (rules)", "range", "coverage", "precision", .. hybrid ? new[] { "exact (hybrid)" } : []],
                LearningCurve(ab).Select(p => (IReadOnlyList<string>)[Pct0(p.Fraction), Int(p.TrainPairs), Dec1(p.Rules), Pct(p.Exact), $"{Pct(p.ExactMin)}–{Pct(p.ExactMax)}",
                    Pct(p.Coverage), Pct(p.Precision), .. hybrid ? new[] { Pct(p.HybridExact) } : []]).ToList()));
            blocks.Add(new ReportImage("learning-curve", "Learning curve: rule-tier metrics against the share of training pairs (bars: range over subsamples)", ReportPlots.LearningCurve(ab)));
        }
    }

    /// <summary>A learning-curve fraction's means over its subsamples.</summary>
    public sealed record CurveMean(double Fraction, int TrainPairs, double Rules, double Exact, double ExactMin, double ExactMax, double Coverage, double Precision, double HybridExact);

    /// <summary>The learning curve averaged per fraction.</summary>
    public static IReadOnlyList<CurveMean> LearningCurve(AblationResult ab)
        => ab.LearningCurve.GroupBy(p => p.Fraction).OrderBy(g => g.Key).Select(g => new CurveMean(
            g.Key, g.First().TrainPairs, g.Average(p => p.Rules), g.Average(p => p.RulesMetrics.ExactMatch), g.Min(p => p.RulesMetrics.ExactMatch), g.Max(p => p.RulesMetrics.ExactMatch),
            g.Average(p => p.RulesMetrics.Coverage), g.Average(p => p.RulesMetrics.Precision),
            g.All(p => p.HybridMetrics is not null) ? g.Average(p => p.HybridMetrics!.ExactMatch) : double.NaN)).ToList();

    private static ReportTable GroupTable(EvaluationReport report, string name, Func<PairPrediction, string> key)
    {
        var runs = report.Runs.Concat(report.Ablation?.HybridVariants ?? []).Where(r => r.Ran).ToList();
        var groups = report.Unchanged.Predictions.Select(key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byRun = runs.Select(r => StrategyMetrics.By(r.Predictions, key).ToDictionary(g => g.Group, g => g.Metrics, StringComparer.Ordinal)).ToList();
        var unchanged = StrategyMetrics.By(report.Unchanged.Predictions, key).ToDictionary(g => g.Group, g => g.Metrics, StringComparer.Ordinal);
        var rows = groups.Select(g =>
        {
            var u = unchanged[g];
            var cells = new List<string> { g, Invariant($"{u.Positives}+{u.Negatives}") };
            foreach (var m in byRun) cells.Add(m.TryGetValue(g, out var x) ? ExactCell(x) : "");
            return (IReadOnlyList<string>)cells;
        }).ToList();
        return new ReportTable([name, "pairs (+neg)", .. runs.Select(r => r.Label)], rows);
    }

    /// <summary>Exact over positives, and the negatives kept when there are any.</summary>
    private static string ExactCell(StrategyMetrics m)
        => (m.Positives == 0 ? "—" : Frac(m.ExactPositives, m.Positives)) + (m.Negatives == 0 ? "" : Invariant($"; neg {m.NegativesUnchanged}/{m.Negatives}"));

    internal static string Frac(int a, int b) => b == 0 ? "—" : Invariant($"{Pct((double)a / b)} ({a}/{b})");

    internal static string Pct(double x) => double.IsNaN(x) ? "—" : (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Pct0(double x) => (x * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    internal static string Dec(double x) => double.IsNaN(x) ? "—" : x.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Dec1(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Dec2(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
