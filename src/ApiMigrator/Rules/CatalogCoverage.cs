namespace ApiMigrator.Rules;

/// <summary>One library's line of <c>apimig rules coverage</c>.</summary>
/// <param name="Library">The library.</param>
/// <param name="Entries">Catalog entries (documented changes).</param>
/// <param name="Safe">Entries applied by default.</param>
/// <param name="Unsafe">Entries applied only with --unsafe.</param>
/// <param name="Manual">Entries only reported.</param>
/// <param name="KeywordChanges">Entries that change a call's keywords (parameter rules).</param>
/// <param name="Learned">Rules learned from the dataset for the same library (not counted as entries).</param>
/// <param name="Target">The breadth the project aims at for this library (issue 12); 0 when none is set.</param>
public sealed record LibraryCoverage(string Library, int Entries, int Safe, int Unsafe, int Manual, int KeywordChanges, int Learned, int Target)
{
    /// <summary>True when the catalog holds at least <see cref="Target"/> entries.</summary>
    public bool TargetMet => Entries >= Target;
}

/// <summary>
/// How much of each library's documented changes the catalog covers: entries by safety, against the
/// breadth targets the project set itself. Every entry is a rule with a test pair (its example), so a
/// counted entry is a tested one (tests/…/Rules/CatalogTests.cs).
/// </summary>
public static class CatalogCoverage
{
    /// <summary>Breadth targets: documented changes per library that the catalog should hold.</summary>
    public static readonly IReadOnlyDictionary<string, int> Targets = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["numpy"] = 90, ["pandas"] = 100, ["tensorflow"] = 300, ["airflow"] = 200, ["sqlalchemy"] = 50,
        ["pydantic"] = 60, ["sklearn"] = 50, ["matplotlib"] = 50, ["stdlib"] = 120,
    };

    /// <summary>Counts per library, sorted by library; <paramref name="isCatalog"/> tells catalog entries from learned rules.</summary>
    public static IReadOnlyList<LibraryCoverage> Compute(IEnumerable<MigrationRule> rules, Func<MigrationRule, bool> isCatalog)
    {
        var byLibrary = rules.GroupBy(r => r.Library, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var lib in Targets.Keys) byLibrary.TryAdd(lib, []);
        return [.. byLibrary.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var catalog = kv.Value.Where(isCatalog).ToList();
            return new LibraryCoverage(kv.Key, catalog.Count,
                catalog.Count(r => r.Safety == Safety.Safe), catalog.Count(r => r.Safety == Safety.Unsafe), catalog.Count(r => r.Safety == Safety.Manual),
                catalog.Count(r => r.Kind == RuleKind.Parameter), kv.Value.Count - catalog.Count, Targets.GetValueOrDefault(kv.Key));
        })];
    }
}
