using System.CommandLine;
using System.Globalization;
using System.Text;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Data;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig dataset validate|stats|split|export`: the migration-pair dataset tooling (docs/DATASET.md). The work is in ApiMigrator.Data.</summary>
internal static class DatasetCommand
{
    internal const string DefaultSplits = "data/splits";

    /// <summary>The help of every dataset subcommand's paths.</summary>
    internal const string PathsHelp = "*.jsonl files, or folders whose *.jsonl files are read (validate also takes catalog *.yaml files or their folder)";

    public static Command Create(CliConsole console) => CliCommand.Group("dataset",
        "Validate, count, split and export migration-pair datasets (JSONL, docs/DATASET.md).\n\n" +
        "Examples:\n" +
        "  apimig dataset validate data/pairs\n" +
        "  apimig dataset stats data/pairs --splits data/splits\n" +
        "  apimig dataset split data/pairs --seed 42 --out data/splits\n" +
        "  apimig dataset export data/pairs --format sft --split train -o train.sft.jsonl",
        CliCommand.Create<DatasetValidateSettings>("validate",
            "Check pairs: schema, unique ids across files, both sides parse with the engine's parser, " +
            "negatives unchanged and positives changed, no duplicate (before, after). Catalog files (YAML, docs/CATALOG.md) " +
            "are checked too: official source, versions, and the entry alone migrating its example. Prints file:line: message per problem.\n\n" +
            "Examples:\n  apimig dataset validate data/pairs\n  apimig dataset validate data/pairs data/rules/catalog\n  apimig dataset validate --minimal my-pairs.jsonl",
            console, s => Validate(s.Paths, s.Minimal, console)),
        CliCommand.Create<DatasetStatsSettings>("stats",
            "Count pairs and negatives per pattern, kind, library and (with --splits) split part.\n\n" +
            "Examples:\n  apimig dataset stats data/pairs\n  apimig dataset stats data/pairs --splits data/splits",
            console, s => Stats(s.Paths, s.Splits, console)),
        CliCommand.Create<DatasetSplitSettings>("split",
            "Split pairs into train / test / test-unseen. First a share of the patterns is held out entirely " +
            "(apportioned across libraries); of the rest, about --test-fraction of each pattern's pairs go to test, " +
            "every pattern keeping most of its positives in train. Writes one sorted id per line.\n\n" +
            "Examples:\n  apimig dataset split data/pairs --seed 42 --out data/splits\n" +
            "  apimig dataset split data/pairs --seed 7 --out /tmp/s --test-fraction 0.2 --unseen-fraction 0.15",
            console, s => Split(s.Paths, s.Options, s.Out, console)),
        CliCommand.Create<DatasetExportSettings>("export",
            "Export pairs as fine-tuning JSONL. SFT lines are {\"messages\": [system, user, assistant]} (TRL, axolotl, LLaMA-Factory); " +
            "negatives are included, teaching the model to leave look-alike code unchanged. DPO lines are " +
            "{\"prompt\", \"chosen\", \"rejected\"} (TRL DPOTrainer); negatives are skipped, as chosen would equal rejected.\n\n" +
            "Examples:\n  apimig dataset export data/pairs --format sft --split train -o train.sft.jsonl\n" +
            "  apimig dataset export data/pairs --format dpo --split train -o train.dpo.jsonl",
            console, s => Export(s.Paths, s.Format, s.Split, s.Splits ?? DefaultSplits, s.Output, console)));

    // ---- validate ------------------------------------------------------------------------------

    private static int Validate(string[] paths, bool minimal, CliConsole console)
    {
        // Catalog files (YAML rules of documented changes, docs/CATALOG.md) are validated beside the pairs.
        var catalogFiles = paths.SelectMany(CatalogFilesIn).ToList();
        var pairPaths = paths.Where(p => !IsCatalogPath(p)).ToArray();
        if (CheckPaths(pairPaths, console.Error) is { } bad) return bad;
        int errorCount = 0;
        var summaries = new List<string>();
        if (pairPaths.Length > 0 || catalogFiles.Count == 0)
        {
            var files = PairLoader.ExpandPaths(pairPaths).ToList();
            var report = PairValidator.ValidateFiles(files, minimal ? PairValidationOptions.MinimalFields : PairValidationOptions.Shipped);
            foreach (var e in report.Errors) console.Out.WriteLine(e);
            errorCount += report.Errors.Count;
            summaries.Add($"{report.Pairs.Count} pairs in {Plural(files.Count, "file")}");
        }
        if (catalogFiles.Count > 0)
        {
            int entries = 0;
            foreach (var file in catalogFiles)
            {
                var (rules, loadErrors) = Rules.RuleFile.Load(file);
                var problems = loadErrors.Concat(CatalogValidator.Validate(file, rules)).ToList();
                foreach (var e in problems) console.Out.WriteLine(e);
                errorCount += problems.Count;
                entries += rules.Count;
            }
            summaries.Add($"{entries} catalog entries in {Plural(catalogFiles.Count, "file")}");
        }
        var what = string.Join(", ", summaries);
        if (errorCount == 0)
        {
            console.Out.WriteLine($"{what}: ok");
            return CliApp.ExitCodes.Ok;
        }
        console.Out.WriteLine($"{what}: {Plural(errorCount, "error")}");
        return CliApp.ExitCodes.Found;
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A YAML file, or a folder with YAML files and no JSONL (data/rules/catalog).</summary>
    private static bool IsCatalogPath(string path) =>
        (File.Exists(path) && IsYaml(path))
        || (Directory.Exists(path) && Directory.GetFiles(path, "*.jsonl").Length == 0 && Directory.GetFiles(path).Any(IsYaml));

    private static IEnumerable<string> CatalogFilesIn(string path) =>
        !IsCatalogPath(path) ? [] : File.Exists(path) ? [path] : Directory.GetFiles(path).Where(IsYaml).Order(StringComparer.Ordinal);

    // ---- stats ---------------------------------------------------------------------------------

    private static int Stats(string[] paths, string? splitsDir, CliConsole cli)
    {
        if (CheckPaths(paths, cli.Error) is { } bad) return bad;
        var loaded = PairLoader.Load(paths);
        DatasetSplit? split = null;
        if (splitsDir is not null)
        {
            var (read, errors) = SplitFiles.Read(splitsDir);
            if (read is null)
            {
                foreach (var e in errors) cli.Error.WriteLine($"apimig: {e}");
                return CliApp.ExitCodes.UsageOrInput;
            }
            foreach (var e in errors) cli.Error.WriteLine(e);
            split = read;
        }

        var stats = DatasetStats.Compute(loaded.Pairs, split);
        var console = CreateConsole(cli);
        bool withSplit = stats.Split is not null;

        var patterns = NewTable(cli, "pattern", "library", "kind", "pairs", "negatives");
        if (withSplit) AddSplitColumns(patterns);
        foreach (var p in stats.ByPattern)
            AddRow(patterns, [p.Pattern, p.Library, p.Kind, N(p.Pairs), N(p.Negatives)], withSplit ? [N(p.Train), N(p.Test), N(p.TestUnseen)] : []);
        console.Write(patterns.Title("Pairs per pattern"));

        console.Write(GroupTable(cli, "kind", stats.ByKind, withSplit).Title("Pairs per kind"));
        var libraries = GroupTable(cli, "library", stats.ByLibrary, withSplit).Title("Pairs per library");
        AddRow(libraries, ["total", N(stats.Pairs), N(stats.Positives), N(stats.Negatives), N(stats.Patterns)],
            withSplit ? [N(stats.ByLibrary.Sum(r => r.Train)), N(stats.ByLibrary.Sum(r => r.Test)), N(stats.ByLibrary.Sum(r => r.TestUnseen))] : []);
        console.Write(libraries);

        int problems = loaded.Errors.Count;
        if (stats.Split is { } coverage)
        {
            var parts = NewTable(cli, "split", "pairs", "positives", "negatives", "patterns", "libraries");
            foreach (var s in coverage.Parts)
                AddRow(parts, [DatasetSplit.FileStem(s.Part), N(s.Pairs), N(s.Positives), N(s.Negatives), N(s.Patterns), N(s.Libraries)], []);
            console.Write(parts.Title($"Split ({splitsDir})"));
            foreach (var id in coverage.Unsplit) cli.Error.WriteLine($"{splitsDir}: id '{id}' is in no split file (re-run apimig dataset split)");
            foreach (var id in coverage.Unknown) cli.Error.WriteLine($"{splitsDir}: id '{id}' is not in the dataset");
            problems += coverage.Unsplit.Count + coverage.Unknown.Count;
        }

        foreach (var e in loaded.Errors) cli.Error.WriteLine(e);
        if (loaded.Errors.Count > 0) cli.Error.WriteLine($"{Plural(loaded.Errors.Count, "line")} could not be read and are not counted (see apimig dataset validate)");

        var headline = $"{Plural(stats.Libraries, "library", "libraries")}, {Plural(stats.Patterns, "pattern")}, {Plural(stats.Pairs, "pair")} " +
                       $"({N(stats.Positives)} positive, {N(stats.Negatives)} negative = {Percent(stats.Negatives, stats.Pairs)})";
        if (stats.Split is { } c)
        {
            headline += $"; split: train {N(c.Parts[0].Pairs)}, test {N(c.Parts[1].Pairs)}, test-unseen {N(c.Parts[2].Pairs)} " +
                        $"({Plural(c.HeldOutPatterns, "pattern")} held out = {Percent(c.HeldOutPatterns, stats.Patterns)})";
        }
        cli.Out.WriteLine(headline);
        return problems > 0 ? CliApp.ExitCodes.Found : CliApp.ExitCodes.Ok;
    }

    private static Table GroupTable(CliConsole cli, string key, IReadOnlyList<StatsRow> rows, bool withSplit)
    {
        var table = NewTable(cli, key, "pairs", "positives", "negatives", "patterns");
        if (withSplit) AddSplitColumns(table);
        foreach (var r in rows)
            AddRow(table, [r.Key, N(r.Pairs), N(r.Positives), N(r.Negatives), N(r.Patterns)], withSplit ? [N(r.Train), N(r.Test), N(r.TestUnseen)] : []);
        return table;
    }

    private static void AddSplitColumns(Table table)
    {
        foreach (var part in DatasetSplit.Parts) table.AddColumn(new TableColumn(DatasetSplit.FileStem(part)).RightAligned());
    }

    private static Table NewTable(CliConsole cli, string key, params string[] numbers)
    {
        var table = new Table { Border = cli.IsOutputRedirected ? TableBorder.Markdown : TableBorder.Rounded };
        table.AddColumn(new TableColumn(key));
        foreach (var n in numbers)
        {
            // Only the first columns of the pattern table are text; the rest are counts.
            var column = new TableColumn(n);
            table.AddColumn(n is "library" or "kind" ? column : column.RightAligned());
        }
        return table;
    }

    // Text, not markup: pattern names may contain '[' and must print as written.
    private static void AddRow(Table table, string[] cells, string[] more) =>
        table.AddRow(cells.Concat(more).Select(c => (IRenderable)new Text(c)).ToArray());

    private static IAnsiConsole CreateConsole(CliConsole cli)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out) });
        // Redirected output has no terminal width; a wide fixed one keeps long pattern names on one line.
        if (cli.IsOutputRedirected) console.Profile.Width = 160;
        return console;
    }

    // ---- split ---------------------------------------------------------------------------------

    private static int Split(string[] paths, SplitOptions options, string outDir, CliConsole console)
    {
        if (LoadForUse(paths, console.Error) is not { } pairs) return CliApp.ExitCodes.UsageOrInput;
        var problems = PairSplitter.InputProblems(pairs);
        if (problems.Count > 0)
        {
            foreach (var p in problems) console.Error.WriteLine($"apimig: {p}");
            return CliApp.ExitCodes.UsageOrInput;
        }
        var split = PairSplitter.Split(pairs, options);
        SplitFiles.Write(split, outDir);
        int patterns = pairs.Select(p => p.Pattern).Distinct(StringComparer.Ordinal).Count();
        int heldOut = PairSplitter.HeldOutPatterns(pairs, split).Count;
        console.Out.WriteLine(
            $"{Plural(pairs.Count, "pair")} → train {split.Train.Count}, test {split.Test.Count}, test-unseen {split.TestUnseen.Count} " +
            $"({heldOut} of {patterns} patterns held out, seed {options.Seed}) in {outDir}");
        return CliApp.ExitCodes.Ok;
    }

    // ---- export --------------------------------------------------------------------------------

    private static int Export(string[] paths, string formatName, string? partName, string splitsDir, string output, CliConsole console)
    {
        if (LoadForUse(paths, console.Error) is not { } pairs) return CliApp.ExitCodes.UsageOrInput;
        var format = formatName == "dpo" ? ExportFormat.Dpo : ExportFormat.Sft;
        IEnumerable<MigrationPair> selected = pairs;
        if (partName is not null)
        {
            var (split, errors) = SplitFiles.Read(splitsDir);
            if (split is null || errors.Count > 0)
            {
                foreach (var e in errors) console.Error.WriteLine($"apimig: {e}");
                console.Error.WriteLine($"apimig: no usable split in {splitsDir} (write one with apimig dataset split, or pass --splits DIR)");
                return CliApp.ExitCodes.UsageOrInput;
            }
            var wanted = DatasetSplit.Parts.Single(p => DatasetSplit.FileStem(p) == partName);
            var ids = split.Ids(wanted).ToHashSet(StringComparer.Ordinal);
            selected = pairs.Where(p => ids.Contains(p.Id));
        }

        ExportResult result;
        if (output == "-")
        {
            result = PairExporter.Write(selected, format, console.Out);
        }
        else
        {
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(output));
                if (folder is not null) Directory.CreateDirectory(folder);
                using var writer = new StreamWriter(output, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                result = PairExporter.Write(selected, format, writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"apimig: cannot write {output}: {e.Message}");
                return CliApp.ExitCodes.UsageOrInput;
            }
        }
        var skipped = result.Skipped > 0 ? $", {result.Skipped} negatives skipped (chosen would equal rejected)" : "";
        var summary = $"{Plural(result.Written, "line")} of {formatName.ToUpperInvariant()}{(partName is null ? "" : $" ({partName})")} written to {(output == "-" ? "standard output" : output)}{skipped}";
        // Keep standard output pure JSONL when the lines go there.
        (output == "-" ? console.Error : console.Out).WriteLine(summary);
        return CliApp.ExitCodes.Ok;
    }

    // ---- shared --------------------------------------------------------------------------------

    /// <summary>A usage error (exit 2) when a path is missing or a folder holds no *.jsonl; null when all is well.</summary>
    private static int? CheckPaths(string[] paths, TextWriter error)
    {
        foreach (var p in paths)
        {
            if (File.Exists(p)) continue;
            if (!Directory.Exists(p))
            {
                error.WriteLine($"apimig: no such file or folder: {p}");
                return CliApp.ExitCodes.UsageOrInput;
            }
            if (Directory.GetFiles(p, "*.jsonl").Length == 0)
            {
                error.WriteLine($"apimig: no *.jsonl files in {p}");
                return CliApp.ExitCodes.UsageOrInput;
            }
        }
        return null;
    }

    /// <summary>Loads pairs for split and export, which must not silently drop lines: any unreadable line is an input error.</summary>
    private static List<MigrationPair>? LoadForUse(string[] paths, TextWriter error)
    {
        if (CheckPaths(paths, error) is not null) return null;
        var loaded = PairLoader.Load(paths);
        if (loaded.Errors.Count == 0) return [.. loaded.Pairs];
        foreach (var e in loaded.Errors) error.WriteLine(e);
        error.WriteLine($"apimig: {Plural(loaded.Errors.Count, "line")} could not be read; fix them first (apimig dataset validate)");
        return null;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Plural(int n, string one, string? many = null) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";
}
