using System.Text.Json.Nodes;
using ApiMigrator.Tests.Data;
using ApiMigrator.Tests.Evaluation;
using ApiMigrator.Tests.Llm;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Hybrid;

/// <summary>
/// The hybrid through <c>apimig eval --llm-model-path</c> on the tiny random-weight GGUF (LLamaSharp, in-process):
/// the options bind, the model tiers run, and its garbage never gets into a prediction unverified.
/// </summary>
[Collection("Console")]
public sealed class HybridLocalModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Given_a_random_weight_gguf_When_the_hybrid_runs_Then_every_applied_answer_was_accepted_and_nothing_empty_is_applied()
    {
        var (pairs, rules) = TinyDataset.Write();
        var folder = DatasetFiles.TempFolder();
        var model = TinyGguf.Write(Path.Combine(folder, "tiny.gguf"));

        var (code, stdout, stderr) = await EvaluationEndToEndTests.RunCli(["eval", pairs, "--rules", rules, "--strategy", "rules", "hybrid",
            "--plain-strategy", "zero-shot", "--llm-model-path", model, "--llm-max-tokens", "16", "--llm-context-size", "2048", "--out", folder]);

        output.WriteLine(stdout);
        Assert.True(code == 0, stderr);
        Assert.StartsWith("gguf:tiny.gguf:", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")))!["setup"]!["model"]!, StringComparison.Ordinal);
        var hybrid = File.ReadAllLines(Path.Combine(folder, "predictions.jsonl")).Select(l => JsonNode.Parse(l)!).Where(n => (string)n["strategy"]! == "hybrid").ToList();
        Assert.Equal(6, hybrid.Count);
        var asked = hybrid.SelectMany(p => p["decisions"]!.AsArray()).Where(d => (string?)d!["outcome"] is not null).ToList();
        Assert.Equal(2, asked.Count); // the guided append site and the negative's whole snippet
        foreach (var d in asked)
        {
            output.WriteLine($"{d!["tier"]}: {d["outcome"]} {d["reason"]} raw: {string.Join(" | ", d["raw_answers"]!.AsArray().Select(a => (string?)a))}");
            Assert.StartsWith("gguf:tiny.gguf:", (string)d["model"]!, StringComparison.Ordinal);
            if ((bool)d["applied"]!) Assert.Equal("Accepted", (string)d["outcome"]!);
            if (d["raw_answers"]!.AsArray().All(a => ((string?)a ?? "").Trim().Length == 0)) Assert.False((bool)d["applied"]!);
        }
        // The guided site must change and keep no old API: random weights cannot pass that, so the rule-tier result stands.
        var append = hybrid.Single(p => (string)p["id"]! == "tiny-append-001");
        Assert.False((bool)append["decisions"]![0]!["applied"]!);
        Assert.False((bool)append["changed"]!);
    }
}
