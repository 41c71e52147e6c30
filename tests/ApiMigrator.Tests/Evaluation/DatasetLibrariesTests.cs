using ApiMigrator.Data;
using ApiMigrator.Evaluation;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Evaluation;

public class DatasetLibrariesTests
{
    private static IReadOnlyList<MigrationRule> Rules(string yaml)
    {
        var (rules, errors) = RuleFile.Parse(yaml);
        Assert.Empty(errors);
        return rules;
    }

    private static readonly IReadOnlyList<MigrationRule> Stdlib = Rules("""
        - id: s.assertEquals
          kind: api_rename
          library: stdlib
          versions: {from: "3.11", to: "3.12"}
          match: $1.assertEquals
          replace: $1.assertEqual
        """);

    [Fact]
    public void Given_a_dataset_that_spells_the_standard_library_its_own_way_When_checked_Then_a_warning_names_the_alias_to_give()
    {
        var pairs = new[] { new MigrationPair("a", "x", "y", Library: "python-stdlib"), new MigrationPair("b", "x", "y", Library: "python-stdlib") };

        var warning = DatasetLibraries.Warning(pairs, Stdlib);

        Assert.NotNull(warning);
        Assert.Contains("'python-stdlib' (2 pairs) matches no rule's library (stdlib)", warning, StringComparison.Ordinal);
        Assert.Contains("--library-alias python-stdlib=stdlib", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_alias_When_applied_Then_the_pairs_get_the_rules_library_and_no_warning()
    {
        var (aliases, errors) = DatasetLibraries.ParseAliases(["python-stdlib=stdlib"]);
        var pairs = DatasetLibraries.Apply([new MigrationPair("a", "x", "y", Library: "python-stdlib")], aliases);

        Assert.Empty(errors);
        Assert.Equal("stdlib", pairs[0].Library);
        Assert.Null(DatasetLibraries.Warning(pairs, Stdlib));
    }

    [Fact]
    public void Given_a_malformed_alias_When_parsed_Then_it_is_an_error() => Assert.Single(DatasetLibraries.ParseAliases(["python-stdlib"]).Errors);

    [Fact]
    public void Given_a_pair_When_its_to_version_is_older_than_a_rules_Then_the_rule_does_not_apply_to_it()
    {
        const string code = "import unittest\n\n\nclass T(unittest.TestCase):\n    def test(self):\n        self.assertEquals(1, 1)\n";
        var rulesFor = RuleTierEvaluation.PerLibrary(Stdlib);

        var old = Rewriter.Rewrite(SourceText.From(code), rulesFor(new MigrationPair("a", code, code, "stdlib", "3.10", "3.11")), new RewriteOptions { MinConfidence = 0 });
        var current = Rewriter.Rewrite(SourceText.From(code), rulesFor(new MigrationPair("b", code, code, "stdlib", "3.11", "3.12")), new RewriteOptions { MinConfidence = 0 });

        Assert.False(old.Changed);
        Assert.True(current.Changed);
    }
}
