using ApiMigrator.Data;
using ApiMigrator.Evaluation;

namespace ApiMigrator.Tests.Evaluation;

public class EvaluationPairsTests
{
    private static readonly IReadOnlyList<MigrationPair> Loaded =
        [.. new[] { "t1", "x1", "u1", "t2", "x2" }.Select(id => new MigrationPair(id, "a\n", "b\n"))];

    private static readonly DatasetSplit Parts = new(Train: ["t2", "t1"], Test: ["x2", "x1"], TestUnseen: ["u1"]);

    private static string[] Ids(IEnumerable<MigrationPair> pairs) => [.. pairs.Select(p => p.Id)];

    [Fact]
    public void Given_the_test_split_When_selected_Then_its_pairs_and_the_train_pairs_come_in_dataset_order_from_the_one_loaded_list()
    {
        var selected = EvaluationPairs.Select(Loaded, "test", Parts);

        Assert.Equal(["x1", "x2"], Ids(selected.Evaluated));
        Assert.Equal(["t1", "t2"], Ids(selected.Train));
        Assert.Same(Loaded, selected.All);
    }

    [Fact]
    public void Given_the_unseen_test_split_When_selected_Then_the_train_pairs_are_still_the_train_split()
    {
        var selected = EvaluationPairs.Select(Loaded, "test-unseen", Parts);

        Assert.Equal(["u1"], Ids(selected.Evaluated));
        Assert.Equal(["t1", "t2"], Ids(selected.Train));
    }

    [Fact]
    public void Given_the_train_split_or_all_When_selected_Then_no_train_pairs_come_with_them()
    {
        Assert.Equal(["t1", "t2"], Ids(EvaluationPairs.Select(Loaded, "train", Parts).Evaluated));
        Assert.Empty(EvaluationPairs.Select(Loaded, "train", Parts).Train);

        var all = EvaluationPairs.Select(Loaded, "all", parts: null);
        Assert.Same(Loaded, all.Evaluated);
        Assert.Empty(all.Train);
    }
}
