using ApiMigrator.Data;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>The merged rules checked against the training pairs, positive and negative: the learner's scoring step.</summary>
internal static class RuleReplay
{
    /// <summary>
    /// Replays the merged rules on the training pairs (every match, whatever its confidence). A
    /// negative pair changed counts a negative hit for every rule that fired. A positive pair rewritten
    /// to something other than its <c>after</c> counts a conflict for each rule that, applied alone,
    /// does not bring the code closer to <c>after</c> (token edit distance) — a right partial change
    /// next to a wrong one is not the right rule's fault.
    /// </summary>
    internal static List<MigrationRule> Replay(List<MigrationRule> rules, List<MigrationPair> pairs)
    {
        // Each pair is replayed with its own library's rules, as a user selects them (and as `eval` does).
        var all = new RuleSet(rules);
        var byLibrary = rules.GroupBy(r => r.Library, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new RuleSet(g), StringComparer.Ordinal);
        RuleSet SetFor(MigrationPair p) => p.Library is null ? all : byLibrary.GetValueOrDefault(p.Library) ?? new RuleSet([]);
        var options = new RewriteOptions { MinConfidence = 0, Unsafe = true };
        var misfires = new Dictionary<string, int>(StringComparer.Ordinal);
        var negatives = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var result = Rewriter.Rewrite(SourceText.From(pair.Before), SetFor(pair), options);
            if (!result.Changed) continue;
            bool right = result.Result.Text == pair.After;
            if (right && !pair.IsNegative) continue;
            var fired = result.Changes.Select(c => c.RuleId).Distinct(StringComparer.Ordinal).ToList();
            if (pair.IsNegative)
            {
                foreach (var id in fired) negatives[id] = negatives.GetValueOrDefault(id) + 1;
                continue;
            }
            var afterTokens = PythonTokens.Tokenize(pair.After);
            int baseline = TokenEditDistance.Between(PythonTokens.Tokenize(pair.Before), afterTokens);
            foreach (var id in fired)
            {
                var alone = Rewriter.Rewrite(SourceText.From(pair.Before), new RuleSet(rules.Where(r => r.Id == id)), options);
                if (alone.Changed && TokenEditDistance.Between(PythonTokens.Tokenize(alone.Result.Text), afterTokens) < baseline) continue;
                misfires[id] = misfires.GetValueOrDefault(id) + 1;
            }
        }
        return rules.Select(r => r with
        {
            Conflicts = r.Conflicts + misfires.GetValueOrDefault(r.Id),
            NegativeHits = negatives.GetValueOrDefault(r.Id),
        }).ToList();
    }
}
