using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

public class DatasetStatsTests
{
    [Fact]
    public void Given_pairs_and_a_split_When_counting_Then_rows_add_up_per_library_kind_pattern_and_part()
    {
        MigrationPair[] pairs =
        [
            new("a-1", "x\n", "y\n", Library: "a", Kind: PairKind.ApiRename, Pattern: "a.p"),
            new("a-2", "x\n", "x\n", Library: "a", Kind: PairKind.ApiRename, Pattern: "a.p", Negative: true),
            new("a-3", "z\n", "w\n", Library: "a", Kind: PairKind.Parameter, Pattern: "a.q"),
            new("b-1", "u\n", "v\n"),
        ];
        var split = new DatasetSplit(["a-1", "b-1"], ["a-2"], ["a-3", "gone-1"]);

        var stats = DatasetStats.Compute(pairs, split);

        Assert.Equal((4, 1, 2, 3), (stats.Pairs, stats.Negatives, stats.Libraries, stats.Patterns));
        Assert.Equal(new StatsRow("a", 3, 1, 2, 1, 1, 1), stats.ByLibrary[0]);
        Assert.Equal(new StatsRow(DatasetStats.Unknown, 1, 0, 1, 1, 0, 0), stats.ByLibrary[1]);
        Assert.Equal(["api_rename", "parameter", "unknown"], stats.ByKind.Select(r => r.Key));
        Assert.Equal(new PatternStatsRow("a.p", "a", "api_rename", 2, 1, 1, 1, 0), stats.ByPattern[0]);
        var coverage = stats.Split!;
        Assert.Equal([2, 1, 1], coverage.Parts.Select(p => p.Pairs));
        Assert.Equal(1, coverage.HeldOutPatterns);
        Assert.Equal(["gone-1"], coverage.Unknown);
        Assert.Empty(coverage.Unsplit);
    }
}
