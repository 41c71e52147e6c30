using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>Candidates from all pairs → one rule per distinct change, with its support, evidence and conflicts.</summary>
internal static class CandidateMerge
{
    /// <summary>Merges identical rules (support = number of pairs), unions their evidence, counts conflicts.</summary>
    internal static List<MigrationRule> Merge(List<Candidate> candidates)
    {
        static string Key(MigrationRule r) => $"{r.Kind}|{r.Match}|{r.Replace}|{(r is ParameterRule p ? string.Join(";", p.Ops) : "")}";
        var groups = candidates.GroupBy(c => Key(c.Rule), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var merged = new List<MigrationRule>();
        foreach (var g in groups)
        {
            var first = g.First().Rule;
            var pairs = g.Select(c => c.PairId).Distinct(StringComparer.Ordinal).Count();
            var where = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var hole in g.SelectMany(c => c.Origins.Keys).Distinct(StringComparer.Ordinal))
            {
                var packages = ReceiverTypes.Merge(g.Select(c => c.Origins.TryGetValue(hole, out var s) ? s : new HashSet<string>()));
                if (packages.Count == 0) packages.UnionWith(LibraryPackages.Of(first.Library));
                if (packages.Count > 0) where[hole] = packages.Order(StringComparer.Ordinal).ToList();
            }
            var imports = g.SelectMany(c => c.Rule.AddImports).GroupBy(s => s, StringComparer.Ordinal)
                .OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).ToList();
            var kinds = first.HoleKinds.Where(kv => g.All(c => c.Rule.HoleKinds.TryGetValue(kv.Key, out var k) && k == kv.Value))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var rule = first with
            {
                Id = LearnedRuleId.Of(first),
                HoleKinds = kinds,
                Support = pairs,
                Where = where,
                AddImports = imports,
                Patterns = g.SelectMany(c => c.Rule.Patterns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            };
            merged.Add(rule);
        }
        // Same pattern, different replacement: each loses confidence by the other's support.
        var byMatch = merged.GroupBy(r => $"{r.Kind}|{r.Match}", StringComparer.Ordinal);
        var result = new List<MigrationRule>();
        foreach (var g in byMatch)
        {
            var list = g.ToList();
            foreach (var r in list)
            {
                int others = list.Where(o => !ReferenceEquals(o, r) && !(r is ParameterRule pr && o is ParameterRule po && !pr.Ops.Intersect(po.Ops).Any() && pr.Ops.All(op => po.Ops.All(q => q.Keyword != op.Keyword))))
                    .Sum(o => o.Support);
                result.Add(r with { Conflicts = others });
            }
        }
        return result.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }
}
