using ApiMigrator.Data;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Data;

public class CatalogValidatorTests
{
    private const string Good = """
        - id: numpy.float_-removed
          kind: api_rename
          library: numpy
          versions: {from: "1.26", to: "2.0", introduced: "1.0"}
          description: np.float_ was removed; np.float64 is the same type.
          match: numpy.float_
          replace: numpy.float64
          source: https://numpy.org/devdocs/numpy_2_0_migration_guide.html
          example:
            before: "import numpy as np\nx = np.float_(1)\n"
            after: "import numpy as np\nx = np.float64(1)\n"
        """;

    private static IReadOnlyList<RuleFileError> Check(string yaml, string file = "numpy.yaml")
    {
        var (rules, errors) = RuleFile.Parse(yaml, file);
        Assert.Empty(errors);
        return CatalogValidator.Validate(file, rules);
    }

    [Fact]
    public void Given_a_well_formed_entry_When_validating_Then_there_is_no_problem()
        => Assert.Empty(Check(Good));

    [Theory]
    [InlineData("https://numpy.org/devdocs/numpy_2_0_migration_guide.html", "https://docs.astral.sh/ruff/rules/numpy2-deprecation/", "official documentation")]
    [InlineData("introduced: \"1.0\"", "introduced: null", "versions.introduced")]
    [InlineData("x = np.float64(1)\\n\"", "x = np.double(1)\\n\"", "does not turn example.before into example.after")]
    [InlineData("library: numpy", "library: pandas", "differs from the file's name")]
    public void Given_a_flawed_entry_When_validating_Then_the_problem_is_named(string from, string to, string expected)
    {
        var problems = Check(Good.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_manual_entry_that_reports_its_example_When_validating_Then_it_passes()
    {
        var manual = Good.Replace("replace: numpy.float64", "safety: manual", StringComparison.Ordinal);

        Assert.Empty(Check(manual));
    }

    [Fact]
    public void Given_catalog_and_learned_rules_When_counting_coverage_Then_only_catalog_entries_count_against_the_target()
    {
        var (rules, _) = RuleFile.Parse(Good + "\n" + Good.Replace("id: numpy.float_-removed", "id: numpy.float_-learned", StringComparison.Ordinal)
            .Replace("- id:", "- support: 3\n  id:", StringComparison.Ordinal), "numpy.yaml");

        var numpy = CatalogCoverage.Compute(rules, r => r.Support == 0).Single(l => l.Library == "numpy");

        Assert.Equal((1, 1, 0, 0, 1, 90, false), (numpy.Entries, numpy.Safe, numpy.Unsafe, numpy.Manual, numpy.Learned, numpy.Target, numpy.TargetMet));
    }
}
