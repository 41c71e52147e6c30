using System.Diagnostics;
using ApiMigrator.Data;
using ApiMigrator.Hybrid;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Versions;

namespace ApiMigrator.Evaluation;

/// <summary>Runs the rule tier (direct application only) over pairs.</summary>
internal static class RuleTierEvaluation
{
    /// <summary>
    /// The rules a pair is migrated with: the rules of the pair's own library when it names one (a user
    /// migrating pandas selects pandas rules, as with <c>migrate --select pandas</c>), else all rules. A pair's
    /// <c>to_version</c> is its target (<see cref="PairTargets"/>), as a project's declared versions are in <c>migrate</c>.
    /// </summary>
    public static Func<MigrationPair, RuleSet> PerLibrary(IReadOnlyList<MigrationRule> rules)
    {
        var all = new RuleSet(rules);
        var byLibrary = rules.GroupBy(r => r.Library, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new RuleSet(g), StringComparer.Ordinal);
        var empty = new RuleSet([]);
        var targeted = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), RuleSet>();
        return pair =>
        {
            if (pair.Library is null) return all;
            var set = byLibrary.GetValueOrDefault(pair.Library) ?? empty;
            if (PairTargets(pair) is not { } targets || set.Rules.Count == 0) return set;
            return targeted.GetOrAdd((pair.Library, pair.ToVersion!), _ => new RuleSet(set.Rules) { Targets = new TargetGate(targets) });
        };
    }

    /// <summary>
    /// A pair's target: exactly its <c>to_version</c> of its library (of Python for <c>stdlib</c>); null when it names
    /// no library or version. Rules whose <c>to</c> is newer, or whose replacement arrived later, do not apply to it.
    /// </summary>
    public static ProjectTargets? PairTargets(MigrationPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.Library is null || ReleaseVersion.TryParse(pair.ToVersion) is not { } to) return null;
        if (pair.Library == "stdlib") return new ProjectTargets { Python = to, PythonSource = $"the pair's to_version {pair.ToVersion}" };
        return new ProjectTargets
        {
            Python = PythonVersions.Newest,
            Libraries = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal)
            {
                [pair.Library] = new(new VersionRange { Lower = to, Upper = to, UpperInclusive = true }, $"the pair's to_version {pair.ToVersion}"),
            },
        };
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
