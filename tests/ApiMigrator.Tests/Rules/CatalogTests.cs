using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Rules;

/// <summary>
/// The catalog of documented changes (data/rules/catalog/*.yaml, docs/CATALOG.md): every entry is
/// well-formed, cites the library's official documentation, and its example is its test pair — the
/// entry alone turns <c>before</c> into <c>after</c> (a manual entry reports and changes nothing), the
/// output parses and a second pass changes nothing.
/// </summary>
public class CatalogTests
{
    private static readonly string CatalogFolder = Path.Combine(DatasetFiles.RepoRoot, "data", "rules", "catalog");

    private static readonly Lazy<IReadOnlyDictionary<string, (MigrationRule Rule, string File)>> Entries = new(() =>
    {
        var all = new Dictionary<string, (MigrationRule, string)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(CatalogFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (rules, errors) = RuleFile.Load(file);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            foreach (var r in rules) all.Add(r.Id, (r, Path.GetFileNameWithoutExtension(file)));
        }
        return all;
    });

    public static TheoryData<string> EntryIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Entries.Value.Keys.Order(StringComparer.Ordinal)) data.Add(id);
        return data;
    }

    [Fact]
    public void Every_catalog_file_is_embedded_in_the_shipped_rules()
    {
        var files = Directory.GetFiles(CatalogFolder, "*.yaml").Select(f => "catalog." + Path.GetFileName(f));

        Assert.All(files, f => Assert.Contains(f, ShippedRules.FileNames));
        Assert.All(Entries.Value.Keys, id => Assert.Contains(ShippedRules.Load(), r => r.Id == id));
    }

    [Theory]
    [MemberData(nameof(EntryIds))]
    public void Entry_is_well_formed_and_cites_the_official_documentation(string id)
    {
        var (rule, file) = Entries.Value[id];

        Assert.Equal(file, rule.Library);
        Assert.StartsWith(rule.Library + ".", rule.Id, StringComparison.Ordinal);
        Assert.True(OfficialSources.IsOfficial(rule.Library, rule.Source), $"{id}: source '{rule.Source}' is not on {rule.Library}'s official site");
        Assert.False(string.IsNullOrWhiteSpace(rule.Description), $"{id}: no description");
        Assert.NotNull(rule.FromVersion);
        Assert.NotNull(rule.ToVersion);
        if (rule.Safety != Safety.Manual) Assert.True(rule.IntroducedVersion is not null, $"{id}: versions.introduced is missing");
        Assert.True(rule.Example is not null, $"{id}: no example (the entry's test pair)");
        Assert.Equal(0, rule.Support);
    }

    [Theory]
    [MemberData(nameof(EntryIds))]
    public void Entry_alone_migrates_its_example_and_keeps_the_invariants(string id)
    {
        // Given
        var rule = Entries.Value[id].Rule;
        var before = SourceText.From(rule.Example!.Before);
        Assert.False(PythonParser.Parse(before).HasErrors, $"{id}: example.before does not parse");
        Assert.False(PythonParser.Parse(SourceText.From(rule.Example.After)).HasErrors, $"{id}: example.after does not parse");
        var rules = new RuleSet([rule]);
        var options = new RewriteOptions { Unsafe = true };

        // When
        var result = Rewriter.Rewrite(before, rules, options);

        // Then
        if (rule.Safety == Safety.Manual)
        {
            Assert.False(result.Changed, $"{id}: a manual entry changed its example");
            Assert.Contains(result.Findings, f => f.RuleId == id && f.Kind == FindingKind.Manual);
            return;
        }
        Assert.True(rule.Example.After == result.Result.Text,
            $"{id}: the entry does not turn example.before into example.after; it gives:\n{result.Result.Text}\nfindings: {string.Join("; ", result.Findings.Select(f => f.Kind + " " + f.Message))}");
        Assert.False(PythonParser.Parse(result.Result).HasErrors, $"{id}: output does not parse");
        Assert.False(Rewriter.Rewrite(result.Result, rules, options).Changed, $"{id}: a second pass changed the output again");
    }
}
