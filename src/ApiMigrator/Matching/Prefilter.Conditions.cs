namespace ApiMigrator.Matching;

public sealed partial class Prefilter
{
    /// <summary>What one rule needs of a file's text.</summary>
    /// <param name="Identifiers">Words that must all occur.</param>
    /// <param name="ImportKeys">With <paramref name="Aliases"/>: one of them must occur (when either is non-empty).</param>
    /// <param name="Aliases">Conventional aliases and receiver packages, any of which stands in for an import.</param>
    /// <param name="Placed">Dotted (<c>".str"</c>, <c>"^numpy.core"</c>), keyword (<c>"name="</c>, <c>"array(copy="</c>) and quoted keys that must all occur.</param>
    /// <param name="AnyOf">Alternatives of which one must hold whole (a parameter rule's ops: one op that applies is enough); empty: none needed.</param>
    internal sealed record Condition(string[] Identifiers, string[] ImportKeys, string[] Aliases, string[] Placed, string[][] AnyOf)
    {
        /// <summary>True when the keys found in a file satisfy the condition.</summary>
        public bool HoldsIn(HashSet<string> present)
        {
            foreach (var a in Identifiers) if (!present.Contains(a)) return false;
            foreach (var a in Placed) if (!present.Contains(a)) return false;
            if (AnyOf.Length > 0 && !Array.Exists(AnyOf, all => Array.TrueForAll(all, present.Contains))) return false;
            if (ImportKeys.Length == 0 && Aliases.Length == 0) return true;
            foreach (var m in ImportKeys) if (present.Contains(m)) return true;
            foreach (var a in Aliases) if (present.Contains(a)) return true;
            return false;
        }
    }

    // Each condition under one key it needs (its first identifier, else its first placed key): a file's verdict looks only at
    // the conditions of the keys it has, not at all of them. Conditions that need no key are checked for every file.
    private readonly Dictionary<string, List<Condition>> conditionsByKey = new(StringComparer.Ordinal);
    private readonly List<Condition> unkeyed = [];

    private void IndexConditions()
    {
        foreach (var c in conditions)
        {
            var key = c.Identifiers.Length > 0 ? c.Identifiers[0] : c.Placed.Length > 0 ? c.Placed[0] : null;
            if (key is null) unkeyed.Add(c);
            else if (conditionsByKey.TryGetValue(key, out var list)) list.Add(c);
            else conditionsByKey[key] = [c];
        }
    }

    /// <summary>True when some rule's whole condition holds: only then is the file worth parsing.</summary>
    public bool AnyRuleMayApply(HashSet<string> present)
    {
        if (present.Count == 0) return false;
        foreach (var c in unkeyed) if (c.HoldsIn(present)) return true;
        foreach (var key in present)
            if (conditionsByKey.TryGetValue(key, out var list))
                foreach (var c in list) if (c.HoldsIn(present)) return true;
        return false;
    }
}
