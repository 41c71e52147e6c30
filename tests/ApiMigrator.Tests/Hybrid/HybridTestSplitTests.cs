using ApiMigrator.Data;
using ApiMigrator.Evaluation;
using ApiMigrator.Evaluation.Reports;
using ApiMigrator.Hybrid;
using ApiMigrator.Learning;
using ApiMigrator.Llm;
using ApiMigrator.Python;
using ApiMigrator.Tests.Data;
using ApiMigrator.Tests.Evaluation;
using ApiMigrator.Tests.Llm;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Hybrid;

/// <summary>
/// The hybrid over the shipped test split with <see cref="OracleModel"/> behind the scripted server (a stand-in,
/// not a model): rules learned from the train split, every tier used, and no applied change that fails verification.
/// </summary>
[Collection("Console")]
public sealed class HybridTestSplitTests(ITestOutputHelper output)
{
    private static (IReadOnlyList<MigrationPair> Train, IReadOnlyList<MigrationPair> Test) Split(SplitPart part = SplitPart.Test)
    {
        var (split, errors) = SplitFiles.Read(DatasetFiles.SplitsFolder);
        Assert.Empty(errors);
        var byId = DatasetFiles.ShippedPairs.ToDictionary(p => p.Id, StringComparer.Ordinal);
        return (split!.Ids(SplitPart.Train).Select(id => byId[id]).ToList(), split.Ids(part).Select(id => byId[id]).ToList());
    }

    [Theory]
    [InlineData(SplitPart.Test, true)]
    [InlineData(SplitPart.TestUnseen, false)] // held-out patterns: hardly any rule matches, so there may be no guided site
    public async Task Given_a_test_split_and_a_scripted_model_When_the_hybrid_runs_Then_the_tiers_are_counted_and_no_applied_change_fails_verification(SplitPart part, bool everyTier)
    {
        var (train, test) = Split(part);
        var rules = RuleLearner.Learn(train).Rules;
        var oracle = new OracleModel(DatasetFiles.ShippedPairs);
        using var server = ScriptedChatServer.Start(oracle.Respond);
        var options = new LlmOptions { Endpoint = server.Endpoint, Model = "scripted-oracle", MaxRetries = 0, MaxConcurrency = 8 };
        using var backend = LlmBackend.Create(options);
        using var migrator = new LlmMigrator(backend, options);

        var report = await new Evaluator(migrator).RunAsync(new EvaluationSetup
        {
            Pairs = test, TrainPairs = train, Rules = rules, RulesOrigin = "learned from the train split", RulesLearned = true,
            DocumentationPairs = DatasetFiles.ShippedPairs, Strategies = [EvaluationStrategies.Rules, EvaluationStrategies.Hybrid],
        });

        var hybrid = report.Run(EvaluationStrategies.Hybrid)!.Predictions;
        var decisions = hybrid.SelectMany(p => p.Decisions.Select(d => (Pair: p, Decision: d))).ToList();
        var perTier = decisions.GroupBy(x => x.Decision.Tier).ToDictionary(g => g.Key, g => (Sites: g.Count(), Applied: g.Count(x => x.Decision.Applied)));
        output.WriteLine($"hybrid over the {part} split with a SCRIPTED stand-in model (not a real model):");
        foreach (var (tier, (sites, applied)) in perTier.OrderBy(kv => kv.Key)) output.WriteLine($"  {tier,-6} {sites,4} sites, {applied,4} applied");
        foreach (var row in ConfusionRow.Table(hybrid)) output.WriteLine($"  pairs by tier {row.Tier,-6}: {row.Right} right, {row.Wrong} wrong ({row.WrongApplied} with a change applied, {row.WrongAfterRejection} after a rejected answer)");
        output.WriteLine($"  scripted answers: {string.Join(", ", oracle.Answers.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}");
        foreach (var row in ReportBuilder.Headline(report)) output.WriteLine($"  {row.Approach,-28} {string.Join(" | ", row.Cells)}{row.NotRun}");

        Assert.True(perTier.GetValueOrDefault(MigrationTier.Plain).Applied > 0);
        if (everyTier)
        {
            Assert.All(new[] { MigrationTier.Direct, MigrationTier.Guided, MigrationTier.Plain }, t => Assert.True(perTier.GetValueOrDefault(t).Sites > 0, $"no {t} site"));
            Assert.True(perTier[MigrationTier.Guided].Applied > 0);
        }
        var rulesFor = RuleTierEvaluation.PerLibrary(rules);
        foreach (var (pair, d) in decisions.Where(x => x.Decision.Tier != MigrationTier.Direct))
        {
            if (d.RawAnswers.All(a => a.Trim().Length == 0)) Assert.False(d.Applied, $"{pair.Pair.Id}: an empty answer was applied");
            if (!d.Applied) { Assert.Null(d.Code); continue; }
            Assert.Equal(LlmOutcome.Accepted, d.Outcome);
            Assert.True(d.Verified);
            Assert.False(PythonParser.Parse(d.Code!).HasErrors, $"{pair.Pair.Id}: applied code does not parse");
            if (d.Tier == MigrationTier.Guided)
            {
                // Re-verify after the fact: the routing rules find no old API in the applied code, read with the file's imports.
                var site = new MigrationSite(d.Code!, "x", "1", "2") { ImportLines = SiteExtractor.ImportLines(PythonParser.Parse(pair.Prediction)) };
                Assert.Null(OldApiCheck.RoutingRulesGone(rulesFor(pair.Pair), d.RuleIds, site)(AnswerVerifier.Snippet(new AnswerCode(d.Code!, []), site)));
            }
        }
        Assert.All(hybrid, p => Assert.False(PythonParser.Parse(p.Prediction).HasErrors, $"{p.Pair.Id}: the prediction does not parse"));
        Assert.All(hybrid.Where(p => !p.Changed), p => Assert.Equal(p.Pair.Before, p.Prediction));
    }

