using System.CommandLine;
using System.Diagnostics;
using ApiMigrator.Cli.Options;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Configuration;
using ApiMigrator.Files;
using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Reporting;
using ApiMigrator.Rewriting;
using ApiMigrator.Versions;
using ApiMigrator.Workspace;
using Spectre.Console;

namespace ApiMigrator.Cli.Commands;

/// <summary>
/// `apimig migrate`: run the rules — and with <c>--llm-*</c> the model tiers — over files, folders or stdin; diff (default),
/// check or write. The options are <see cref="MigrateSettings"/>; this is the run and its printing.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console) => CliCommand.Create<MigrateSettings>("migrate",
        "Migrate Python code to newer library APIs with the shipped rules (or --rules). By default prints a unified diff and changes nothing.\n" +
        "With a model (--llm-endpoint URL --llm-model NAME, or --llm-model-path FILE) matches below --min-confidence go to it: the rule guides\n" +
        "the model at or above --guided-threshold, a plain prompt below; an answer is applied only when verified.\n" +
        "Folders are searched for *.py and *.ipynb, skipping .git, virtualenvs, build output and what .gitignore lists.\n" +
        "A line ending in '# apimig: ignore' (or '# apimig: ignore[RULE-OR-LIBRARY,…]') is left alone.\n" +
        "Settings come from the closest [tool.apimig] (pyproject.toml) or apimig.toml above each file; a rule is applied only when\n" +
        $"the project's versions have its replacement (requires-python, dependencies; Python {PythonVersions.Spell(PythonVersions.Default)} when nothing is declared).\n" +
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
        "  apimig migrate --target-version py38 --target pandas=2.0 src/   for Python 3.8+ and pandas 2.0.x\n" +
        "  apimig migrate - < old.py > new.py           stdin to stdout\n" +
        "  apimig migrate --llm-endpoint http://127.0.0.1:8080/v1 --llm-model qwen2.5-coder-1.5b-instruct --llm-cache .apimig/llm-cache src/\n" +
        "  apimig migrate --llm-model-path qwen2.5-coder-1.5b-instruct-q4_k_m.gguf --llm-timeout 300 src/",
        console, (settings, ct) => new Run(settings, console).ExecuteAsync(ct));

    /// <summary>One invocation: valid settings, then the run.</summary>
    private sealed class Run(MigrateSettings s, CliConsole console)
    {
        private string[] Paths => s.Paths;
        private bool Quiet => s.Quiet;
        private string Format => s.Format;
        private string? Report => s.Report;
        private string? StdinName => s.StdinName;

        /// <summary>The hybrid's options as given (a default guided threshold never exceeds the direct one).</summary>
        private HybridOptions HybridOptions => s.Hybrid.ToOptions(new HybridOptions());

        private MigrationMode Mode => s.Write ? MigrationMode.Write : s.Check ? MigrationMode.Check : MigrationMode.Diff;
        private bool Stdin => s.Stdin;

        private int Usage(string message)
        {
            console.Error.WriteLine($"apimig: {message}");
            console.Error.WriteLine("Run 'apimig migrate --help' for usage.");
            return CliApp.ExitCodes.UsageOrInput;
        }

        public async Task<int> ExecuteAsync(CancellationToken ct)
        {
            var loaded = RuleInput.Load(s.Rules, s.Select, s.Ignore, console.Error);
            if (loaded is null) return CliApp.ExitCodes.UsageOrInput;
            // --select and --ignore are checked above; each file's selection (with its configuration) is made per file.
            var universe = s.Select.Length == 0 && s.Ignore.Length == 0 ? loaded : RuleInput.Load(s.Rules, [], [], console.Error)!;
            var resolver = new ConfigResolver(s.CommandLine, Thresholds.MinConfidence);
            // The command line's model, else the llm table of the configuration in force for the first path.
            LlmOptions? llmOptions = s.Llm.Options;
            try
            {
                if (llmOptions is null && resolver.For(Stdin ? StdinName ?? "stdin" : Paths[0]) is { Llm.Count: > 0 } eff)
                    llmOptions = LlmSettings.ToOptions(eff.Llm, eff.ConfigPath is { } c ? Path.GetDirectoryName(Path.GetFullPath(c)) : null);
            }
            catch (ConfigError e)
            {
                console.Error.WriteLine($"apimig: {e.Message}");
                return CliApp.ExitCodes.UsageOrInput;
            }
            if (!ModelSetup.TryCreate(llmOptions, console.Error, out var backend, out var model)) return CliApp.ExitCodes.UsageOrInput;
            try
            {
                var settings = new MigrationSettings
                {
                    Rules = new RuleSet(loaded),
                    Rewrite = new RewriteOptions { MinConfidence = s.Hybrid.MinConfidence, Unsafe = s.Unsafe },
                    Mode = Mode,
                    Parallelism = s.Jobs > 0 ? s.Jobs : Environment.ProcessorCount,
                    MinReportedConfidence = s.ShowWeak ? 0 : MigrationSettings.DefaultMinReportedConfidence,
                    Model = model is null ? null : new ModelTiers(new HybridMigrator(model), HybridOptions)
                    {
                        Concurrency = llmOptions!.ModelPath is not null ? 1 : llmOptions.MaxConcurrency,
                    },
                };
                var projects = new ProjectSettings(resolver, universe, settings);
                settings = settings with { FileSettings = projects.For };
                if (settings.Model is { } tiers && !Quiet) console.Error.WriteLine(TextReport.ModelSetup(model!.ModelId, tiers.For(settings)));
                var migrator = new WorkspaceMigrator(settings);
                if (Stdin)
                {
                    if (!ConfigurationIsValid(projects, [StdinName ?? "stdin"])) return CliApp.ExitCodes.UsageOrInput;
                    return await RunStdinAsync(migrator, loaded, ct);
                }
                return await RunFilesAsync(migrator, projects, loaded, ct);
            }
            finally
            {
                model?.Dispose();
                backend?.Dispose();
            }
        }

        /// <summary>
        /// Resolves every file's configuration before anything runs, so a bad configuration file stops the run before any
        /// file is written; prints the error (file:line) and returns false.
        /// </summary>
        private bool ConfigurationIsValid(ProjectSettings projects, IEnumerable<string> files)
        {
            try
            {
                foreach (var f in files) projects.For(f);
                return true;
            }
            catch (ConfigError e)
            {
                console.Error.WriteLine($"apimig: {e.Message}");
                return false;
            }
        }

        private async Task<int> RunFilesAsync(WorkspaceMigrator migrator, ProjectSettings projects, IReadOnlyList<Rules.MigrationRule> loaded, CancellationToken ct)
        {
            var settings = migrator.Settings;

            IReadOnlyList<string> files;
            try
            {
                files = SourceFiles.Expand(Paths, new FileScanOptions
                {
                    IncludeNotebooks = true, RespectGitignore = !s.NoGitignore, Exclude = s.Exclude,
                    Warn = w => console.Error.WriteLine($"apimig: warning: {w}"),
                });
            }
            catch (FileNotFoundException e) { return Usage(e.Message); }
            catch (FormatException e) { return Usage(e.Message); }
            try { files = [.. files.Where(f => !projects.IsExcluded(f))]; }
            catch (ConfigError e) { console.Error.WriteLine($"apimig: {e.Message}"); return CliApp.ExitCodes.UsageOrInput; }
            if (!ConfigurationIsValid(projects, files)) return CliApp.ExitCodes.UsageOrInput;

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
