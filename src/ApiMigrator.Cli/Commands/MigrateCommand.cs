using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ApiMigrator.Cli.Options;
using ApiMigrator.Files;
using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Reporting;
using ApiMigrator.Rewriting;
using ApiMigrator.Workspace;
using Spectre.Console;

namespace ApiMigrator.Cli.Commands;

/// <summary>
/// `apimig migrate`: run the rules — and with <c>--llm-*</c> the model tiers — over files, folders or stdin; diff (default),
/// check or write. Options and printing only.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Python files, notebooks (.ipynb) or folders; '-' reads stdin and writes the migrated code to stdout", Arity = ArgumentArity.OneOrMore };
        var rules = RuleInput.RulesOption();
        var select = new Option<string[]>("--select") { Description = "Only these libraries or rule ids, comma-separated or repeated (globs like 'pandas.fillna-*' work)", HelpName = "LIB|RULE" };
        var ignore = new Option<string[]>("--ignore") { Description = "Skip these libraries or rule ids, comma-separated or repeated (globs work)", HelpName = "LIB|RULE" };
        var write = new Option<bool>("--write", "-w") { Description = "Apply the changes in place (atomically; encoding, BOM, line ends and permissions kept)" };
        var check = new Option<bool>("--check") { Description = "Exit 1 if anything would change (for CI); prints the diff, changes nothing" };
        var unsafeOpt = new Option<bool>("--unsafe") { Description = "Also apply rules marked unsafe (manual rules only ever report)" };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Apply only matches at least this confident (0..1); weaker ones are reported (or, with a model, go to the model tiers). The same setting as --direct-threshold", DefaultValueFactory = _ => new RewriteOptions().MinConfidence, HelpName = "X" };
        var format = new Option<string>("--format") { Description = "Output: text (diff + messages), json or sarif (SARIF 2.1.0) on stdout", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var report = new Option<string?>("--report") { Description = "Also write the machine-readable report to FILE (sarif when --format sarif or FILE ends in .sarif, else json); stdout keeps the text", HelpName = "FILE" };
        var exclude = new Option<string[]>("--exclude") { Description = "Skip paths matching these globs, comma-separated or repeated (.gitignore syntax, relative to the current folder)", HelpName = "GLOB" };
        var noGitignore = new Option<bool>("--no-gitignore") { Description = "Also scan what .gitignore files list" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files migrated at once; 0 = all cores", DefaultValueFactory = _ => 0, HelpName = "N" };
        var stdinName = new Option<string?>("--stdin-filename") { Description = "The name of the code read from '-' (messages; a .ipynb name reads a notebook)", HelpName = "NAME" };
        var showWeak = new Option<bool>("--show-weak") { Description = "Also list low-confidence matches below 0.5 (a pattern that fits with little evidence; counted either way)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the diff (or report) and errors: no findings, no summary" };
        var hybrid = new HybridCliOptions();
        // migrate has no training pairs to take few-shot examples from: its plain tier is zero-shot unless told otherwise.
        hybrid.PlainStrategy.DefaultValueFactory = _ => "zero-shot";
        hybrid.PlainStrategy.Description = "Prompt strategy of the plain tier: zero-shot or doc-guided (few-shot needs training pairs, which migrate does not have)";
        var llm = new LlmCliOptions();
        var cmd = new Command("migrate",
            "Migrate Python code to newer library APIs with the shipped rules (or --rules). By default prints a unified diff and changes nothing.\n" +
            "With a model (--llm-endpoint URL --llm-model NAME, or --llm-model-path FILE) matches below --direct-threshold go to it: the rule guides\n" +
            "the model at or above --guided-threshold, a plain prompt below; an answer is applied only when verified.\n" +
            "Folders are searched for *.py and *.ipynb, skipping .git, virtualenvs, build output and what .gitignore lists.\n" +
            "A line ending in '# apimig: ignore' (or '# apimig: ignore[RULE-OR-LIBRARY,…]') is left alone.\n" +
            "Exit codes: 0 ok, 1 changes found under --check, 2 usage or input error.\n\n" +
            "Examples:\n" +
            "  apimig migrate src/                          show what would change (unified diff on stdout)\n" +
            "  apimig migrate src/ > migration.patch        review it; apply with patch -p0 (or use --write)\n" +
            "  apimig migrate --write src/ notebooks/       apply in place\n" +
            "  apimig migrate --check .                     CI: fail when code still uses old APIs\n" +
            "  apimig migrate --select numpy,pandas .       only the NumPy and pandas rules\n" +
            "  apimig migrate --ignore 'pandas.fillna-*' --exclude 'tests/fixtures/**' .\n" +
            "  apimig migrate --format sarif . > apimig.sarif     for code-scanning UIs\n" +
            "  apimig migrate --report report.json --write .      text on the terminal, JSON in a file\n" +
            "  apimig migrate --rules my-rules.yaml src/    your rules instead of the shipped ones\n" +
            "  apimig migrate - < old.py > new.py           stdin to stdout\n" +
            "  apimig migrate --llm-endpoint http://127.0.0.1:8080/v1 --llm-model qwen2.5-coder-1.5b-instruct --llm-cache .apimig/llm-cache src/\n" +
            "  apimig migrate --llm-model-path qwen2.5-coder-1.5b-instruct-q4_k_m.gguf --llm-timeout 300 src/")
        { paths, rules, select, ignore, write, check, unsafeOpt, minConfidence, format, report, exclude, noGitignore, jobs, stdinName, showWeak, quiet };
        hybrid.AddTo(cmd);
        llm.AddTo(cmd);
        cmd.SetAction((r, ct) => new Run(console)
        {
            Paths = r.GetValue(paths)!,
            RuleFiles = RuleInput.List(r.GetValue(rules)),
            Select = RuleInput.List(r.GetValue(select)),
            Ignore = RuleInput.List(r.GetValue(ignore)),
            Write = r.GetValue(write),
            Check = r.GetValue(check),
            Unsafe = r.GetValue(unsafeOpt),
            MinConfidence = r.GetValue(minConfidence),
            Format = r.GetValue(format)!,
            Report = r.GetValue(report),
            Exclude = RuleInput.List(r.GetValue(exclude)),
            NoGitignore = r.GetValue(noGitignore),
            Jobs = r.GetValue(jobs),
            StdinName = r.GetValue(stdinName),
            ShowWeak = r.GetValue(showWeak),
            Quiet = r.GetValue(quiet),
            Llm = llm.Bind(r),
            Hybrid = hybrid.Bind(r),
            MinConfidenceGiven = r.GetResult(minConfidence) is { Implicit: false },
            DirectThresholdGiven = r.GetResult(hybrid.DirectThreshold) is { Implicit: false },
            GuidedThresholdGiven = r.GetResult(hybrid.GuidedThreshold) is { Implicit: false },
            PlainStrategyGiven = r.GetResult(hybrid.PlainStrategy) is { Implicit: false },
        }.ExecuteAsync(ct));
        return cmd;
    }

    /// <summary>One invocation: validated options, then the run.</summary>
    private sealed class Run(CliConsole console)
    {
        public required string[] Paths { get; init; }
        public required string[] RuleFiles { get; init; }
        public required string[] Select { get; init; }
        public required string[] Ignore { get; init; }
        public bool Write { get; init; }
        public bool Check { get; init; }
        public bool Unsafe { get; init; }
        public double MinConfidence { get; init; }
        public required string Format { get; init; }
        public string? Report { get; init; }
        public required string[] Exclude { get; init; }
        public bool NoGitignore { get; init; }
        public int Jobs { get; init; }
        public string? StdinName { get; init; }
        public bool ShowWeak { get; init; }
        public bool Quiet { get; init; }
        public (LlmOptions? Options, IReadOnlyList<string> Errors) Llm { get; init; }
        public (HybridOptions Options, IReadOnlyList<string> Errors) Hybrid { get; init; }
        public bool MinConfidenceGiven { get; init; }
        public bool DirectThresholdGiven { get; init; }
        public bool GuidedThresholdGiven { get; init; }
        public bool PlainStrategyGiven { get; init; }

        /// <summary>
        /// The direct tier's threshold: --min-confidence and --direct-threshold are one setting under two names (the rule
        /// engine's and the hybrid's). Whichever is given counts; both given must agree (Validate).
        /// </summary>
        private double DirectThreshold => DirectThresholdGiven && !MinConfidenceGiven ? Hybrid.Options.DirectThreshold : MinConfidence;

        /// <summary>The hybrid's options as given, with the direct threshold above (a default guided threshold never exceeds it).</summary>
        private HybridOptions HybridOptions => Hybrid.Options with
        {
            DirectThreshold = DirectThreshold,
            GuidedThreshold = GuidedThresholdGiven ? Hybrid.Options.GuidedThreshold : Math.Min(Hybrid.Options.GuidedThreshold, DirectThreshold),
        };

        private MigrationMode Mode => Write ? MigrationMode.Write : Check ? MigrationMode.Check : MigrationMode.Diff;
        private bool Stdin => Paths is ["-"];

        private int Usage(string message)
        {
            console.Error.WriteLine($"apimig: {message}");
            console.Error.WriteLine("Run 'apimig migrate --help' for usage.");
            return CliApp.ExitCodes.UsageOrInput;
        }

        private string? Validate()
        {
            if (Write && Check) return "--write and --check cannot be combined (--check never changes files)";
            if (MinConfidence is < 0 or > 1 || double.IsNaN(MinConfidence)) return $"--min-confidence must be between 0 and 1, not {MinConfidence}";
            if (MinConfidenceGiven && DirectThresholdGiven && MinConfidence != Hybrid.Options.DirectThreshold)
                return $"--min-confidence ({Invariant(MinConfidence)}) and --direct-threshold ({Invariant(Hybrid.Options.DirectThreshold)}) are the same setting, the direct tier's threshold: give one";
            if (Llm.Errors.Count > 0) return string.Join(" ", Llm.Errors);
            if (Llm.Options is null && (GuidedThresholdGiven || PlainStrategyGiven))
                return $"{string.Join(", ", new[] { GuidedThresholdGiven ? "--guided-threshold" : null, PlainStrategyGiven ? "--plain-strategy" : null }.OfType<string>())} need a model: give --llm-endpoint URL --llm-model NAME, or --llm-model-path FILE";
            if (PlainStrategyGiven && Hybrid.Options.PlainStrategy == "few-shot")
                return "--plain-strategy few-shot takes its examples from training pairs, which apimig migrate does not have: use zero-shot (the default) or doc-guided";
            var hybridErrors = HybridOptions.Validate();
            if (hybridErrors.Count > 0) return string.Join(" ", hybridErrors);
            if (Jobs < 0) return "--jobs must be 0 (all cores) or more";
            if (Paths.Contains("-") && Paths.Length > 1) return "'-' (stdin) cannot be combined with other paths";
            if (Stdin && Write) return "--write does not apply to stdin: the migrated code goes to stdout";
            if (Stdin && Format != "text" && Report is null) return "with '-', stdout carries the migrated code; use --report FILE for a json or sarif report";
            if (!Stdin && StdinName is not null) return "--stdin-filename only applies to '-'";
            return null;
        }

        private static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);

        public async Task<int> ExecuteAsync(CancellationToken ct)
        {
            if (Validate() is { } problem) return Usage(problem);
            var loaded = RuleInput.Load(RuleFiles, Select, Ignore, console.Error);
            if (loaded is null) return CliApp.ExitCodes.UsageOrInput;
            if (!ModelSetup.TryCreate(Llm.Options, console.Error, out var backend, out var model)) return CliApp.ExitCodes.UsageOrInput;
            try
            {
                var settings = new MigrationSettings
                {
                    Rules = new RuleSet(loaded),
                    Rewrite = new RewriteOptions { MinConfidence = DirectThreshold, Unsafe = Unsafe },
                    Mode = Mode,
                    Parallelism = Jobs > 0 ? Jobs : Environment.ProcessorCount,
                    MinReportedConfidence = ShowWeak ? 0 : MigrationSettings.DefaultMinReportedConfidence,
                    Model = model is null ? null : new ModelTiers(new HybridMigrator(model), HybridOptions)
                    {
                        Concurrency = Llm.Options!.ModelPath is not null ? 1 : Llm.Options.MaxConcurrency,
                    },
                };
                if (settings.Model is { } tiers && !Quiet) console.Error.WriteLine(TextReport.ModelSetup(model!.ModelId, tiers.For(settings)));
                var migrator = new WorkspaceMigrator(settings);
                if (Stdin) return await RunStdinAsync(migrator, loaded, ct);
                return await RunFilesAsync(migrator, loaded, ct);
            }
            finally
            {
                model?.Dispose();
                backend?.Dispose();
            }
        }

        private async Task<int> RunFilesAsync(WorkspaceMigrator migrator, IReadOnlyList<Rules.MigrationRule> loaded, CancellationToken ct)
        {
            var settings = migrator.Settings;

            IReadOnlyList<string> files;
            try
            {
                files = SourceFiles.Expand(Paths, new FileScanOptions
                {
                    IncludeNotebooks = true, RespectGitignore = !NoGitignore, Exclude = Exclude,
                    Warn = w => console.Error.WriteLine($"apimig: warning: {w}"),
                });
            }
            catch (FileNotFoundException e) { return Usage(e.Message); }
            catch (FormatException e) { return Usage(e.Message); }

            bool machineOnStdout = Format != "text" && Report is null;
            using var stdoutReport = machineOnStdout ? console.OpenOutput() : null;
            await console.Out.FlushAsync(ct);
            using var reportFile = Report is null ? null : OpenReport(Report);
            if (Report is not null && reportFile is null) return CliApp.ExitCodes.UsageOrInput;
            var writers = new List<IReportWriter>();
            if (stdoutReport is not null) writers.Add(CreateWriter(Format == "sarif", stdoutReport, loaded, settings));
            if (reportFile is not null) writers.Add(CreateWriter(Format == "sarif" || Report!.EndsWith(".sarif", StringComparison.OrdinalIgnoreCase), reportFile, loaded, settings));

            var summary = new MigrationSummary { CountsTiers = settings.Model is not null };
            var sw = Stopwatch.StartNew();
            // Human lines go to stderr; while a progress bar is drawn there they wait until it is done.
            var held = new List<string>();
            bool progress = !Quiet && !console.IsErrorRedirected && files.Count > 1 && (console.IsOutputRedirected || (Mode == MigrationMode.Write && !machineOnStdout));
            void Human(string line)
            {
                if (progress) held.Add(line);
                else console.Error.WriteLine(line);
            }
            void Handle(FileOutcome o)
            {
                summary.Add(o);
                foreach (var w in writers) w.Add(o);
                if (o.Diff is { } diff && !machineOnStdout) console.Out.Write(diff);
                if (Quiet) return;
                if (o.Skipped is { } skip) Human(TextReport.Skipped(o.DisplayPath, skip));
                foreach (var f in o.Findings.Where(TextReport.IsShown)) Human(TextReport.Finding(o, f));
                if (o.Status == FileStatus.Changed && Mode == MigrationMode.Write) Human(TextReport.Changed(o, Mode));
            }
            try
            {
                if (progress) await RunWithProgressAsync(migrator, files, Handle, ct);
                else await foreach (var o in migrator.RunAsync(files, ct)) Handle(o);
            }
            finally
            {
                await console.Out.FlushAsync(CancellationToken.None);
                foreach (var w in writers) { w.Complete(summary); w.Dispose(); }
            }
            sw.Stop();
            foreach (var line in held) console.Error.WriteLine(line);
            if (!Quiet) console.Error.Write(TextReport.Summary(summary, Mode, sw.Elapsed));
            if (ct.IsCancellationRequested)
            {
                console.Error.WriteLine($"apimig: interrupted after {summary.FilesScanned} of {files.Count} files; every file is either as it was or fully migrated");
                return 130;
            }
            return Mode == MigrationMode.Check && summary.FilesChanged > 0 ? CliApp.ExitCodes.Found : CliApp.ExitCodes.Ok;
        }

        private async Task RunWithProgressAsync(WorkspaceMigrator migrator, IReadOnlyList<string> files, Action<FileOutcome> handle, CancellationToken ct)
        {
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
            await ansi.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("migrating", maxValue: files.Count);
                    await foreach (var o in migrator.RunAsync(files, ct))
                    {
                        handle(o);
                        task.Increment(1);
                    }
                });
        }

        private async Task<int> RunStdinAsync(WorkspaceMigrator migrator, IReadOnlyList<Rules.MigrationRule> rules, CancellationToken ct)
        {
            byte[] input;
            try
            {
                using var stdin = console.OpenInput();
                using var buffer = new MemoryStream();
                await stdin.CopyToAsync(buffer, CancellationToken.None);
                input = buffer.ToArray();
            }
            catch (IOException e) { return Usage($"cannot read standard input: {e.Message}"); }
            var name = StdinName ?? "stdin";
            FileOutcome outcome;
            byte[] updated;
            try
            {
                (outcome, updated) = await migrator.MigrateBytesAsync(input, name, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Interrupted while waiting on the model: the input goes out as it came in.
                await WriteOutAsync(input);
                console.Error.WriteLine("apimig: interrupted; the input was copied unchanged");
                return 130;
            }
            await WriteOutAsync(updated);
            var summary = new MigrationSummary { CountsTiers = migrator.Settings.Model is not null };
            summary.Add(outcome);
            if (Report is not null)
            {
                using var file = OpenReport(Report);
                if (file is null) return CliApp.ExitCodes.UsageOrInput;
                using var w = CreateWriter(Format == "sarif" || Report.EndsWith(".sarif", StringComparison.OrdinalIgnoreCase), file, rules, migrator.Settings);
                w.Add(outcome);
                w.Complete(summary);
            }
            if (outcome.Skipped is { } skip)
            {
                console.Error.WriteLine($"apimig: {TextReport.Skipped(name, skip)}; the input was copied unchanged");
                return CliApp.ExitCodes.UsageOrInput;
            }
            if (!Quiet)
                foreach (var f in outcome.Findings.Where(TextReport.IsShown)) console.Error.WriteLine(TextReport.Finding(outcome, f));
            return Mode == MigrationMode.Check && outcome.Status == FileStatus.Changed ? CliApp.ExitCodes.Found : CliApp.ExitCodes.Ok;
        }

        private async Task WriteOutAsync(byte[] bytes)
        {
            await console.Out.FlushAsync(CancellationToken.None);
            using var stdout = console.OpenOutput();
            await stdout.WriteAsync(bytes, CancellationToken.None);
            await stdout.FlushAsync(CancellationToken.None);
        }

        private FileStream? OpenReport(string path)
        {
            try { return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"apimig: cannot write the report {path}: {e.Message}");
                return null;
            }
        }

        private static IReportWriter CreateWriter(bool sarif, Stream stream, IReadOnlyList<Rules.MigrationRule> rules, MigrationSettings settings)
            => sarif
                ? new SarifReportWriter(stream, rules, settings.Mode, CliApp.Version, settings.BaseDirectory)
                : new JsonReportWriter(stream, settings.Mode, CliApp.Version);
    }
}
