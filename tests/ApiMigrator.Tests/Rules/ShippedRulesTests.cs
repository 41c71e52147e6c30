using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Rules;

public class ShippedRulesTests
{
    [Fact]
    public void Given_the_embedded_rule_files_When_loading_Then_every_rule_loads_with_a_unique_id()
    {
        var rules = ShippedRules.Load();

        Assert.Contains("learned.yaml", ShippedRules.FileNames);
        Assert.True(rules.Count > 100, $"only {rules.Count} shipped rules");
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Given_the_data_folder_When_comparing_Then_the_embedded_rules_are_the_files_in_data_rules()
    {
        var rulesFolder = Path.Combine(DatasetFiles.RepoRoot, "data", "rules");
        var files = Directory.GetFiles(rulesFolder, "*.yaml").Concat(Directory.GetFiles(Path.Combine(rulesFolder, "catalog"), "*.yaml")).ToList();
        var onDisk = files.Select(f => Path.GetRelativePath(rulesFolder, f).Replace('/', '.')).Order(StringComparer.Ordinal);
        var count = files.Sum(f => RuleFile.Load(f).Rules.Count);

        Assert.Equal(onDisk, ShippedRules.FileNames);
        Assert.Equal(count, ShippedRules.Load().Count);
    }

    [Theory]
    [InlineData("numpy", true)]
    [InlineData("NumPy", true)]
    [InlineData("numpy.float_-to-numpy.float64", true)]
    [InlineData("numpy.float_-*", true)]
    [InlineData("*.float_*", true)]
    [InlineData("pandas", false)]
    [InlineData("numpy.float", false)]
    public void Given_a_select_entry_When_naming_a_rule_Then_library_id_and_globs_match(string entry, bool expected)
    {
        var rule = RuleRegistry.Create(RuleKind.ApiRename, "numpy.float_-to-numpy.float64", "numpy.float_") with { Library = "numpy" };

        Assert.Equal(expected, RuleSelection.Names(entry, rule));
    }

    [Fact]
    public void Given_select_and_ignore_When_applying_Then_ignore_wins_and_unknown_entries_are_reported()
    {
        var rules = ShippedRules.Load();

        var (chosen, unmatched) = RuleSelection.Apply(rules, ["numpy", "no-such-library"], ["numpy.float_-to-numpy.float64"]);

        Assert.NotEmpty(chosen);
        Assert.All(chosen, r => Assert.Equal("numpy", r.Library));
        Assert.DoesNotContain(chosen, r => r.Id == "numpy.float_-to-numpy.float64");
        Assert.Equal(["no-such-library"], unmatched);
    }
}
