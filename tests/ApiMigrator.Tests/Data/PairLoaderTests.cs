using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

public class PairLoaderTests
{
    [Fact]
    public void Given_a_malformed_json_line_When_loading_Then_that_line_is_an_error_and_the_rest_load()
    {
        var file = DatasetFiles.WriteJsonl(
            DatasetFiles.Line("demo-a-001", "a = 1\n", "a = 2\n"),
            "{\"id\": \"demo-a-002\", \"before\": ",
            DatasetFiles.Line("demo-a-003", "b = 1\n", "b = 2\n"));

        var loaded = PairLoader.Load([file]);

        Assert.Equal(["demo-a-001", "demo-a-003"], loaded.Pairs.Select(p => p.Id));
        var error = Assert.Single(loaded.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith($"{file}:2: malformed JSON", error.ToString());
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void Given_a_line_without_before_When_loading_Then_the_error_names_the_field_and_line()
    {
        var file = DatasetFiles.WriteJsonl("{\"id\": \"x-1\", \"after\": \"y = 1\\n\"}");

        var loaded = PairLoader.Load([file]);

        Assert.Empty(loaded.Pairs);
        Assert.Equal($"{file}:1: missing required field 'before'", Assert.Single(loaded.Errors).ToString());
    }

    [Fact]
    public void Given_wrongly_typed_fields_and_an_unknown_kind_When_loading_Then_each_is_reported_on_one_line()
    {
        var file = DatasetFiles.WriteJsonl(
            "[1, 2]",
            "{\"id\": 7, \"before\": \"a\\n\", \"after\": \"b\\n\"}",
            "{\"id\": \"k-1\", \"before\": \"a\\n\", \"after\": \"b\\n\", \"kind\": \"rename\"}",
            "{\"id\": \"k-2\", \"before\": \"a\\n\", \"after\": \"a\\n\", \"negative\": \"yes\"}");

        var loaded = PairLoader.Load([file]);

        Assert.Empty(loaded.Pairs);
        Assert.Collection(loaded.Errors,
            e => Assert.Equal((1, "expected a JSON object"), (e.Line, e.Message)),
            e => Assert.Equal((2, "field 'id' must be a string"), (e.Line, e.Message)),
            e => Assert.Equal(3, e.Line),
            e => Assert.Equal((4, "field 'negative' must be true or false"), (e.Line, e.Message)));
        Assert.Contains("unknown kind 'rename'", loaded.Errors[2].Message);
    }

    [Fact]
    public void Given_a_missing_file_When_loading_Then_it_is_an_error_not_an_exception()
    {
        var missing = Path.Combine(DatasetFiles.TempFolder(), "nope.jsonl");

        var loaded = PairLoader.Load([missing]);

        var error = Assert.Single(loaded.Errors);
        Assert.Equal(0, error.Line);
        Assert.StartsWith($"{missing}: cannot read", error.ToString());
    }

    [Fact]
    public void Given_a_loaded_pair_Then_it_knows_its_file_and_line()
    {
        var file = DatasetFiles.WriteJsonl("", DatasetFiles.Line("demo-a-001", "a = 1\n", "a = 2\n"));

        var pair = Assert.Single(PairLoader.Load([file]).Pairs);

        Assert.Equal(file, pair.OriginFile);
        Assert.Equal(2, pair.OriginLine);
        Assert.Equal($"{file}:2", pair.Origin);
    }
}
