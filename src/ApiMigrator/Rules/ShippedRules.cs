namespace ApiMigrator.Rules;

/// <summary>
/// The rules shipped with the tool: every <c>data/rules/*.yaml</c> file, embedded in this assembly at
/// build time, so an installed tool needs no data folder. They are the default rules of
/// <c>apimig migrate</c>; <c>--rules FILE…</c> replaces them.
/// </summary>
public static class ShippedRules
{
    private const string Prefix = "ApiMigrator.Rules.Shipped.";

    /// <summary>The embedded names of catalog files start with this (<c>catalog.numpy.yaml</c>).</summary>
    public const string CatalogPrefix = "catalog.";

    // One parse of the embedded files gives both the rules and which of them the catalog holds.
    private static readonly Lazy<(IReadOnlyList<MigrationRule> Rules, IReadOnlySet<string> CatalogIds)> All = new(LoadAll);

    /// <summary>The names of the embedded rule files (<c>learned.yaml</c> …).</summary>
    public static IReadOnlyList<string> FileNames =>
        [.. typeof(ShippedRules).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>All shipped rules (loaded once).</summary>
    /// <exception cref="InvalidOperationException">An embedded rule file does not load (a build error, caught by the tests).</exception>
    public static IReadOnlyList<MigrationRule> Load() => All.Value.Rules;

    /// <summary>True when the shipped rule with this id comes from the catalog of documented changes (docs/CATALOG.md), not from learning.</summary>
    public static bool IsCatalogRule(string id) => All.Value.CatalogIds.Contains(id);

    private static (IReadOnlyList<MigrationRule>, IReadOnlySet<string>) LoadAll()
    {
        var rules = new List<MigrationRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var catalogIds = new HashSet<string>(StringComparer.Ordinal);
        // The files are read in parallel (every command pays this at start: about a second on one core, most of it the
        // first, unjitted pass over YAML and patterns), then taken in their fixed order, so the rules' order stays the same.
        var names = FileNames;
        var parsed = new (IReadOnlyList<MigrationRule> Rules, IReadOnlyList<RuleFileError> Errors)[names.Count];
        Parallel.For(0, names.Count, i =>
        {
            using var stream = typeof(ShippedRules).Assembly.GetManifestResourceStream(Prefix + names[i])!;
            using var reader = new StreamReader(stream);
            parsed[i] = RuleFile.Parse(reader.ReadToEnd(), "shipped:" + names[i]);
        });
        for (int i = 0; i < names.Count; i++)
        {
            var (name, (loaded, errors)) = (names[i], parsed[i]);
            if (errors.Count > 0) throw new InvalidOperationException($"the shipped rules do not load: {string.Join("; ", errors)}");
            foreach (var r in loaded)
                if (!ids.Add(r.Id)) throw new InvalidOperationException($"the shipped rules define '{r.Id}' twice");
            if (name.StartsWith(CatalogPrefix, StringComparison.Ordinal)) catalogIds.UnionWith(loaded.Select(r => r.Id));
            rules.AddRange(loaded);
        }
        return (rules, catalogIds);
    }
}
