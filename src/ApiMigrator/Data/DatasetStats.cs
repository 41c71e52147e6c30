namespace ApiMigrator.Data;

/// <summary>Counts for one group of pairs (a library, a kind, a pattern); the split columns are 0 without a split.</summary>
public sealed record StatsRow(string Key, int Pairs, int Negatives, int Patterns, int Train, int Test, int TestUnseen)
{
    /// <summary>Pairs that migrate something.</summary>
    public int Positives => Pairs - Negatives;
}

/// <summary>Counts for one pattern, with the library and kind it belongs to.</summary>
public sealed record PatternStatsRow(string Pattern, string Library, string Kind, int Pairs, int Negatives, int Train, int Test, int TestUnseen)
{
    /// <summary>Pairs that migrate something.</summary>
    public int Positives => Pairs - Negatives;
}

/// <summary>Counts for one part of a split.</summary>
public sealed record SplitStatsRow(SplitPart Part, int Pairs, int Negatives, int Patterns, int Libraries)
{
    /// <summary>Pairs that migrate something.</summary>
    public int Positives => Pairs - Negatives;
}

/// <summary>What a split covers: its parts, and ids that are in the dataset but no part, or in a part but not the dataset.</summary>
public sealed record SplitCoverage(IReadOnlyList<SplitStatsRow> Parts, int HeldOutPatterns, IReadOnlyList<string> Unsplit, IReadOnlyList<string> Unknown);

/// <summary>Dataset counts, as <c>apimig dataset stats</c> prints them.</summary>
public sealed record DatasetStatistics(
    int Pairs,
    int Negatives,
    int Libraries,
    int Patterns,
    IReadOnlyList<StatsRow> ByLibrary,
    IReadOnlyList<StatsRow> ByKind,
    IReadOnlyList<PatternStatsRow> ByPattern,
    SplitCoverage? Split)
{
    /// <summary>Pairs that migrate something.</summary>
    public int Positives => Pairs - Negatives;
}

/// <summary>Computes <see cref="DatasetStatistics"/>; missing metadata (outside files) is counted as "unknown".</summary>
public static class DatasetStats
{
    /// <summary>The label for a missing library, kind or pattern.</summary>
    public const string Unknown = "unknown";

    /// <summary>Counts the pairs, and when a split is given, how they fall into its parts.</summary>
    public static DatasetStatistics Compute(IReadOnlyList<MigrationPair> pairs, DatasetSplit? split = null)
    {
        var partById = split?.PartById() ?? new Dictionary<string, SplitPart>(StringComparer.Ordinal);
        SplitPart? PartOf(MigrationPair p) => partById.TryGetValue(p.Id, out var part) ? part : null;

        StatsRow Row(string key, IReadOnlyCollection<MigrationPair> group) => new(
            key, group.Count, group.Count(p => p.IsNegative), group.Select(PatternOf).Distinct(StringComparer.Ordinal).Count(),
            group.Count(p => PartOf(p) == SplitPart.Train), group.Count(p => PartOf(p) == SplitPart.Test),
            group.Count(p => PartOf(p) == SplitPart.TestUnseen));

        List<StatsRow> By(Func<MigrationPair, string> key) => [.. pairs
            .GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, [.. g]))];

        var byPattern = pairs
            .GroupBy(PatternOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PatternStatsRow(
                g.Key, MostCommon(g.Select(LibraryOf)), MostCommon(g.Select(KindOf)), g.Count(), g.Count(p => p.IsNegative),
                g.Count(p => PartOf(p) == SplitPart.Train), g.Count(p => PartOf(p) == SplitPart.Test),
                g.Count(p => PartOf(p) == SplitPart.TestUnseen)))
            .ToList();

        return new DatasetStatistics(
            pairs.Count, pairs.Count(p => p.IsNegative),
            pairs.Select(LibraryOf).Distinct(StringComparer.Ordinal).Count(),
            byPattern.Count, By(LibraryOf), By(KindOf), byPattern,
            split is null ? null : Coverage(pairs, split));
    }

    private static SplitCoverage Coverage(IReadOnlyList<MigrationPair> pairs, DatasetSplit split)
    {
        var byId = new Dictionary<string, MigrationPair>(StringComparer.Ordinal);
        foreach (var p in pairs) byId.TryAdd(p.Id, p);
        var rows = new List<SplitStatsRow>();
        foreach (var part in DatasetSplit.Parts)
        {
            var inPart = split.Ids(part).Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            rows.Add(new SplitStatsRow(part, inPart.Count, inPart.Count(p => p.IsNegative),
                inPart.Select(PatternOf).Distinct(StringComparer.Ordinal).Count(),
                inPart.Select(LibraryOf).Distinct(StringComparer.Ordinal).Count()));
        }
        var splitIds = split.PartById();
        return new SplitCoverage(
            rows,
            PairSplitter.HeldOutPatterns(pairs, split).Count,
            [.. pairs.Where(p => !splitIds.ContainsKey(p.Id)).Select(p => p.Id)],
            [.. splitIds.Keys.Where(id => !byId.ContainsKey(id)).OrderBy(id => id, StringComparer.Ordinal)]);
    }

    private static string LibraryOf(MigrationPair p) => string.IsNullOrEmpty(p.Library) ? Unknown : p.Library;

    private static string KindOf(MigrationPair p) => MigrationPair.KindName(p.Kind);

    private static string PatternOf(MigrationPair p) => string.IsNullOrEmpty(p.Pattern) ? Unknown : p.Pattern;

    private static string MostCommon(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
}
