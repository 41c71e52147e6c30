using ApiMigrator.Data;
using ApiMigrator.Rules;

namespace ApiMigrator.Evaluation;

/// <summary>
/// A dataset's <c>library</c> values against the rules' libraries. An outside dataset may spell a library its own
/// way (<c>python-stdlib</c> for <c>stdlib</c>): its pairs would silently get no rules, so such values are reported,
/// and <c>--library-alias python-stdlib=stdlib</c> maps them.
/// </summary>
public static class DatasetLibraries
{
    /// <summary>Parses <c>FROM=TO</c> entries; errors for malformed ones.</summary>
    public static (IReadOnlyDictionary<string, string> Aliases, IReadOnlyList<string> Errors) ParseAliases(IEnumerable<string> entries)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var e in entries)
        {
            var parts = e.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) errors.Add($"--library-alias takes DATASET-NAME=RULE-LIBRARY, e.g. python-stdlib=stdlib (got '{e}')");
            else aliases[parts[0]] = parts[1];
        }
        return (aliases, errors);
    }

    /// <summary>The pairs with their library renamed by <paramref name="aliases"/>.</summary>
    public static IReadOnlyList<MigrationPair> Apply(IReadOnlyList<MigrationPair> pairs, IReadOnlyDictionary<string, string> aliases)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(aliases);
        if (aliases.Count == 0) return pairs;
        return [.. pairs.Select(p => p.Library is { } l && aliases.TryGetValue(l, out var to) ? p with { Library = to } : p)];
    }

    /// <summary>Library values of <paramref name="pairs"/> that name no rule's library, with their pair counts (most first).</summary>
    public static IReadOnlyList<(string Library, int Pairs)> Unmatched(IReadOnlyList<MigrationPair> pairs, IReadOnlyList<MigrationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(rules);
        var known = rules.Select(r => r.Library).ToHashSet(StringComparer.Ordinal);
        return [.. pairs.Where(p => p.Library is { } l && !known.Contains(l)).GroupBy(p => p.Library!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)];
    }

    /// <summary>The warning for <see cref="Unmatched"/>, or null when every library has rules.</summary>
    public static string? Warning(IReadOnlyList<MigrationPair> pairs, IReadOnlyList<MigrationRule> rules)
    {
        var unmatched = Unmatched(pairs, rules);
        if (unmatched.Count == 0) return null;
        var known = rules.Select(r => r.Library).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var first = unmatched[0].Library;
        var guess = known.FirstOrDefault(k => first.Contains(k, StringComparison.OrdinalIgnoreCase) || k.Contains(first, StringComparison.OrdinalIgnoreCase)) ?? "LIBRARY";
        return $"warning: the dataset's library {string.Join(", ", unmatched.Select(u => $"'{u.Library}' ({u.Pairs} pairs)"))} matches no rule's library " +
               $"({string.Join(", ", known)}): those pairs get no rules and score as unmigrated; map a name with --library-alias {first}={guess}";
    }
}
