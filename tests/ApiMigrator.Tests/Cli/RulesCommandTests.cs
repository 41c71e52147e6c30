namespace ApiMigrator.Tests.Cli;

/// <summary>`apimig rules list|show`, run in-process.</summary>
public class RulesCommandTests
{
    [Fact]
    public async Task Given_the_shipped_rules_When_listing_Then_each_rule_has_a_line_with_library_kind_safety_and_support()
    {
        var run = await CliRun.Of(["rules", "list"]);

        Assert.Equal(0, run.ExitCode);
        var line = run.Out.Split('\n').Single(l => l.StartsWith("numpy.float_-to-numpy.float64 ", StringComparison.Ordinal));
        Assert.Matches(@"numpy\s+api_rename\s+safe\s+\d+\s+\S", line);
        Assert.Matches(@"\d+ rules \(shipped\)", run.Out);
    }

    [Fact]
    public async Task Given_a_selection_When_listing_Then_only_those_rules_are_listed()
    {
        var run = await CliRun.Of(["rules", "list", "--select", "numpy"]);

        var rows = run.Out.Split('\n').Skip(1).Where(l => l.Contains("  api_rename  ", StringComparison.Ordinal) || l.Contains("  parameter  ", StringComparison.Ordinal) || l.Contains("  syntax  ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("numpy", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_rule_id_When_showing_it_Then_what_why_example_safety_support_and_source_are_printed()
    {
        var run = await CliRun.Of(["rules", "show", "numpy.float_-to-numpy.float64"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("safety    safe — applied by default", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"support   \d+ training pairs", run.Out);
        Assert.Contains("source    https://", run.Out, StringComparison.Ordinal);
        Assert.Contains("match     numpy.float_", run.Out, StringComparison.Ordinal);
        Assert.Contains("replace   numpy.float64", run.Out, StringComparison.Ordinal);
        Assert.Contains("Example, before:", run.Out, StringComparison.Ordinal);
        Assert.Contains("removed", run.Out, StringComparison.Ordinal); // the why
    }

    [Theory]
    [InlineData("numpy.trapz-deprecated", "requires  the replacement exists from numpy 2.0: a project that allows older gets a breaking fix (--unsafe); not applied when the project's numpy range stays below 2.0")]
    [InlineData("numpy.float_-to-numpy.float64", "requires  no 'introduced' recorded: the replacement is assumed new in numpy 2.0")]
    [InlineData("stdlib.Optional-1e4e17f1", "requires  Python 3.10 where the output is evaluated at runtime (a PEP 604 union (X | Y)); Python 3.7 in annotations that are never evaluated")]
    public async Task Given_a_rule_When_showing_it_Then_its_version_requirements_are_printed(string id, string line)
    {
        var run = await CliRun.Of(["rules", "show", id]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(line, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_unknown_id_When_showing_it_Then_the_exit_code_is_2_with_suggestions()
    {
        var run = await CliRun.Of(["rules", "show", "float_"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("numpy.float_-to-numpy.float64", run.Error, StringComparison.Ordinal);
    }
}
