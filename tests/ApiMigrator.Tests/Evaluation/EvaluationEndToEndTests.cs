using System.Text.Json.Nodes;
using ApiMigrator.Cli;
using ApiMigrator.Evaluation;
using ApiMigrator.Evaluation.Reports;
using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Tests.Data;
using ApiMigrator.Tests.Llm;

namespace ApiMigrator.Tests.Evaluation;

/// <summary>Tests that swap Console.Out/Error run alone, so no other test's output lands in what they read.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The tiny dataset (<see cref="TinyDataset"/>) through the evaluator and the CLI, with every number known by hand.</summary>
[Collection("Console")]
public class EvaluationEndToEndTests
{
    private static EvaluationSetup Setup(IReadOnlyList<string>? strategies = null) => new()
    {
        Pairs = TinyDataset.Pairs(),
        Rules = TinyDataset.ParsedRules(),
        RulesOrigin = "hand-written",
        Strategies = strategies ?? EvaluationStrategies.Names,
        Split = "all",
        Datasets = ["tiny"],
    };

    [Fact]
    public async Task Given_the_tiny_dataset_When_the_rules_run_alone_Then_every_metric_is_the_hand_computed_value()
    {
        var report = await new Evaluator(null).RunAsync(Setup([EvaluationStrategies.Rules]));

        var m = report.Run(EvaluationStrategies.Rules)!.Metrics;
        Assert.Equal((6, 5, 1), (m.Pairs, m.Positives, m.Negatives));
        Assert.Equal(3, m.ExactPositives);                       // float-001, float-002, unicode
        Assert.Equal(4, m.FormatPositives);                      // + crlf
        Assert.Equal((4 + (1 - 6.0 / 28)) / 5, m.Similarity, 12); // append untouched: 1 − 6/28
        Assert.Equal((4, 3), (m.Acted, m.ActedRight));
        Assert.Equal(0.75, m.Precision);
        Assert.Equal(0.8, m.Coverage);
        Assert.Equal(1.0, m.NegativeSafety);
        var byTier = StrategyMetrics.By(report.Run(EvaluationStrategies.Rules)!.Predictions, p => p.Tier).ToDictionary(g => g.Group, g => g.Metrics.Pairs);
        Assert.Equal(new Dictionary<string, int> { ["direct"] = 4, ["none"] = 2 }, byTier);

        // Calibration: float-001, float-002, crlf and unicode at 0.95, all steps towards `after`; append at 0.71, also right.
        var c = report.Calibration;
        Assert.Equal((4, 4), (c.AtOrAbove, c.RightAtOrAbove));
        Assert.Equal(1, c.Buckets.Single(b => b.Lower == 0.7).Matches);
        Assert.True(c.MeetsTarget);

        // Routing without a model: 5 direct sites (float-002 changes its import and its use), 1 guided (append), 1 plain (the negative, whole).
        Assert.Equal(new Dictionary<string, int> { ["direct"] = 5, ["guided"] = 1, ["plain"] = 1 }, report.Routing.Sites);
        Assert.Equal(1.0 - 6.0 / 28, report.Unchanged.Predictions.Single(p => p.Pair.Id == "tiny-append-001").Score.Similarity, 12);
    }

    [Fact]
    public async Task Given_no_model_When_every_approach_is_asked_for_Then_model_approaches_say_not_run_instead_of_scoring_zero()
    {
        var report = await new Evaluator(null).RunAsync(Setup());

        Assert.All(report.Runs.Where(r => r.Name != EvaluationStrategies.Rules), r =>
        {
            Assert.False(r.Ran);
            Assert.Equal("not run (no model configured)", r.NotRun);
            Assert.Empty(r.Predictions);
        });
        var json = JsonNode.Parse(EvaluationOutput.MetricsJson(report))!;
        Assert.Equal("not run (no model configured)", (string)json["approaches"]!["hybrid"]!["not_run"]!);
        Assert.Null(json["approaches"]!["hybrid"]!["exact"]);
        Assert.Contains("| hybrid | — | not run (no model configured) |", ReportRenderer.Markdown(ReportBuilder.Build(report)));
        Assert.DoesNotContain("\"strategy\":\"hybrid\"", EvaluationOutput.Predictions(report));
    }

