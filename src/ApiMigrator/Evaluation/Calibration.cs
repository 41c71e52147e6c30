using System.Collections.Concurrent;
using ApiMigrator.Data;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Evaluation;

/// <summary>
/// One rule applied alone to one pair: its confidence (the weakest of its matches there) and whether the
/// change is right — on a shortest token edit path from <c>before</c> to <c>after</c>
/// (<see cref="Metrics.IsStepTowards"/>), so a right change in a pair that needs two rules still counts as right.
/// </summary>
public sealed record CalibrationPoint(string PairId, string RuleId, double Confidence, bool Right);

/// <summary>Matches whose confidence is in [<see cref="Lower"/>, <see cref="Upper"/>) and how many were right.</summary>
public sealed record CalibrationBucket(double Lower, double Upper, int Matches, int Right, double MeanConfidence)
{
    /// <summary>Right / matches (NaN for an empty bucket).</summary>
    public double Accuracy => Matches == 0 ? double.NaN : (double)Right / Matches;

    /// <summary>"[0.85, 0.90)"; the last bucket is closed: "[0.95, 1.00]".</summary>
    public string Label => Upper > 1 ? FormattableString.Invariant($"[{Lower:0.00}, 1.00]") : FormattableString.Invariant($"[{Lower:0.00}, {Upper:0.00})");
}

/// <summary>Confidence calibration of the rule matcher: is a match's confidence the chance that its change is right?</summary>
/// <param name="Points">Every (pair, rule) application.</param>
/// <param name="Buckets">Accuracy per confidence bucket.</param>
/// <param name="Threshold">The direct threshold the summary is about.</param>
/// <param name="NotRewritable">Matches whose rule could not build an edit (not judged).</param>
public sealed record CalibrationResult(IReadOnlyList<CalibrationPoint> Points, IReadOnlyList<CalibrationBucket> Buckets, double Threshold, int NotRewritable)
{
    /// <summary>The bucket edges; the last bucket includes 1.0.</summary>
    public static IReadOnlyList<double> Edges { get; } = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.000001];

    /// <summary>What the design asks of the direct tier: matches at or above the direct threshold right this often.</summary>
    public const double Target = 0.95;

    /// <summary>Matches at or above <see cref="Threshold"/>.</summary>
    public int AtOrAbove => Points.Count(p => p.Confidence >= Threshold);

    /// <summary>Right matches at or above <see cref="Threshold"/>.</summary>
    public int RightAtOrAbove => Points.Count(p => p.Confidence >= Threshold && p.Right);

    /// <summary>Accuracy at or above the threshold (NaN when there are none).</summary>
    public double AccuracyAtOrAbove => AtOrAbove == 0 ? double.NaN : (double)RightAtOrAbove / AtOrAbove;

    /// <summary>Whether the direct tier meets <see cref="Target"/>.</summary>
    public bool MeetsTarget => AtOrAbove > 0 && AccuracyAtOrAbove >= Target;

    /// <summary>Expected calibration error: Σ |accuracy − mean confidence| weighted by bucket size.</summary>
    public double ExpectedCalibrationError
    {
        get
        {
            int n = Buckets.Sum(b => b.Matches);
            return n == 0 ? double.NaN : Buckets.Where(b => b.Matches > 0).Sum(b => b.Matches * Math.Abs(b.Accuracy - b.MeanConfidence)) / n;
        }
    }
}

/// <summary>Measures <see cref="CalibrationResult"/> on a set of pairs.</summary>
public static class Calibration
{
    /// <summary>
    /// For every pair and every rule that matches its <c>before</c> (at any confidence; manual rules, and unsafe
    /// ones unless <paramref name="unsafeRules"/>, excluded as the direct tier excludes them), applies that rule
    /// alone and judges its change. Deterministic; runs in parallel.
    /// </summary>
    public static CalibrationResult Measure(IReadOnlyList<MigrationPair> pairs, Func<MigrationPair, RuleSet> rulesFor, double threshold, bool unsafeRules = false)
    {
        var single = new ConcurrentDictionary<MigrationRule, RuleSet>();
        var perPair = new List<CalibrationPoint>[pairs.Count];
        var notRewritable = new int[pairs.Count];
        Parallel.For(0, pairs.Count, i =>
        {
            var pair = pairs[i];
            var points = perPair[i] = [];
            var rules = rulesFor(pair);
            var source = SourceText.From(pair.Before);
            var tree = PythonParser.Parse(source);
            if (tree.HasErrors) return;
            var matched = Matcher.FindMatches(rules, ModuleScope.Build(tree))
                .Select(m => m.Rule)
                .Where(r => r.Safety == Safety.Safe || (r.Safety == Safety.Unsafe && unsafeRules))
                .DistinctBy(r => r.Id)
                .OrderBy(r => r.Id, StringComparer.Ordinal);
            foreach (var rule in matched)
            {
                var alone = single.GetOrAdd(rule, r => new RuleSet([r]));
                var result = Rewriter.Rewrite(source, alone, new RewriteOptions { MinConfidence = 0, Unsafe = unsafeRules });
                if (!result.Changed || result.Changes.Count == 0) { notRewritable[i]++; continue; }
                var confidence = result.Changes.Min(c => c.Confidence);
                points.Add(new CalibrationPoint(pair.Id, rule.Id, confidence, Metrics.IsStepTowards(pair.Before, result.Result.Text, pair.After)));
            }
        });
        var all = perPair.SelectMany(p => p).ToList();
        var buckets = new List<CalibrationBucket>();
        for (int b = 0; b + 1 < CalibrationResult.Edges.Count; b++)
        {
            double lo = CalibrationResult.Edges[b], hi = CalibrationResult.Edges[b + 1];
            var inside = all.Where(p => p.Confidence >= lo && p.Confidence < hi).ToList();
            buckets.Add(new CalibrationBucket(lo, hi, inside.Count, inside.Count(p => p.Right), inside.Count == 0 ? double.NaN : inside.Average(p => p.Confidence)));
        }
        return new CalibrationResult(all, buckets, threshold, notRewritable.Sum());
    }
}
