using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

/// <summary>The split's guarantees, checked on the real shipped data.</summary>
public class PairSplitterTests
{
    private static readonly SplitOptions Seed42 = new(Seed: 42);

    private static IReadOnlyList<MigrationPair> Pairs => DatasetFiles.ShippedPairs;

    private static string Bytes(DatasetSplit s) =>
        string.Join("\0", DatasetSplit.Parts.Select(p => SplitFiles.Render(s.Ids(p))));

    [Fact]
    public void Given_the_same_pairs_and_seed_When_splitting_twice_Then_the_files_are_identical()
    {
        var first = PairSplitter.Split(Pairs, Seed42);
        var second = PairSplitter.Split([.. Pairs.Reverse()], Seed42);

        Assert.Equal(Bytes(first), Bytes(second));
    }

    [Fact]
    public void Given_another_seed_When_splitting_Then_the_split_differs()
    {
        Assert.NotEqual(Bytes(PairSplitter.Split(Pairs, Seed42)), Bytes(PairSplitter.Split(Pairs, new SplitOptions(Seed: 43))));
    }

    [Fact]
    public void Given_the_committed_splits_Then_they_are_what_seed_42_produces_today()
    {
        var expected = PairSplitter.Split(Pairs, Seed42);
        foreach (var part in DatasetSplit.Parts)
            Assert.Equal(SplitFiles.Render(expected.Ids(part)), File.ReadAllText(SplitFiles.PathOf(DatasetFiles.SplitsFolder, part)));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2024)]
    public void Given_a_split_Then_every_id_is_in_exactly_one_part(int seed)
    {
        var split = PairSplitter.Split(Pairs, new SplitOptions(seed));

        var all = split.Train.Concat(split.Test).Concat(split.TestUnseen).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Pairs.Select(p => p.Id).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        foreach (var part in DatasetSplit.Parts)
            Assert.Equal(split.Ids(part).Order(StringComparer.Ordinal), split.Ids(part));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2024)]
    public void Given_a_split_Then_held_out_patterns_are_entirely_in_test_unseen_and_at_least_ten_percent_spread_over_libraries(int seed)
    {
        var split = PairSplitter.Split(Pairs, new SplitOptions(seed));
        var part = split.PartById();
        var heldOut = PairSplitter.HeldOutPatterns(Pairs, split);

        foreach (var g in Pairs.GroupBy(p => p.Pattern!))
        {
            if (heldOut.Contains(g.Key)) Assert.All(g, p => Assert.Equal(SplitPart.TestUnseen, part[p.Id]));
            else Assert.All(g, p => Assert.NotEqual(SplitPart.TestUnseen, part[p.Id]));
        }
        int patterns = Pairs.Select(p => p.Pattern).Distinct().Count();
        Assert.True(heldOut.Count >= 0.10 * patterns, $"{heldOut.Count} of {patterns} patterns held out");
        Assert.Contains(Pairs, p => heldOut.Contains(p.Pattern!) && p.IsNegative);

        // Stratified: each library holds out its share of its patterns, give or take one.
        foreach (var lib in Pairs.GroupBy(p => p.Library!))
        {
            var libPatterns = lib.Select(p => p.Pattern!).Distinct().ToList();
            int held = libPatterns.Count(heldOut.Contains);
            Assert.InRange(held, 1, libPatterns.Count - 1);
            Assert.InRange(held - Seed42.UnseenFraction * libPatterns.Count, -1.0, 1.0);
        }
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2024)]
    public void Given_a_split_Then_every_pattern_in_test_keeps_more_positives_in_train_than_it_gives_to_test(int seed)
    {
        var split = PairSplitter.Split(Pairs, new SplitOptions(seed));
        var part = split.PartById();

        foreach (var g in Pairs.GroupBy(p => p.Pattern!).Where(g => g.Any(p => part[p.Id] == SplitPart.Test)))
        {
            int trainPositives = g.Count(p => !p.IsNegative && part[p.Id] == SplitPart.Train);
            int testPositives = g.Count(p => !p.IsNegative && part[p.Id] == SplitPart.Test);
            Assert.True(trainPositives >= 1, $"{g.Key}: no positive pair in train");
            Assert.True(trainPositives > testPositives, $"{g.Key}: {trainPositives} train vs {testPositives} test positives");
        }
    }

    [Fact]
    public void Given_the_default_fraction_Then_about_a_quarter_of_seen_pairs_and_of_seen_negatives_go_to_test()
    {
        var split = PairSplitter.Split(Pairs, Seed42);
        var part = split.PartById();
        var seen = Pairs.Where(p => part[p.Id] != SplitPart.TestUnseen).ToList();

        double all = seen.Count(p => part[p.Id] == SplitPart.Test) / (double)seen.Count;
        var negatives = seen.Where(p => p.IsNegative).ToList();
        double neg = negatives.Count(p => part[p.Id] == SplitPart.Test) / (double)negatives.Count;

        Assert.InRange(all, 0.22, 0.28);
        Assert.InRange(neg, 0.20, 0.30);
    }

    [Fact]
    public void Given_a_split_written_to_a_folder_When_reading_it_back_Then_it_is_the_same()
    {
        var split = PairSplitter.Split(Pairs, Seed42);
        var folder = DatasetFiles.TempFolder();

        SplitFiles.Write(split, folder);
        var (read, errors) = SplitFiles.Read(folder);

        Assert.Empty(errors);
        Assert.Equal(Bytes(split), Bytes(read!));
        Assert.DoesNotContain((byte)'\r', File.ReadAllBytes(SplitFiles.PathOf(folder, SplitPart.Train)));
    }

    [Fact]
    public void Given_an_id_in_two_split_files_When_reading_Then_the_repeat_is_reported_by_line()
    {
        var folder = DatasetFiles.TempFolder();
        File.WriteAllText(SplitFiles.PathOf(folder, SplitPart.Train), "a\nb\n");
        File.WriteAllText(SplitFiles.PathOf(folder, SplitPart.Test), "c\nb\n");
        File.WriteAllText(SplitFiles.PathOf(folder, SplitPart.TestUnseen), "");

        var (_, errors) = SplitFiles.Read(folder);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("already in train.txt", error.Message);
    }

    [Fact]
    public void Given_duplicate_ids_or_pairs_without_a_pattern_When_splitting_Then_it_refuses_with_the_reasons()
    {
        MigrationPair[] pairs =
        [
            new("a-1", "a\n", "b\n", Pattern: "p"),
            new("a-1", "c\n", "d\n", Pattern: "p"),
            new("a-2", "e\n", "f\n"),
        ];

        Assert.Equal(2, PairSplitter.InputProblems(pairs).Count);
        Assert.Throws<ArgumentException>(() => PairSplitter.Split(pairs, Seed42));
    }

    [Theory]
    [InlineData(0.0, 0.12)]
    [InlineData(0.6, 0.12)]
    [InlineData(0.25, 0.05)]
    public void Given_fractions_out_of_range_Then_the_options_report_a_problem(double test, double unseen)
    {
        Assert.NotEmpty(new SplitOptions(42, test, unseen).Problems());
    }

    [Fact]
    public void Given_quotas_with_caps_When_apportioning_Then_the_total_is_met_without_exceeding_a_cap()
    {
        var counts = PairSplitter.Apportion([(1.5, 1), (1.5, 5), (0.9, 5), (0.1, 0)], 4, new SeededRandom(7));

        Assert.Equal(4, counts.Sum());
        Assert.Equal(1, counts[0]);
        Assert.Equal(0, counts[3]);
    }
}
