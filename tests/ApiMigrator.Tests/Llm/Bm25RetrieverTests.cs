using ApiMigrator.Data;
using ApiMigrator.Llm;

namespace ApiMigrator.Tests.Llm;

public class Bm25RetrieverTests
{
    [Fact]
    public void Code_tokens_are_identifiers_and_dotted_pairs()
        => Assert.Equal(["x", "np", "float_", "np.float_", "value"], Bm25Retriever.Tokenize("x = np.float_(value)  # 1.5"));

    [Fact]
    public void The_most_similar_pairs_of_the_shipped_dataset_show_the_same_migration()
    {
        var retriever = new Bm25Retriever(TestData.Pairs());

        var hits = retriever.Search("import pandas as pd\nresult = result.append(chunk, ignore_index=True)", 3, "pandas");

        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("pandas.DataFrame.append-removed", h.Pair.Pattern));
        Assert.True(hits[0].Score >= hits[1].Score && hits[1].Score >= hits[2].Score);
    }

    [Fact]
    public void Negative_pairs_are_not_indexed_and_the_library_filter_holds()
    {
        var pairs = TestData.Pairs();
        var retriever = new Bm25Retriever(pairs);

        Assert.Equal(pairs.Count(p => !p.IsNegative), retriever.Count);
        Assert.All(retriever.Search("x = np.float_(1)", 10, "numpy"), h => Assert.Equal("numpy", h.Pair.Library));
        Assert.Empty(retriever.Search("x = np.float_(1)", 10, "no-such-library"));
    }

    [Fact]
    public void Ties_go_to_the_smaller_id_and_unrelated_pairs_are_not_returned()
    {
        var retriever = new Bm25Retriever([
            new MigrationPair("b", "foo(x)", "bar(x)"),
            new MigrationPair("a", "foo(x)", "bar(x)"),
            new MigrationPair("c", "unrelated()", "other()"),
        ]);

        Assert.Equal(["a", "b"], retriever.Search("foo(x)", 5).Select(h => h.Pair.Id));
    }
}