    [Fact]
    public async Task Given_a_scripted_model_When_the_hybrid_runs_on_the_tiny_dataset_Then_the_guided_and_plain_sites_are_decided_as_hand_computed()
    {
        // The "model": for the append site the right statement; for the negative's whole snippet the snippet unchanged.
        using var server = ScriptedChatServer.Start(request =>
        {
            var prompt = request.Messages.First(m => m.Role == "user").Content;
            return prompt.Contains("df.append(x)", StringComparison.Ordinal)
                ? ScriptedReply.Answer("```python\nreturn pd.concat([df, x])\n```")
                : ScriptedReply.Answer("```python\nfloat_ = 3\nprint(float_)\n```");
        });
        var options = new LlmOptions { Endpoint = server.Endpoint, Model = "scripted", MaxRetries = 0 };
        using var backend = LlmBackend.Create(options);
        using var migrator = new LlmMigrator(backend, options);

        var report = await new Evaluator(migrator).RunAsync(Setup([EvaluationStrategies.Rules, EvaluationStrategies.Hybrid]) with { Hybrid = new HybridOptions { PlainStrategy = "zero-shot" } });

        var hybrid = report.Run(EvaluationStrategies.Hybrid)!;
        var m = hybrid.Metrics;
        Assert.Equal((4, 5, 1.0), (m.ExactPositives, m.FormatPositives, m.Similarity));
        Assert.Equal((5, 4), (m.Acted, m.ActedRight));
        Assert.Equal(1.0, m.NegativeSafety);
        Assert.Equal((2, 2, 2), (m.ModelSites, m.ModelAccepted, m.ModelApplied)); // the negative's answer is accepted and spliced in, changing nothing
        var append = hybrid.Predictions.Single(p => p.Pair.Id == "tiny-append-001");
        Assert.Equal(TinyDataset.AppendAfter, append.Prediction);
        Assert.Equal("guided", append.Tier);
        var d = Assert.Single(append.Decisions);
        Assert.Equal((MigrationTier.Guided, "rule-guided", true, true), (d.Tier, d.Strategy, d.Applied, d.Verified));
        Assert.Equal(["pandas.append-to-concat"], d.RuleIds);
        Assert.Equal(0.95 * 0.75, d.Confidence!.Value, 12);
        Assert.NotNull(d.PromptHash);
        Assert.StartsWith("1+", d.TemplateVersion, StringComparison.Ordinal);
        Assert.Equal(["```python\nreturn pd.concat([df, x])\n```"], d.RawAnswers);
        var negative = hybrid.Predictions.Single(p => p.Pair.Id == "tiny-neg-001");
        Assert.Equal(("plain", "zero-shot", false), (negative.Tier, Assert.Single(negative.Decisions).Strategy, negative.Changed));
        var confusion = ConfusionRow.Table(hybrid.Predictions).ToDictionary(r => r.Tier);
        Assert.Equal((3, 1), (confusion["direct"].Right, confusion["direct"].Wrong)); // crlf is right only modulo formatting
        Assert.Equal((1, 0), (confusion["guided"].Right, confusion["guided"].Wrong));
        Assert.Equal((1, 0), (confusion["plain"].Right, confusion["plain"].Wrong));
    }

