using ApiMigrator.Evaluation;
using ApiMigrator.Evaluation.Reports;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Evaluation;

/// <summary>The <c>rules + catalog</c> row: learned rules and the catalog together, beside the learner-only <c>rules</c> row.</summary>
public class CatalogRowTests
{
    private static EvaluationSetup Setup(IReadOnlyList<MigrationRule> learned, IReadOnlyList<MigrationRule> catalog) => new()
    {
        Pairs = TinyDataset.Pairs(),
        Rules = learned,
        CatalogRules = catalog,
        RulesOrigin = "hand-written",
        Strategies = [EvaluationStrategies.Rules],
        Split = "all",
        Datasets = ["tiny"],
    };

    [Fact]
    public async Task Given_learned_rules_without_a_change_and_a_catalog_with_it_When_evaluated_Then_the_catalog_row_follows_rules_and_migrates_what_they_miss()
    {
        // Given: the "learned" rules know only the pandas change; the catalog knows np.float_
        var all = TinyDataset.ParsedRules();
        var learned = all.Where(r => r.Library == "pandas").ToList();
        var catalog = all.Where(r => r.Library == "numpy").ToList();

        // When
        var report = await new Evaluator(null).RunAsync(Setup(learned, catalog));

        // Then: two rows in this order; rules alone migrate nothing, rules + catalog the four float_ pairs (3 exactly, 1 modulo CRLF)
        Assert.Equal([EvaluationStrategies.Rules, CatalogRow.Label], report.Runs.Select(r => r.Label));
        Assert.Same(report.Runs[0], report.Run(EvaluationStrategies.Rules));
        Assert.Equal(0, report.Runs[0].Metrics.Acted);
        var withCatalog = report.Runs[1].Metrics;
        Assert.Equal((3, 4), (withCatalog.ExactPositives, withCatalog.Acted));
        Assert.Equal(1, withCatalog.NegativesUnchanged);
        Assert.Contains("catalog rules in `rules + catalog`", ReportBuilder.Summary(report), StringComparison.Ordinal);
        Assert.Contains(ReportBuilder.Headline(report), row => row.Approach == CatalogRow.Label);
    }

    [Fact]
    public async Task Given_no_catalog_When_evaluated_Then_there_is_no_catalog_row()
    {
        var report = await new Evaluator(null).RunAsync(Setup(TinyDataset.ParsedRules(), []));
        Assert.Equal([EvaluationStrategies.Rules], report.Runs.Select(r => r.Label));
    }

    [Fact]
    public void The_shipped_catalog_is_every_catalog_rule_and_nothing_learned()
    {
        var catalog = CatalogRow.ShippedCatalog();
        Assert.NotEmpty(catalog);
        Assert.All(catalog, r => Assert.True(ShippedRules.IsCatalogRule(r.Id), r.Id));
        Assert.Equal(ShippedRules.Load().Count(r => ShippedRules.IsCatalogRule(r.Id)), catalog.Count);
    }
}
