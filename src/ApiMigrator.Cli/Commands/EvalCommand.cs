using System.CommandLine;
using ApiMigrator.Cli.Options;
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
    public static Command Create()
    {
        var paths = new Argument<string[]>("datasets") { Description = "JSONL files or folders of migration pairs to evaluate on", Arity = ArgumentArity.OneOrMore };
        var train = new Option<string[]>("--train") { Description = "Learn rules (and take few-shot examples) from these pairs instead of the datasets' train split", AllowMultipleArgumentsPerToken = true, HelpName = "DATASET" };
        var rulesOpt = new Option<string[]>("--rules") { Description = "Use these rule files instead of learning rules", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var split = new Option<string?>("--split") { Description = "Pairs to evaluate: test, test-unseen, train or all (default: test; all when --train or --rules is given)" };
        var splits = new Option<string>("--splits") { Description = "Folder with the split files", DefaultValueFactory = _ => "data/splits", HelpName = "DIR" };
        var strategies = new Option<string[]>("--strategy") { Description = $"Approaches to run: {string.Join(", ", EvaluationStrategies.Names)} (default: all; those needing a model are reported as not run without one)", AllowMultipleArgumentsPerToken = true, HelpName = "NAME" };
        var ablation = new Option<bool>("--ablation") { Description = "Also run every approach, the threshold sweeps, the hybrid per plain strategy and the learning curve (10/25/50/100% of train)" };
        var output = new Option<string?>("--out") { Description = "Write predictions.jsonl, metrics.json, report.md, report.html (with plots) and timings.jsonl here", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of the learning curve's subsamples", DefaultValueFactory = _ => 42 };
        var examples = new Option<int>("--few-shot-k") { Description = "Examples per few-shot prompt", DefaultValueFactory = _ => 3 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every pair an approach got wrong" };
        var libraryAlias = new Option<string[]>("--library-alias") { Description = "Read a dataset's library name as a rule library, repeatable: DATASET-NAME=RULE-LIBRARY (e.g. python-stdlib=stdlib)", HelpName = "FROM=TO" };
        var noCatalog = new Option<bool>("--no-catalog") { Description = $"Leave out the '{CatalogRow.Label}' row (learned rules with the shipped catalog of documented changes; shown when rules are learned, not with --rules)" };
        var hybrid = new HybridCliOptions();
        var llm = new LlmCliOptions();
        var cmd = new Command("eval",
            "Evaluate rules, prompt strategies and the rule+LLM hybrid on a dataset.\n\n" +
            "Examples:\n" +
            "  apimig eval data/pairs                                  rules learned from train, evaluated on test\n" +
            "  apimig eval data/pairs --split test-unseen --out report\n" +
            "  apimig eval data/pairs --rules data/rules/learned.yaml --split all\n" +
            "  apimig eval their.jsonl --train data/pairs --strategy rules\n" +
            "  apimig eval data/pairs --llm-endpoint http://127.0.0.1:8080/v1 --llm-model qwen2.5-coder-1.5b-instruct \\\n" +
            "      --llm-cache .apimig/llm-cache --ablation --out report")
        { paths, train, rulesOpt, split, splits, strategies, ablation, output, seed, examples, verbose, libraryAlias, noCatalog };
        hybrid.AddTo(cmd);
        llm.AddTo(cmd);
        cmd.SetAction((r, ct) => RunAsync(new Request(r.GetValue(paths)!, r.GetValue(train) ?? [], r.GetValue(rulesOpt) ?? [], r.GetValue(split), r.GetValue(splits)!,
            r.GetValue(strategies) ?? [], r.GetValue(ablation), r.GetValue(output), r.GetValue(seed), r.GetValue(examples), r.GetValue(verbose))
        { LibraryAliases = RuleInput.List(r.GetValue(libraryAlias)), NoCatalog = r.GetValue(noCatalog) }, hybrid.Bind(r), llm.Bind(r), ct));
        return cmd;
    }

    private sealed record Request(string[] Paths, string[] Train, string[] RuleFiles, string? Split, string Splits, string[] Strategies, bool Ablation,
        string? Output, int Seed, int FewShotK, bool Verbose)
    {
        public string[] LibraryAliases { get; init; } = [];

        public bool NoCatalog { get; init; }
    }

    private static async Task<int> RunAsync(Request q, (Hybrid.HybridOptions Options, IReadOnlyList<string> Errors) hybrid,
        (LlmOptions? Options, IReadOnlyList<string> Errors) llm, CancellationToken cancellationToken)
    {
        var errors = hybrid.Errors.Concat(llm.Errors).ToList();
        var unknown = q.Strategies.Where(s => !EvaluationStrategies.Names.Contains(s)).ToList();
        if (unknown.Count > 0) errors.Add($"unknown --strategy {string.Join(", ", unknown)} (known: {string.Join(", ", EvaluationStrategies.Names)})");
        if (q.Train.Length > 0 && q.RuleFiles.Length > 0) errors.Add("give --train or --rules, not both");
        var split = q.Split ?? (q.Train.Length > 0 || q.RuleFiles.Length > 0 ? "all" : "test");
        if (split is not ("test" or "test-unseen" or "train" or "all")) errors.Add($"unknown --split '{split}' (test, test-unseen, train, all)");
        if (split is "all" or "train" && q.Train.Length == 0 && q.RuleFiles.Length == 0)
            errors.Add($"--split {split} leaves no training pairs to learn rules from: give --train DATASET or --rules FILE");
        if (q.FewShotK < 1) errors.Add($"--few-shot-k must be at least 1 (got {q.FewShotK})");
        var (aliases, aliasErrors) = DatasetLibraries.ParseAliases(q.LibraryAliases);
        errors.AddRange(aliasErrors);
        if (errors.Count > 0)
        {
            foreach (var e in errors) Console.Error.WriteLine($"apimig: {e}");
            return CliApp.ExitCodes.UsageOrInput;
        }

        var pairs = DatasetInput.Load(q.Paths, split == "all" ? null : split, q.Splits);
        if (pairs is null) return CliApp.ExitCodes.UsageOrInput;
        pairs = DatasetLibraries.Apply(pairs, aliases);
        if (pairs.Count == 0)
        {
            Console.Error.WriteLine($"apimig: no pairs to evaluate (split {split} of {string.Join(", ", q.Paths)})");
            return CliApp.ExitCodes.UsageOrInput;
        }
        IReadOnlyList<MigrationPair>? trainPairs = [];
        if (q.Train.Length > 0) trainPairs = DatasetInput.Load(q.Train, null, q.Splits);
        else if (split is "test" or "test-unseen") trainPairs = DatasetInput.Load(q.Paths, "train", q.Splits);
        if (trainPairs is null) return CliApp.ExitCodes.UsageOrInput;
        trainPairs = DatasetLibraries.Apply(trainPairs, aliases);
        var everything = DatasetLibraries.Apply(PairLoader.Load(q.Paths).Pairs, aliases);

        List<MigrationRule> rules = [];
        string origin;
        if (q.RuleFiles.Length > 0)
        {
            foreach (var f in q.RuleFiles)
            {
                if (!File.Exists(f)) { Console.Error.WriteLine($"apimig: no such rule file: {f}"); return CliApp.ExitCodes.UsageOrInput; }
                var (loaded, ruleErrors) = RuleFile.Load(f);
                foreach (var e in ruleErrors) Console.Error.WriteLine($"apimig: {e}");
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
        if (DatasetLibraries.Warning(pairs, rules) is { } libraryWarning) Console.Error.WriteLine($"apimig: {libraryWarning}");
        var trainIds = trainPairs.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        int overlap = pairs.Count(p => trainIds.Contains(p.Id));
        if (overlap > 0) Console.Error.WriteLine($"apimig: warning: {overlap} evaluated pairs are also training pairs (same id); their numbers are not a test of generalization");

        var setup = new EvaluationSetup
        {
            Pairs = pairs,
            TrainPairs = trainPairs,
            Rules = rules,
            RulesOrigin = origin,
            RulesLearned = q.RuleFiles.Length == 0,
            CatalogRules = q.RuleFiles.Length == 0 && !q.NoCatalog ? CatalogRow.ShippedCatalog() : [],
            DocumentationPairs = everything,
            Hybrid = hybrid.Options,
            Strategies = q.Strategies.Length == 0 ? EvaluationStrategies.Names : q.Strategies,
            Ablation = q.Ablation,
            Seed = q.Seed,
            FewShotExamples = q.FewShotK,
            Split = split,
            Datasets = q.Paths,
        };

        if (!ModelSetup.TryCreate(llm.Options, Console.Error, out var backend, out var migrator)) return CliApp.ExitCodes.UsageOrInput;
        try
        {
            var progress = new Progress(Console.Error);
            var report = await new Evaluator(migrator, progress).RunAsync(setup, cancellationToken);
            Print(report);
            if (q.Verbose) PrintWrong(report);
            if (q.Output is not null)
            {
                EvaluationOutput.Write(report, q.Output);
                Console.WriteLine($"wrote {string.Join(", ", EvaluationOutput.Files)} and plots/ to {q.Output}");
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
    private static void Print(EvaluationReport report)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Redirected output (CI logs, a pipe) has no width; give the table room rather than wrapping every cell.
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
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

    private static void PrintWrong(EvaluationReport report)
    {
        foreach (var run in report.Runs.Where(r => r.Ran))
        {
            foreach (var p in run.Predictions.Where(p => !p.Right))
            {
                var what = p.Changed ? "WRONG" : "MISSED";
                Console.WriteLine($"--- {run.Label} {what} {p.Pair.Id} [{p.Pair.Pattern ?? "unknown"}] tier {p.Tier}" +
                    (p.RuleIds.Count == 0 ? "" : $" rules {string.Join(", ", p.RuleIds)}") +
                    string.Concat(p.Decisions.Where(d => d.Reason is not null).Select(d => $"\n    line {d.Line}: {d.Reason}")));
                if (!p.Changed) continue;
                Console.WriteLine(p.Prediction.TrimEnd('\n'));
                Console.WriteLine("--- expected");
                Console.WriteLine(p.Pair.After.TrimEnd('\n'));
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
