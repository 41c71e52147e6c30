using ApiMigrator.Data;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Evaluation;

/// <summary>The rule tier's outcome on one pair.</summary>
public sealed record PairOutcome(
    MigrationPair Pair,
    string Prediction,
    bool Acted,
    bool Exact,
    IReadOnlyList<AppliedChange> Changes,
    IReadOnlyList<Finding> Findings,
    string? Refused,
    TimeSpan Elapsed)
{
    /// <summary>The highest confidence among applied changes (0 when none).</summary>
    public double Confidence => Changes.Count == 0 ? 0 : Changes.Max(c => c.Confidence);
}

/// <summary>Headline numbers of the rule tier on a set of pairs.</summary>
public sealed record RuleTierMetrics(int Pairs, int Positives, int Negatives, int Acted, int ActedRight, int ExactPositives,
    int NegativesUnchanged, int Refused)
{
    /// <summary>Right changes / changes made (1 when nothing was changed).</summary>
    public double Precision => Acted == 0 ? 1 : (double)ActedRight / Acted;

    /// <summary>Positive pairs the rule tier acted on / positive pairs.</summary>
    public double Coverage => Positives == 0 ? 0 : (double)ActedOnPositives / Positives;

    /// <summary>Positive pairs migrated exactly right / positive pairs.</summary>
    public double ExactMatch => Positives == 0 ? 0 : (double)ExactPositives / Positives;

    /// <summary>Negative pairs left unchanged / negative pairs.</summary>
    public double NegativeSafety => Negatives == 0 ? 1 : (double)NegativesUnchanged / Negatives;

    /// <summary>Acted-on positives (acted minus acted-on negatives).</summary>
    public int ActedOnPositives { get; init; }
}

/// <summary>Runs the rule tier (direct application only) over pairs.</summary>
public static class RuleTierEvaluation
{
    /// <summary>
    /// The rules a pair is migrated with: the rules of the pair's own library when it names one (a user
    /// migrating pandas selects pandas rules, as with <c>migrate --select pandas</c>), else all rules.
    /// </summary>
    public static Func<MigrationPair, RuleSet> PerLibrary(IReadOnlyList<Rules.MigrationRule> rules)
    {
        var all = new RuleSet(rules);
        var byLibrary = rules.GroupBy(r => r.Library, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new RuleSet(g), StringComparer.Ordinal);
        var empty = new RuleSet([]);
        return pair => pair.Library is null ? all : byLibrary.GetValueOrDefault(pair.Library) ?? empty;
    }

    /// <summary>Rewrites every pair's <c>before</c> with one rule set.</summary>
    public static IReadOnlyList<PairOutcome> Run(IReadOnlyList<MigrationPair> pairs, RuleSet rules, RewriteOptions options)
        => Run(pairs, _ => rules, options);

    /// <summary>Rewrites every pair's <c>before</c> with the rules chosen for it; in parallel, results in input order.</summary>
    public static IReadOnlyList<PairOutcome> Run(IReadOnlyList<MigrationPair> pairs, Func<MigrationPair, RuleSet> rulesFor, RewriteOptions options)
    {
        var outcomes = new PairOutcome[pairs.Count];
        Parallel.For(0, pairs.Count, i =>
        {
            var pair = pairs[i];
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var result = Rewriter.Rewrite(SourceText.From(pair.Before), rulesFor(pair), options);
            sw.Stop();
            var prediction = result.Result.Text;
            outcomes[i] = new PairOutcome(pair, prediction, result.Changed, prediction == pair.After, result.Changes, result.Findings,
                result.Refused?.Message, sw.Elapsed);
        });
        return outcomes;
    }

    /// <summary>Aggregates outcomes.</summary>
    public static RuleTierMetrics Summarize(IReadOnlyList<PairOutcome> outcomes)
    {
        int positives = outcomes.Count(o => !o.Pair.IsNegative);
        int negatives = outcomes.Count - positives;
        int acted = outcomes.Count(o => o.Acted);
        int actedRight = outcomes.Count(o => o.Acted && o.Exact && !o.Pair.IsNegative);
        return new RuleTierMetrics(outcomes.Count, positives, negatives, acted, actedRight,
            outcomes.Count(o => !o.Pair.IsNegative && o.Exact),
            outcomes.Count(o => o.Pair.IsNegative && !o.Acted),
            outcomes.Count(o => o.Refused is not null))
        { ActedOnPositives = outcomes.Count(o => o.Acted && !o.Pair.IsNegative) };
    }
}
