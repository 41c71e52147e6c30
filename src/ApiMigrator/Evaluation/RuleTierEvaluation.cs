using System.Diagnostics;
using ApiMigrator.Data;
using ApiMigrator.Hybrid;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Evaluation;

/// <summary>Runs the rule tier (direct application only) over pairs.</summary>
public static class RuleTierEvaluation
{
    /// <summary>
    /// The rules a pair is migrated with: the rules of the pair's own library when it names one (a user
    /// migrating pandas selects pandas rules, as with <c>migrate --select pandas</c>), else all rules.
    /// </summary>
    public static Func<MigrationPair, RuleSet> PerLibrary(IReadOnlyList<MigrationRule> rules)
    {
        var all = new RuleSet(rules);
        var byLibrary = rules.GroupBy(r => r.Library, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new RuleSet(g), StringComparer.Ordinal);
        var empty = new RuleSet([]);
        return pair => pair.Library is null ? all : byLibrary.GetValueOrDefault(pair.Library) ?? empty;
    }

    /// <summary>Rewrites every pair's <c>before</c> with the rules chosen for it; in parallel, results in input order.</summary>
    public static IReadOnlyList<PairPrediction> Run(IReadOnlyList<MigrationPair> pairs, Func<MigrationPair, RuleSet> rulesFor, RewriteOptions options)
    {
        var predictions = new PairPrediction[pairs.Count];
        Parallel.For(0, pairs.Count, i =>
        {
            var pair = pairs[i];
            var clock = Stopwatch.StartNew();
            var result = Rewriter.Rewrite(SourceText.From(pair.Before), rulesFor(pair), options);
            clock.Stop();
            var prediction = result.Result.Text;
            var decisions = result.Changed
                ? result.Changes.Select(c => new SiteDecision(MigrationTier.Direct, c.Line, [c.RuleId], c.Confidence,
                    FormattableString.Invariant($"confidence {c.Confidence:0.00} ≥ {options.MinConfidence:0.00}"), Applied: true, Verified: true, Reason: null)).ToList()
                : [];
            predictions[i] = new PairPrediction(pair, EvaluationStrategies.Rules, prediction, Metrics.Score(prediction, pair.After), decisions, clock.Elapsed)
            {
                Refused = result.Refused?.Message,
            };
        });
        return predictions;
    }
}
