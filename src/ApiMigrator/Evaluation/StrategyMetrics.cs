using ApiMigrator.Data;
using ApiMigrator.Hybrid;
using ApiMigrator.Llm;

namespace ApiMigrator.Evaluation;

/// <summary>
/// The numbers of one approach over a set of pairs (README "Metrics"). Exact match, exact modulo formatting
/// and similarity are over the positive pairs (those that must change); negative pairs count in
/// <see cref="NegativeSafety"/>. Precision and coverage are about the pairs the approach changed.
/// </summary>
public sealed record StrategyMetrics
{
    /// <summary>Pairs evaluated.</summary>
    public int Pairs { get; init; }

    /// <summary>Pairs whose <c>after</c> differs from <c>before</c>.</summary>
    public int Positives { get; init; }

    /// <summary>Pairs whose <c>after</c> equals <c>before</c>.</summary>
    public int Negatives { get; init; }

    /// <summary>Positive pairs predicted byte for byte.</summary>
    public int ExactPositives { get; init; }

    /// <summary>Positive pairs predicted token for token.</summary>
    public int FormatPositives { get; init; }

    /// <summary>Sum of the positive pairs' similarities.</summary>
    public double SimilaritySum { get; init; }

    /// <summary>Pairs the approach changed.</summary>
    public int Acted { get; init; }

    /// <summary>Changed pairs that are now exactly right (necessarily positives).</summary>
    public int ActedRight { get; init; }

    /// <summary>Positive pairs the approach changed.</summary>
    public int ActedOnPositives { get; init; }

    /// <summary>Negative pairs left unchanged.</summary>
    public int NegativesUnchanged { get; init; }

    /// <summary>Model sites: asked (or, with no model, that would have been asked).</summary>
    public int ModelSites { get; init; }

    /// <summary>Model sites whose answer passed verification.</summary>
    public int ModelAccepted { get; init; }

    /// <summary>Model sites whose accepted answer is in the prediction.</summary>
    public int ModelApplied { get; init; }

    /// <summary>Model sites whose answer was rejected (empty, unparsable, unchanged, old API left) or never came.</summary>
    public int ModelRejected { get; init; }

    /// <summary>Exact positives / positives.</summary>
    public double ExactMatch => Ratio(ExactPositives, Positives);

    /// <summary>Token-identical positives / positives.</summary>
    public double ExactModuloFormatting => Ratio(FormatPositives, Positives);

    /// <summary>Mean similarity over positives.</summary>
    public double Similarity => Positives == 0 ? 0 : SimilaritySum / Positives;

    /// <summary>Right changes / changes made; 1 when nothing was changed.</summary>
    public double Precision => Acted == 0 ? 1 : (double)ActedRight / Acted;

    /// <summary>Positive pairs acted on / positive pairs.</summary>
    public double Coverage => Ratio(ActedOnPositives, Positives);

    /// <summary>Negatives left unchanged / negatives; 1 when there are none.</summary>
    public double NegativeSafety => Negatives == 0 ? 1 : (double)NegativesUnchanged / Negatives;

    /// <summary>All pairs right (positives exact, negatives unchanged) / pairs.</summary>
    public double Accuracy => Ratio(ExactPositives + NegativesUnchanged, Pairs);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    /// <summary>Aggregates predictions.</summary>
    public static StrategyMetrics From(IEnumerable<PairPrediction> predictions)
    {
        int pairs = 0, positives = 0, exact = 0, format = 0, acted = 0, actedRight = 0, actedPositives = 0, negativesUnchanged = 0;
        int sites = 0, accepted = 0, applied = 0, rejected = 0;
        double similarity = 0;
        foreach (var p in predictions)
        {
            pairs++;
            bool negative = p.Pair.IsNegative;
            if (!negative)
            {
                positives++;
                if (p.Score.Exact) exact++;
                if (p.Score.ExactModuloFormatting) format++;
                similarity += p.Score.Similarity;
            }
            else if (!p.Changed) negativesUnchanged++;
            if (p.Changed)
            {
                acted++;
                if (!negative) actedPositives++;
                if (!negative && p.Score.Exact) actedRight++;
            }
            foreach (var d in p.Decisions.Where(d => d.Tier != MigrationTier.Direct))
            {
                sites++;
                if (d.Verified) accepted++;
                if (d.Applied) applied++;
                if (d.Outcome is not null && d.Outcome != LlmOutcome.Accepted) rejected++;
            }
        }
        return new StrategyMetrics
        {
            Pairs = pairs, Positives = positives, Negatives = pairs - positives, ExactPositives = exact, FormatPositives = format,
            SimilaritySum = similarity, Acted = acted, ActedRight = actedRight, ActedOnPositives = actedPositives,
            NegativesUnchanged = negativesUnchanged, ModelSites = sites, ModelAccepted = accepted, ModelApplied = applied, ModelRejected = rejected,
        };
    }

    /// <summary>Metrics per group (library, kind, tier …), groups in ordinal order.</summary>
    public static IReadOnlyList<(string Group, StrategyMetrics Metrics)> By(IEnumerable<PairPrediction> predictions, Func<PairPrediction, string> key)
        => predictions.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, From(g))).ToList();

    /// <summary>The library of a pair for breakdowns ("unknown" when the dataset does not say).</summary>
    public static string LibraryOf(PairPrediction p) => p.Pair.Library ?? "unknown";

    /// <summary>The kind of a pair for breakdowns (api_rename, parameter, syntax, other, unknown).</summary>
    public static string KindOf(PairPrediction p) => MigrationPair.KindName(p.Pair.Kind);

    /// <summary>The pattern of a pair for breakdowns ("unknown" when the dataset does not say).</summary>
    public static string PatternOf(PairPrediction p) => p.Pair.Pattern ?? "unknown";
}

/// <summary>One row of the hybrid's confusion table: pairs whose least certain tier was <see cref="Tier"/>, right and wrong.</summary>
/// <param name="Tier">direct, guided, plain or none.</param>
/// <param name="Right">Pairs predicted exactly (negatives: left unchanged).</param>
/// <param name="Wrong">The other pairs.</param>
/// <param name="WrongAfterRejection">Wrong pairs where a model answer was rejected, so a site stayed unchanged.</param>
/// <param name="WrongApplied">Wrong pairs where a wrong change was applied.</param>
internal sealed record ConfusionRow(string Tier, int Right, int Wrong, int WrongAfterRejection, int WrongApplied)
{
    /// <summary>All pairs of the row.</summary>
    public int Pairs => Right + Wrong;

    /// <summary>The tiers in table order.</summary>
    public static IReadOnlyList<string> Tiers { get; } = ["direct", "guided", "plain", "none"];

    /// <summary>The table for one approach's predictions.</summary>
    public static IReadOnlyList<ConfusionRow> Table(IReadOnlyList<PairPrediction> predictions)
        => Tiers.Select(tier =>
        {
            var rows = predictions.Where(p => p.Tier == tier).ToList();
            var wrong = rows.Where(p => !p.Right).ToList();
            return new ConfusionRow(tier, rows.Count - wrong.Count, wrong.Count,
                wrong.Count(p => p.Verified == false), wrong.Count(p => p.Changed));
        }).ToList();
}
