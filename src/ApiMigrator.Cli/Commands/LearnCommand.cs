using System.CommandLine;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Learning;
using ApiMigrator.Rules;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig learn`: training pairs → rules.yaml.</summary>
internal static class LearnCommand
{
    public static Command Create(CliConsole console) => CliCommand.Create<LearnSettings>("learn",
        "Learn migration rules from before/after pairs.\n\n" +
        "Examples:\n  apimig learn data/pairs --split train -o rules.yaml\n  apimig learn my-pairs.jsonl -o my-rules.yaml",
        console, s => Run(s, console));

    private static int Run(LearnSettings s, CliConsole console)
    {
        var pairs = DatasetInput.Load(s.Datasets, s.Split, s.Splits, console.Error);
        if (pairs is null) return CliApp.ExitCodes.UsageOrInput;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = RuleLearner.Learn(pairs);
        sw.Stop();
        File.WriteAllText(s.Output, RuleFile.Write(result.Rules));
        console.Out.WriteLine($"learned {result.Rules.Count} rules from {pairs.Count} pairs in {sw.Elapsed.TotalSeconds:F1}s → {s.Output}");
        foreach (var g in result.Rules.GroupBy(r => r.Kind).OrderBy(g => g.Key))
            console.Out.WriteLine($"  {RuleRegistry.Name(g.Key),-11} {g.Count()}");
        if (s.Verbose) foreach (var n in result.Notes) console.Out.WriteLine($"  note {n.PairId}: {n.Message}");
        else if (result.Notes.Count > 0) console.Out.WriteLine($"  {result.Notes.Count} notes (pairs that taught nothing or disagree with their label); -v lists them");
        return CliApp.ExitCodes.Ok;
    }
}
