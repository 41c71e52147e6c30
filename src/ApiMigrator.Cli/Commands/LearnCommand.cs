using System.CommandLine;
using ApiMigrator.Data;
using ApiMigrator.Learning;
using ApiMigrator.Rules;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig learn`: training pairs → rules.yaml.</summary>
internal static class LearnCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("datasets") { Description = "JSONL files or folders of migration pairs", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the rules (YAML)", Required = true };
        var split = new Option<string?>("--split") { Description = "Use only the ids of this split (train, test, test-unseen) from --splits" };
        var splits = new Option<string>("--splits") { Description = "Folder with the split files", DefaultValueFactory = _ => "data/splits" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print the pairs that taught nothing, and why" };
        var cmd = new Command("learn",
            "Learn migration rules from before/after pairs.\n\n" +
            "Examples:\n  apimig learn data/pairs --split train -o rules.yaml\n  apimig learn my-pairs.jsonl -o my-rules.yaml")
        { paths, output, split, splits, verbose };
        cmd.SetAction(r => Run(r.GetValue(paths)!, r.GetValue(output)!, r.GetValue(split), r.GetValue(splits)!, r.GetValue(verbose)));
        return cmd;
    }

    private static int Run(string[] paths, string output, string? split, string splits, bool verbose)
    {
        var pairs = DatasetInput.Load(paths, split, splits);
        if (pairs is null) return CliApp.ExitCodes.UsageOrInput;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = RuleLearner.Learn(pairs);
        sw.Stop();
        File.WriteAllText(output, RuleFile.Write(result.Rules));
        Console.WriteLine($"learned {result.Rules.Count} rules from {pairs.Count} pairs in {sw.Elapsed.TotalSeconds:F1}s → {output}");
        foreach (var g in result.Rules.GroupBy(r => r.Kind).OrderBy(g => g.Key))
            Console.WriteLine($"  {RuleRegistry.Name(g.Key),-11} {g.Count()}");
        if (verbose) foreach (var n in result.Notes) Console.WriteLine($"  note {n.PairId}: {n.Message}");
        else if (result.Notes.Count > 0) Console.WriteLine($"  {result.Notes.Count} notes (pairs that taught nothing or disagree with their label); -v lists them");
        return CliApp.ExitCodes.Ok;
    }
}

/// <summary>Loading pairs for a command, with the split filter and clear errors.</summary>
internal static class DatasetInput
{
    public static IReadOnlyList<MigrationPair>? Load(string[] paths, string? split, string splitsFolder)
    {
        foreach (var p in paths)
            if (!File.Exists(p) && !Directory.Exists(p)) { Console.Error.WriteLine($"apimig: no such file or folder: {p}"); return null; }
        var loaded = PairLoader.Load(paths);
        foreach (var e in loaded.Errors) Console.Error.WriteLine($"apimig: {e}");
        if (loaded.Errors.Count > 0) return null;
        if (split is null) return loaded.Pairs;
        var (s, errors) = SplitFiles.Read(splitsFolder);
        foreach (var e in errors) Console.Error.WriteLine($"apimig: {e}");
        if (s is null) return null;
        var part = split switch
        {
            "train" => SplitPart.Train,
            "test" => SplitPart.Test,
            "test-unseen" => SplitPart.TestUnseen,
            _ => (SplitPart?)null,
        };
        if (part is null) { Console.Error.WriteLine($"apimig: unknown split '{split}' (train, test, test-unseen)"); return null; }
        var ids = s.Ids(part.Value).ToHashSet(StringComparer.Ordinal);
        return loaded.Pairs.Where(p => ids.Contains(p.Id)).ToList();
    }
}
