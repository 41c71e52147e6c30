using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiMigrator.Data;
using ApiMigrator.Hybrid;

namespace ApiMigrator.Evaluation.Reports;

/// <summary>
/// Writes an evaluation to a folder: <c>predictions.jsonl</c>, <c>metrics.json</c>, <c>report.md</c> (+ <c>plots/*.png</c>),
/// <c>report.html</c> (plots embedded) and <c>timings.jsonl</c>. Everything but <c>timings.jsonl</c> is deterministic:
/// the same inputs and cached model answers give the same bytes.
/// </summary>
public static class EvaluationOutput
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };

    /// <summary>The files written, relative to the folder.</summary>
    public static IReadOnlyList<string> Files { get; } = ["predictions.jsonl", "metrics.json", "report.md", "report.html", "timings.jsonl"];

    /// <summary>Writes every file into <paramref name="folder"/> (created if needed).</summary>
    public static void Write(EvaluationReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var blocks = ReportBuilder.Build(report);
        File.WriteAllText(Path.Combine(folder, "predictions.jsonl"), Predictions(report), Utf8NoBom);
        File.WriteAllText(Path.Combine(folder, "metrics.json"), MetricsJson(report), Utf8NoBom);
        File.WriteAllText(Path.Combine(folder, "report.md"), ReportRenderer.Markdown(blocks), Utf8NoBom);
        File.WriteAllText(Path.Combine(folder, "report.html"), ReportRenderer.Html("ApiMigrator evaluation", blocks), Utf8NoBom);
        File.WriteAllText(Path.Combine(folder, "timings.jsonl"), Timings(report), Utf8NoBom);
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        foreach (var image in blocks.OfType<ReportImage>()) File.WriteAllBytes(Path.Combine(plots, image.Name + ".png"), image.Png);
    }

    /// <summary>One line per (approach, pair) that ran, approaches in report order, pairs in input order.</summary>
    public static string Predictions(EvaluationReport report)
    {
        var sb = new StringBuilder();
        foreach (var run in report.Runs.Concat(report.Ablation?.HybridVariants ?? []).Where(r => r.Ran))
            foreach (var p in run.Predictions)
                sb.Append(Prediction(p, run.Label).ToJsonString(Compact)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The JSON object of one prediction.</summary>
    public static JsonObject Prediction(PairPrediction p, string strategy) => new()
    {
        ["id"] = p.Pair.Id,
        ["strategy"] = strategy,
        ["library"] = p.Pair.Library ?? "unknown",
        ["kind"] = MigrationPair.KindName(p.Pair.Kind),
        ["pattern"] = p.Pair.Pattern ?? "unknown",
        ["negative"] = p.Pair.IsNegative,
        ["prediction"] = p.Prediction,
        ["exact"] = p.Score.Exact,
        ["exact_modulo_formatting"] = p.Score.ExactModuloFormatting,
        ["similarity"] = Round(p.Score.Similarity),
        ["changed"] = p.Changed,
        ["tier"] = p.Tier,
        ["rule_ids"] = Strings(p.RuleIds),
        ["confidence"] = p.Confidence is { } c ? Round(c) : null,
        ["verified"] = p.Verified,
        ["refused"] = p.Refused,
        ["decisions"] = new JsonArray(p.Decisions.Select(Decision).ToArray<JsonNode?>()),
    };

    private static JsonObject Decision(SiteDecision d) => new()
    {
        ["tier"] = PairPrediction.TierName(d.Tier),
        ["line"] = d.Line,
        ["rule_ids"] = Strings(d.RuleIds),
        ["confidence"] = d.Confidence is { } c ? Round(c) : null,
        ["route"] = d.Route,
        ["applied"] = d.Applied,
        ["verified"] = d.Verified,
        ["reason"] = d.Reason,
        ["strategy"] = d.Strategy,
        ["template_version"] = d.TemplateVersion,
        ["prompt_hash"] = d.PromptHash,
        ["model"] = d.ModelId,
        ["outcome"] = d.Outcome?.ToString(),
        ["site"] = d.SiteCode,
        ["raw_answers"] = Strings(d.RawAnswers),
        ["new_imports"] = Strings(d.NewImports),
    };

    /// <summary>Per (approach, pair): wall time and whether the model answers came from the cache. Not deterministic, so kept apart.</summary>
    public static string Timings(EvaluationReport report)
    {
        var sb = new StringBuilder();
        foreach (var run in report.Runs.Concat(report.Ablation?.HybridVariants ?? []).Where(r => r.Ran))
            foreach (var p in run.Predictions)
                sb.Append(new JsonObject
                {
                    ["id"] = p.Pair.Id,
                    ["strategy"] = run.Label,
                    ["elapsed_ms"] = Math.Round(p.Elapsed.TotalMilliseconds, 3),
                    ["from_cache"] = p.Decisions.Any(d => d.Outcome is not null) ? p.Decisions.Where(d => d.Outcome is not null).All(d => d.FromCache) : null,
                }.ToJsonString(Compact)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Every number of the report as JSON.</summary>
    public static string MetricsJson(EvaluationReport report)
    {
        var s = report.Setup;
        var root = new JsonObject
        {
            ["setup"] = new JsonObject
            {
                ["datasets"] = Strings(s.Datasets),
                ["split"] = s.Split,
                ["pairs"] = s.Pairs.Count,
                ["positives"] = s.Pairs.Count(p => !p.IsNegative),
                ["negatives"] = s.Pairs.Count(p => p.IsNegative),
                ["train_pairs"] = s.TrainPairs.Count,
                ["rules"] = s.Rules.Count,
                ["rules_origin"] = s.RulesOrigin,
                ["direct_threshold"] = s.Hybrid.MinConfidence,
                ["guided_threshold"] = s.Hybrid.GuidedThreshold,
                ["plain_strategy"] = s.Hybrid.PlainStrategy,
                ["unsafe"] = s.Hybrid.Unsafe,
                ["few_shot_examples"] = s.FewShotExamples,
                ["seed"] = s.Seed,
                ["model"] = report.ModelId,
                ["template_versions"] = new JsonObject(report.TemplateVersions.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            },
        };
        var approaches = new JsonObject();
        foreach (var run in report.Runs.Concat(report.Ablation?.HybridVariants ?? []))
            approaches[run.Label] = run.Ran ? Detailed(run) : new JsonObject { ["not_run"] = run.NotRun };
        root["approaches"] = approaches;
        root["unchanged"] = Metrics(report.Unchanged.Metrics);
        root["routing"] = new JsonObject
        {
            ["sites"] = Counts(report.Routing.Sites),
            ["pairs"] = Counts(report.Routing.Pairs),
        };
        var c = report.Calibration;
        root["calibration"] = new JsonObject
        {
            ["threshold"] = c.Threshold,
            ["target"] = CalibrationResult.Target,
            ["matches_at_or_above"] = c.AtOrAbove,
            ["right_at_or_above"] = c.RightAtOrAbove,
            ["accuracy_at_or_above"] = Round(c.AccuracyAtOrAbove),
            ["meets_target"] = c.MeetsTarget,
            ["expected_calibration_error"] = Round(c.ExpectedCalibrationError),
            ["not_rewritable"] = c.NotRewritable,
            ["buckets"] = new JsonArray(c.Buckets.Select(b => (JsonNode?)new JsonObject
            {
                ["lower"] = b.Lower,
                ["upper"] = Math.Min(1, b.Upper),
                ["matches"] = b.Matches,
                ["right"] = b.Right,
                ["accuracy"] = Round(b.Accuracy),
                ["mean_confidence"] = Round(b.MeanConfidence),
            }).ToArray()),
        };
        if (report.Ablation is { } ab)
        {
            root["ablation"] = new JsonObject
            {
                ["rules_sweep"] = new JsonArray(ab.RulesSweep.Select(p => (JsonNode?)new JsonObject { ["direct"] = p.Direct, ["metrics"] = Metrics(p.Metrics) }).ToArray()),
                ["hybrid_sweep"] = ab.HybridSweep.Count == 0 ? new JsonObject { ["not_run"] = ab.HybridSweepNotRun } :
                    new JsonArray(ab.HybridSweep.Select(p => (JsonNode?)new JsonObject { ["direct"] = p.Direct, ["guided"] = p.Guided, ["metrics"] = Metrics(p.Metrics) }).ToArray()),
                ["learning_curve"] = ab.LearningCurve.Count == 0 ? new JsonObject { ["not_run"] = ab.LearningCurveNotRun } :
                    new JsonArray(ab.LearningCurve.Select(p => (JsonNode?)new JsonObject
                    {
                        ["fraction"] = p.Fraction,
                        ["seed"] = p.Seed,
                        ["train_pairs"] = p.TrainPairs,
                        ["rules"] = p.Rules,
                        ["rules_metrics"] = Metrics(p.RulesMetrics),
                        ["hybrid_metrics"] = p.HybridMetrics is null ? null : Metrics(p.HybridMetrics),
                    }).ToArray()),
            };
        }
        return root.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Detailed(StrategyRun run)
    {
        var o = Metrics(run.Metrics);
        o["by_library"] = Grouped(run.Predictions, StrategyMetrics.LibraryOf);
        o["by_kind"] = Grouped(run.Predictions, StrategyMetrics.KindOf);
        o["by_tier"] = Grouped(run.Predictions, p => p.Tier);
        o["by_pattern"] = Grouped(run.Predictions, StrategyMetrics.PatternOf);
        o["confusion"] = new JsonArray(ConfusionRow.Table(run.Predictions).Select(r => (JsonNode?)new JsonObject
        {
            ["tier"] = r.Tier,
            ["right"] = r.Right,
            ["wrong"] = r.Wrong,
            ["wrong_applied"] = r.WrongApplied,
            ["wrong_after_rejection"] = r.WrongAfterRejection,
        }).ToArray());
        return o;
    }

    private static JsonObject Grouped(IEnumerable<PairPrediction> predictions, Func<PairPrediction, string> key)
        => new(StrategyMetrics.By(predictions, key).Select(g => KeyValuePair.Create(g.Group, (JsonNode?)Metrics(g.Metrics))));

    private static JsonObject Metrics(StrategyMetrics m) => new()
    {
        ["pairs"] = m.Pairs,
        ["positives"] = m.Positives,
        ["negatives"] = m.Negatives,
        ["exact"] = Round(m.ExactMatch),
        ["exact_modulo_formatting"] = Round(m.ExactModuloFormatting),
        ["similarity"] = Round(m.Similarity),
        ["precision"] = Round(m.Precision),
        ["coverage"] = Round(m.Coverage),
        ["negative_safety"] = Round(m.NegativeSafety),
        ["accuracy"] = Round(m.Accuracy),
        ["counts"] = new JsonObject
        {
            ["exact_positives"] = m.ExactPositives,
            ["format_positives"] = m.FormatPositives,
            ["acted"] = m.Acted,
            ["acted_right"] = m.ActedRight,
            ["acted_on_positives"] = m.ActedOnPositives,
            ["negatives_unchanged"] = m.NegativesUnchanged,
            ["model_sites"] = m.ModelSites,
            ["model_accepted"] = m.ModelAccepted,
            ["model_applied"] = m.ModelApplied,
            ["model_rejected"] = m.ModelRejected,
        },
    };

    private static JsonObject Counts(IReadOnlyDictionary<string, int> counts)
        => new(counts.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)i).ToArray());

    /// <summary>Six decimals (enough to recompute any ratio here), NaN as null.</summary>
    private static JsonNode? Round(double x) => double.IsNaN(x) ? null : JsonValue.Create(Math.Round(x, 6));
}
