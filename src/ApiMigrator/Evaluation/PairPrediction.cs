using ApiMigrator.Data;
using ApiMigrator.Hybrid;

namespace ApiMigrator.Evaluation;

/// <summary>The approaches <c>apimig eval</c> compares, by name.</summary>
public static class EvaluationStrategies
{
    /// <summary>Rules alone (the direct tier).</summary>
    public const string Rules = "rules";

    /// <summary>The three tiers.</summary>
    public const string Hybrid = "hybrid";

    /// <summary>Every approach, in the order reports list them: rules, the four prompt strategies alone, the hybrid.</summary>
    public static IReadOnlyList<string> Names { get; } = [Rules, "zero-shot", "few-shot", "rule-guided", "doc-guided", Hybrid];

    /// <summary>Whether the approach needs a model.</summary>
    public static bool NeedsModel(string name) => name != Rules;

    /// <summary>One line on what the approach does, for reports.</summary>
    public static string Describe(string name) => name switch
    {
        Rules => "learned rules applied directly at confidence ≥ the direct threshold; nothing else",
        "zero-shot" => "the model alone, whole snippet, task + library + versions",
        "few-shot" => "the model alone, whole snippet, with the k most similar training pairs (BM25)",
        "rule-guided" => "the model applies every rule match (any confidence) with the rule in the prompt; no rule, no change",
        "doc-guided" => "the model alone, whole snippet, with the pattern's documented change (source and note from the dataset)",
        Hybrid => "three tiers: rule ≥ direct threshold, rule-guided model ≥ guided threshold, plain prompt below or with no rule",
        _ => name,
    };
}

/// <summary>
/// One approach's prediction for one pair: the migrated <c>before</c>, how close it is to <c>after</c>, and
/// which tier, rules and prompts produced it.
/// </summary>
/// <param name="Pair">The pair.</param>
/// <param name="Strategy">The approach (<see cref="EvaluationStrategies.Names"/>).</param>
/// <param name="Prediction">The migrated <c>before</c> (the <c>before</c> itself when nothing was applied).</param>
/// <param name="Score">Exact, exact modulo formatting, similarity against <c>after</c>.</param>
/// <param name="Decisions">Every site decision, in order.</param>
/// <param name="Elapsed">Wall time for this pair (not deterministic; reported apart from the predictions).</param>
public sealed record PairPrediction(MigrationPair Pair, string Strategy, string Prediction, PairScore Score, IReadOnlyList<SiteDecision> Decisions, TimeSpan Elapsed)
{
    /// <summary>A reason the input could not be migrated at all (it does not parse); null normally.</summary>
    public string? Refused { get; init; }

    /// <summary>The prediction differs from <c>before</c>.</summary>
    public bool Changed => !string.Equals(Prediction, Pair.Before, StringComparison.Ordinal);

    /// <summary>Right: byte-identical to <c>after</c> (for a negative pair: left unchanged).</summary>
    public bool Right => Score.Exact;

    /// <summary>
    /// The pair's tier: the least certain tier that decided one of its sites (<c>plain</c> &lt; <c>guided</c> &lt; <c>direct</c>),
    /// or <c>none</c> when no site was found.
    /// </summary>
    public string Tier => Decisions.Count == 0 ? "none" : TierName(Decisions.Max(d => d.Tier));

    /// <summary>The rules that routed the pair's sites, each once, in order.</summary>
    public IReadOnlyList<string> RuleIds => Decisions.SelectMany(d => d.RuleIds).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The weakest routing confidence among the pair's sites; null when no rule routed any.</summary>
    public double? Confidence
    {
        get
        {
            double? weakest = null;
            foreach (var d in Decisions)
                if (d.Confidence is { } c && (weakest is null || c < weakest)) weakest = c;
            return weakest;
        }
    }

    /// <summary>
    /// Whether the model's answers passed verification: null when the model decided no site; true when every
    /// answer it was asked for was accepted; false when at least one was rejected (that site stayed unchanged).
    /// </summary>
    public bool? Verified
    {
        get
        {
            var asked = Decisions.Where(d => d.Tier != MigrationTier.Direct && d.Outcome is not null).ToList();
            return asked.Count == 0 ? null : asked.All(d => d.Verified);
        }
    }

    /// <summary>The prompt strategies used for the pair's sites, each once.</summary>
    public IReadOnlyList<string> Strategies => Decisions.Where(d => d.Strategy is not null).Select(d => d.Strategy!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The dataset name of a tier.</summary>
    public static string TierName(MigrationTier tier) => tier switch
    {
        MigrationTier.Direct => "direct",
        MigrationTier.Guided => "guided",
        _ => "plain",
    };
}