    [Fact]
    public async Task Given_the_shipped_data_and_a_scripted_model_When_apimig_eval_runs_the_ablation_Then_it_prints_the_table_and_writes_every_plot()
    {
        var (_, test) = Split();
        var oracle = new OracleModel(DatasetFiles.ShippedPairs);
        using var server = ScriptedChatServer.Start(oracle.Respond);
        // Set APIMIG_EVAL_REPORT_DIR to keep the report (e.g. to open report.html); by default it goes to a temp folder.
        var folder = Environment.GetEnvironmentVariable("APIMIG_EVAL_REPORT_DIR") is { Length: > 0 } keep ? keep : DatasetFiles.TempFolder();

        var (code, stdout, stderr) = await EvaluationEndToEndTests.RunCli(["eval", DatasetFiles.PairsFolder, "--splits", DatasetFiles.SplitsFolder, "--ablation",
            "--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "scripted-oracle", "--llm-retries", "0", "--llm-concurrency", "16", "--out", folder]);

        output.WriteLine(stdout);
        output.WriteLine(stderr);
        Assert.True(code == 0, stderr);
        Assert.Contains("│ hybrid ", stdout, StringComparison.Ordinal);
        Assert.Contains($"/{test.Count(p => !p.IsNegative)})", stdout, StringComparison.Ordinal);
        foreach (var plot in new[] { "accuracy-per-approach", "accuracy-per-library", "calibration", "threshold-sweep-rules", "threshold-heatmap", "learning-curve" })
            Assert.True(new FileInfo(Path.Combine(folder, "plots", plot + ".png")).Length > 1000, plot);
        var md = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("hybrid (plain: doc-guided)", md, StringComparison.Ordinal);
        Assert.Contains("exact (hybrid)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("not run", md.Split("## Per pattern")[0].Replace("(model tiers not run)", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