    [Fact]
    public async Task Given_the_tiny_dataset_When_apimig_eval_writes_its_reports_twice_Then_the_files_are_complete_and_byte_identical()
    {
        var (pairs, rules) = TinyDataset.Write();
        var first = DatasetFiles.TempFolder();
        var second = DatasetFiles.TempFolder();

        var (code, stdout, _) = await RunCli(["eval", pairs, "--rules", rules, "--ablation", "--out", first]);
        Assert.Equal(0, code);
        Assert.Equal(0, (await RunCli(["eval", pairs, "--rules", rules, "--ablation", "--out", second])).Code);

        Assert.Contains("│ rules ", stdout, StringComparison.Ordinal);
        Assert.Contains("60.0% (3/5)", stdout, StringComparison.Ordinal);
        Assert.Contains("not run (no model configured)", stdout, StringComparison.Ordinal);
        foreach (var file in new[] { "predictions.jsonl", "metrics.json", "report.md", "report.html", "plots/accuracy-per-approach.png", "plots/calibration.png", "plots/threshold-sweep-rules.png" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        Assert.True(File.Exists(Path.Combine(first, "timings.jsonl")));

        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(first, "metrics.json")))!;
        var rulesMetrics = metrics["approaches"]!["rules"]!;
        Assert.Equal(0.6, (double)rulesMetrics["exact"]!);
        Assert.Equal(0.8, (double)rulesMetrics["exact_modulo_formatting"]!);
        Assert.Equal(Math.Round((4 + (1 - 6.0 / 28)) / 5, 6), (double)rulesMetrics["similarity"]!);
        Assert.Equal(0.75, (double)rulesMetrics["precision"]!);
        Assert.Equal("not run (the rules were given, not learned from training pairs)", (string)metrics["ablation"]!["learning_curve"]!["not_run"]!);

        var lines = File.ReadAllLines(Path.Combine(first, "predictions.jsonl"));
        Assert.Equal(6, lines.Length);
        var crlf = JsonNode.Parse(lines.Single(l => l.Contains("tiny-crlf-001", StringComparison.Ordinal)))!;
        Assert.Equal((false, true, "direct"), ((bool)crlf["exact"]!, (bool)crlf["exact_modulo_formatting"]!, (string)crlf["tier"]!));
        Assert.Equal("import numpy as np\r\nz = np.float64\r\n", (string)crlf["prediction"]!);
        Assert.Equal(["numpy.float_-to-numpy.float64"], crlf["rule_ids"]!.AsArray().Select(n => (string)n!));

        var html = File.ReadAllText(Path.Combine(first, "report.html"));
        Assert.Contains("<img alt=\"Calibration", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_answer_cache_When_the_hybrid_is_run_again_with_the_server_gone_Then_no_request_is_sent_and_the_files_are_byte_identical()
    {
        var (pairs, rules) = TinyDataset.Write();
        var cache = DatasetFiles.TempFolder();
        var (first, second) = (DatasetFiles.TempFolder(), DatasetFiles.TempFolder());
        string endpoint;
        using (var server = ScriptedChatServer.Start(request => request.Messages.First(m => m.Role == "user").Content.Contains("df.append(x)", StringComparison.Ordinal)
                   ? ScriptedReply.Answer("```python\nreturn pd.concat([df, x])\n```")
                   : ScriptedReply.Answer("```python\nfloat_ = 3\nprint(float_)\n```")))
        {
            endpoint = server.Endpoint.ToString();
            var (code, _, stderr) = await RunCli(["eval", pairs, "--rules", rules, "--strategy", "hybrid", "zero-shot", "--llm-endpoint", endpoint, "--llm-model", "scripted",
                "--llm-cache", cache, "--out", first]);
            Assert.True(code == 0, stderr);
            // zero-shot: one per pair; hybrid: the guided site only — its plain site (the negative, whole) is the
            // very prompt zero-shot already sent, so the answer comes from the cache.
            Assert.Equal(6 + 1, server.Requests.Count);
        }

        var (again, _, stderr2) = await RunCli(["eval", pairs, "--rules", rules, "--strategy", "hybrid", "zero-shot", "--llm-endpoint", endpoint, "--llm-model", "scripted",
            "--llm-cache", cache, "--llm-retries", "0", "--out", second]);

        Assert.True(again == 0, stderr2);
        foreach (var file in new[] { "predictions.jsonl", "metrics.json", "report.md", "report.html" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        Assert.All(File.ReadAllLines(Path.Combine(second, "timings.jsonl")).Select(l => JsonNode.Parse(l)!).Where(t => t["from_cache"] is not null),
            t => Assert.True((bool)t["from_cache"]!));
        Assert.Contains("\"exact\":true", File.ReadAllLines(Path.Combine(second, "predictions.jsonl")).Single(l => l.Contains("\"hybrid\"", StringComparison.Ordinal) && l.Contains("tiny-append-001", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_dataset_with_bad_lines_When_evaluating_Then_it_stops_with_exit_code_2_and_names_each_bad_line()
    {
        var (_, rules) = TinyDataset.Write();
        var file = DatasetFiles.WriteJsonl(
            DatasetFiles.Line("demo-a-001", "a = 1\n", "b = 1\n"),
            "{\"id\": \"demo-a-002\", \"before\": \"a = 1\\n\"",
            "{\"id\": \"demo-a-003\", \"before\": \"a = 1\\n\"}",
            "[1, 2]");

        var (code, stdout, stderr) = await RunCli(["eval", file, "--rules", rules]);

        Assert.Equal(CliApp.ExitCodes.UsageOrInput, code);
        Assert.Contains($"{file}:2: malformed JSON", stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: missing required field 'after'", stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:4: expected a JSON object", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain($"{file}:1:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("│", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_bad_options_When_evaluating_Then_every_problem_is_named_and_the_exit_code_is_2()
    {
        var (pairs, rules) = TinyDataset.Write();

        var (code, _, stderr) = await RunCli(["eval", pairs, "--rules", rules, "--train", pairs, "--strategy", "magic", "--direct-threshold", "0.5",
            "--guided-threshold", "0.7", "--llm-model", "m", "--plain-strategy", "rule-guided"]);

        Assert.Equal(2, code);
        Assert.Contains("give --train or --rules, not both", stderr, StringComparison.Ordinal);
        Assert.Contains("unknown --strategy magic", stderr, StringComparison.Ordinal);
        Assert.Contains("--guided-threshold (0.7) cannot be above --min-confidence (0.5)", stderr, StringComparison.Ordinal);
        Assert.Contains("--llm-model names a model on a server: give --llm-endpoint URL too", stderr, StringComparison.Ordinal);
        Assert.Contains("--plain-strategy must be one of zero-shot, few-shot, doc-guided", stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await RunCli(["eval", pairs, "--rules", rules, "--llm-cache", "x"])).Code);
        // Without --train or --rules the default is the test split, which needs split files (there are none under the test's folder).
        Assert.Equal(2, (await RunCli(["eval", pairs, "--splits", DatasetFiles.TempFolder()])).Code);
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunCli(string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await CliApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
