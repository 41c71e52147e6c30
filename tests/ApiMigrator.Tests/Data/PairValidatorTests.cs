using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

public class PairValidatorTests
{
    [Fact]
    public void Given_the_shipped_dataset_When_validating_Then_there_are_no_errors()
    {
        var report = PairValidator.ValidateFiles([DatasetFiles.PairsFolder]);

        Assert.Empty(report.Errors.Select(e => e.ToString()));
        Assert.True(report.Pairs.Count > 800);
    }

    [Fact]
    public void Given_an_after_that_does_not_parse_When_validating_Then_the_error_names_the_line_and_the_snippet_position()
    {
        var file = DatasetFiles.WriteJsonl(
            DatasetFiles.Line("demo-a-001", "a = 1\n", "a = 2\n"),
            DatasetFiles.Line("demo-a-002", "x = f(1)\ny = 2\n", "x = f(1)\ny = (2\n"));

        var report = PairValidator.ValidateFiles([file]);

        var error = Assert.Single(report.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith($"{file}:2: demo-a-002: 'after' does not parse: snippet 2:", error.ToString());
        Assert.Contains("syntax error", error.Message);
    }

    [Fact]
    public void Given_the_same_id_in_two_files_When_validating_Then_the_second_is_reported_with_the_first_location()
    {
        var folder = DatasetFiles.TempFolder();
        var a = DatasetFiles.WriteJsonlIn(folder, "a.jsonl", DatasetFiles.Line("demo-a-001", "a = 1\n", "a = 2\n"));
        var b = DatasetFiles.WriteJsonlIn(folder, "b.jsonl", DatasetFiles.Line("demo-a-001", "b = 1\n", "b = 2\n"));

        var report = PairValidator.ValidateFiles([folder]);

        var error = Assert.Single(report.Errors);
        Assert.Equal($"{b}:1: demo-a-001: duplicate id 'demo-a-001' (first at {a}:1)", error.ToString());
    }

    [Fact]
    public void Given_a_negative_whose_after_differs_When_validating_Then_it_is_an_error()
    {
        var file = DatasetFiles.WriteJsonl(DatasetFiles.Line("demo-a-001", "a.append(1)\n", "a.add(1)\n", negative: true));

        var error = Assert.Single(PairValidator.ValidateFiles([file]).Errors);

        Assert.Equal(1, error.Line);
        Assert.Contains("negative pair must have after == before", error.Message);
    }

    [Fact]
    public void Given_equal_sides_without_the_negative_flag_When_validating_Then_it_is_an_error()
    {
        var file = DatasetFiles.WriteJsonl(DatasetFiles.Line("demo-a-001", "a.append(1)\n", "a.append(1)\n"));

        var error = Assert.Single(PairValidator.ValidateFiles([file]).Errors);

        Assert.Contains("before == after", error.Message);
    }

    [Fact]
    public void Given_a_repeated_before_after_pair_When_validating_Then_the_repeat_is_reported()
    {
        var file = DatasetFiles.WriteJsonl(
            DatasetFiles.Line("demo-a-001", "a = 1\n", "a = 2\n"),
            DatasetFiles.Line("demo-a-002", "a = 1\n", "a = 2\n"));

        var error = Assert.Single(PairValidator.ValidateFiles([file]).Errors);

        Assert.Equal(2, error.Line);
        Assert.Contains("same before/after as 'demo-a-001'", error.Message);
    }

    [Fact]
    public void Given_an_outside_file_with_only_id_before_after_When_validating_Then_minimal_accepts_it_and_the_default_names_the_missing_fields()
    {
        var file = DatasetFiles.WriteJsonl("{\"id\": \"p1\", \"before\": \"a = 1\\n\", \"after\": \"a = 2\\n\"}");

        var minimal = PairValidator.ValidateFiles([file], PairValidationOptions.MinimalFields);
        var shipped = PairValidator.ValidateFiles([file]);

        Assert.Empty(minimal.Errors);
        var error = Assert.Single(shipped.Errors);
        Assert.Contains("missing required fields 'library', 'from_version', 'to_version', 'kind', 'pattern', 'source'", error.Message);
    }

    [Fact]
    public void Given_a_file_of_every_kind_of_bad_line_When_validating_Then_nothing_throws_and_every_bad_line_is_named()
    {
        var file = DatasetFiles.WriteJsonl(
            "{not json",
            "{\"id\": \"demo-a-001\", \"after\": \"a = 2\\n\"}",
            DatasetFiles.Line("demo-a-002", "a = 1\n", "a = (\n"),
            DatasetFiles.Line("demo-a-002", "b = 1\n", "b = 2\n"),
            DatasetFiles.Line("demo-a-003", "c = 1\n", "c = 2\n", negative: true),
            DatasetFiles.Line("demo-a-004", "d = 1\n", "d = 2\n"));

        var report = PairValidator.ValidateFiles([file]);

        Assert.Equal([1, 2, 3, 4, 5], report.Errors.Select(e => e.Line));
        Assert.All(report.Errors, e => Assert.StartsWith($"{file}:{e.Line}: ", e.ToString()));
    }

    [Fact]
    public void Given_shipped_rules_Then_snippet_shape_and_id_prefix_are_checked()
    {
        var longSnippet = string.Concat(Enumerable.Range(0, 16).Select(i => $"x{i} = {i}\n"));
        var file = DatasetFiles.WriteJsonl(
            DatasetFiles.Line("other-a-001", "a = 1\n", "a = 2\n"),
            DatasetFiles.Line("demo-a-002", longSnippet, longSnippet.Replace("x0 = 0", "x0 = 1")),
            DatasetFiles.Line("demo-a-003", "a = 1\r\n", "a = 2\r\n"));

        var errors = PairValidator.ValidateFiles([file]).Errors;

        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("should start with its library"));
        Assert.Contains(errors, e => e.Line == 2 && e.Message.Contains("has 16 lines"));
        Assert.Contains(errors, e => e.Line == 3 && e.Message.Contains("\\r line ends"));
    }
}
