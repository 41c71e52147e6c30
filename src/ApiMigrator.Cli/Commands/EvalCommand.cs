using System.CommandLine;
using ApiMigrator.Cli.Options;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Data;
using ApiMigrator.Evaluation;
using ApiMigrator.Evaluation.Reports;
using ApiMigrator.Learning;
using ApiMigrator.Llm;
using ApiMigrator.Rules;
using Spectre.Console;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig eval`: rules, prompt strategies and the hybrid on a dataset, with ablations and reports.</summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console) => CliCommand.Create<EvalSettings>("eval",
        "Evaluate rules, prompt strategies and the rule+LLM hybrid on a dataset.\n\n" +
        "Examples:\n" +
        "  apimig eval data/pairs                                  rules learned from train, evaluated on test\n" +
        "  apimig eval data/pairs --split test-unseen --out report\n" +
        "  apimig eval data/pairs --rules data/rules/learned.yaml --split all\n" +
        "  apimig eval their.jsonl --train data/pairs --strategy rules\n" +
        "  apimig eval data/pairs --llm-endpoint http://127.0.0.1:8080/v1 --llm-model qwen2.5-coder-1.5b-instruct \\\n" +
        "      --llm-cache .apimig/llm-cache --ablation --out report",
        console, (settings, ct) => RunAsync(settings, console, ct));

    private static async Task<int> RunAsync(EvalSettings q, CliConsole console, CancellationToken cancellationToken)
    {
        var split = q.EffectiveSplit;
        var (aliases, _) = DatasetLibraries.ParseAliases(q.LibraryAliases);

        // One reading of the dataset: the evaluated split, its train split and the documentation pairs all come from it.
        var dataset = DatasetInput.Load(q.Paths, null, q.Splits, console.Error);
        if (dataset is null) return CliApp.ExitCodes.UsageOrInput;
        DatasetSplit? parts = null;
        if (split != "all")
        {
            var (read, splitErrors) = SplitFiles.Read(q.Splits);
            foreach (var e in splitErrors) console.Error.WriteLine($"apimig: {e}");
            if (read is null) return CliApp.ExitCodes.UsageOrInput;
            parts = read;
        }
        var selected = EvaluationPairs.Select(dataset, split, parts);
        var pairs = DatasetLibraries.Apply(selected.Evaluated, aliases);
        if (pairs.Count == 0)
        {
            console.Error.WriteLine($"apimig: no pairs to evaluate (split {split} of {string.Join(", ", q.Paths)})");
            return CliApp.ExitCodes.UsageOrInput;
        }
        IReadOnlyList<MigrationPair>? trainPairs = [];
        if (q.Train.Length > 0) trainPairs = DatasetInput.Load(q.Train, null, q.Splits, console.Error);
        else trainPairs = selected.Train;
        if (trainPairs is null) return CliApp.ExitCodes.UsageOrInput;
        trainPairs = DatasetLibraries.Apply(trainPairs, aliases);
        var everything = DatasetLibraries.Apply(selected.All, aliases);

        List<MigrationRule> rules = [];
        string origin;
        if (q.RuleFiles.Length > 0)
        {
            foreach (var f in q.RuleFiles)
            {
                if (!File.Exists(f)) { console.Error.WriteLine($"apimig: no such rule file: {f}"); return CliApp.ExitCodes.UsageOrInput; }
                var (loaded, ruleErrors) = RuleFile.Load(f);
                foreach (var e in ruleErrors) console.Error.WriteLine($"apimig: {e}");
                if (ruleErrors.Count > 0) return CliApp.ExitCodes.UsageOrInput;
                rules.AddRange(loaded);
            }
            origin = $"from {string.Join(", ", q.RuleFiles)}";
        }
        else
        {
            rules.AddRange(RuleLearner.Learn(trainPairs).Rules);
            origin = $"learned from {trainPairs.Count} {(q.Train.Length > 0 ? "--train" : "train")} pairs";
        }
        if (DatasetLibraries.Warning(pairs, rules) is { } libraryWarning) console.Error.WriteLine($"apimig: {libraryWarning}");
        var trainIds = trainPairs.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        int overlap = pairs.Count(p => trainIds.Contains(p.Id));
        if (overlap > 0) console.Error.WriteLine($"apimig: warning: {overlap} evaluated pairs are also training pairs (same id); their numbers are not a test of generalization");

        var setup = new EvaluationSetup
        {
            Pairs = pairs,
            TrainPairs = trainPairs,
            Rules = rules,
            RulesOrigin = origin,
            RulesLearned = q.RuleFiles.Length == 0,
            CatalogRules = q.RuleFiles.Length == 0 && !q.NoCatalog ? CatalogRow.ShippedCatalog() : [],
            DocumentationPairs = everything,
            Hybrid = q.Hybrid.ToOptions(new Hybrid.HybridOptions()),
            Strategies = q.Strategies.Length == 0 ? EvaluationStrategies.Names : q.Strategies,
            Ablation = q.Ablation,
            Seed = q.Seed,
            FewShotExamples = q.FewShotK,
            Split = split,
            Datasets = q.Paths,
        };

        if (!ModelSetup.TryCreate(q.Llm.Options, console.Error, out var backend, out var migrator)) return CliApp.ExitCodes.UsageOrInput;
        try
        {
            var progress = new Progress(console.Error);
            var report = await new Evaluator(migrator, progress).RunAsync(setup, cancellationToken);
            Print(report, console);
            if (q.Verbose) PrintWrong(report, console.Out);
            if (q.Output is not null)
            {
                EvaluationOutput.Write(report, q.Output);
                console.Out.WriteLine($"wrote {string.Join(", ", EvaluationOutput.Files)} and plots/ to {q.Output}");
            }
            return CliApp.ExitCodes.Ok;
        }
        finally
        {
            migrator?.Dispose();
            backend?.Dispose();
        }
    }

    /// <summary>The headline table and the lines a researcher reads first.</summary>
    private static void Print(EvaluationReport report, CliConsole output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Out) });
        // Redirected output (CI logs, a pipe) has no width; give the table room rather than wrapping every cell.
        if (output.IsOutputRedirected) console.Profile.Width = 160;
        console.WriteLine(Plain(ReportBuilder.Summary(report)));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("approach");
        foreach (var c in ReportBuilder.HeadlineColumns) table.AddColumn(new TableColumn(c).RightAligned());
        foreach (var row in ReportBuilder.Headline(report))
        {
            if (row.NotRun is not null)
                table.AddRow([new Text(row.Approach), new Text("—"), new Markup($"[grey]{Markup.Escape(row.NotRun)}[/]"), Text.Empty, Text.Empty, Text.Empty, Text.Empty, Text.Empty]);
            else
                table.AddRow([new Text(row.Approach), .. row.Cells.Select(c => new Text(c))]);
        }
        console.Write(table);
        console.WriteLine(ReportBuilder.CalibrationSummary(report.Calibration));
        var r = report.Routing;
        console.WriteLine($"hybrid routing: {r.Sites["direct"]} direct, {r.Sites["guided"]} guided, {r.Sites["plain"]} plain sites" +
            (report.Run(EvaluationStrategies.Hybrid) is { Ran: true } ? "" : " (model tiers not run)"));
    }

    private static void PrintWrong(EvaluationReport report, TextWriter output)
    {
        foreach (var run in report.Runs.Where(r => r.Ran))
        {
            foreach (var p in run.Predictions.Where(p => !p.Right))
            {
                var what = p.Changed ? "WRONG" : "MISSED";
                output.WriteLine($"--- {run.Label} {what} {p.Pair.Id} [{p.Pair.Pattern ?? "unknown"}] tier {p.Tier}" +
                    (p.RuleIds.Count == 0 ? "" : $" rules {string.Join(", ", p.RuleIds)}") +
                    string.Concat(p.Decisions.Where(d => d.Reason is not null).Select(d => $"\n    line {d.Line}: {d.Reason}")));
                if (!p.Changed) continue;
                output.WriteLine(p.Prediction.TrimEnd('\n'));
                output.WriteLine("--- expected");
                output.WriteLine(p.Pair.After.TrimEnd('\n'));
            }
        }
    }

    private static string Plain(string text) => text.Replace("`", "", StringComparison.Ordinal);

    /// <summary>Progress lines on stderr, so stdout stays the table.</summary>
    private sealed class Progress(TextWriter writer) : IProgress<string>
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

        public void Report(string value) => writer.WriteLine(FormattableString.Invariant($"apimig: [{clock.Elapsed.TotalSeconds,5:0.0}s] {value}"));
    }
}
