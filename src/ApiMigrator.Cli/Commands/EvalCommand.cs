using System.CommandLine;
using ApiMigrator.Evaluation;
using ApiMigrator.Learning;
using ApiMigrator.Matching;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig eval`: how well the rules migrate a dataset.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("datasets") { Description = "JSONL files or folders of migration pairs", Arity = ArgumentArity.OneOrMore };
        var rulesOpt = new Option<string[]>("--rules") { Description = "Rule files to use (instead of learning from --train-split)", AllowMultipleArgumentsPerToken = true };
        var trainSplit = new Option<string>("--train-split") { Description = "Learn rules from this split first", DefaultValueFactory = _ => "train" };
        var split = new Option<string>("--split") { Description = "Split to evaluate: test, test-unseen, train, or all", DefaultValueFactory = _ => "test" };
        var splits = new Option<string>("--splits") { Description = "Folder with the split files", DefaultValueFactory = _ => "data/splits" };
        var threshold = new Option<double>("--direct-threshold") { Description = "Confidence at or above which a rule applies directly", DefaultValueFactory = _ => 0.85 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every pair the rules got wrong" };
        var cmd = new Command("eval",
            "Evaluate migration on a dataset split.\n\n" +
            "Examples:\n  apimig eval data/pairs                      learn from train, evaluate on test\n" +
            "  apimig eval data/pairs --split test-unseen\n  apimig eval data/pairs --rules rules.yaml --split all")
        { paths, rulesOpt, trainSplit, split, splits, threshold, verbose };
        cmd.SetAction(r => Run(r.GetValue(paths)!, r.GetValue(rulesOpt) ?? [], r.GetValue(trainSplit)!, r.GetValue(split)!, r.GetValue(splits)!,
            r.GetValue(threshold), r.GetValue(verbose)));
        return cmd;
    }

    private static int Run(string[] paths, string[] ruleFiles, string trainSplit, string split, string splits, double threshold, bool verbose)
    {
        List<MigrationRule> rules = [];
        if (ruleFiles.Length > 0)
        {
            foreach (var f in ruleFiles)
            {
                var (loaded, errors) = RuleFile.Load(f);
                foreach (var e in errors) Console.Error.WriteLine($"apimig: {e}");
                if (errors.Count > 0) return CliApp.ExitCodes.UsageOrInput;
                rules.AddRange(loaded);
            }
        }
        else
        {
            var train = DatasetInput.Load(paths, trainSplit, splits);
            if (train is null) return CliApp.ExitCodes.UsageOrInput;
            rules.AddRange(RuleLearner.Learn(train).Rules);
        }
        var pairs = DatasetInput.Load(paths, split == "all" ? null : split, splits);
        if (pairs is null) return CliApp.ExitCodes.UsageOrInput;
        var outcomes = RuleTierEvaluation.Run(pairs, RuleTierEvaluation.PerLibrary(rules), new RewriteOptions { MinConfidence = threshold });
        var m = RuleTierEvaluation.Summarize(outcomes);
        Console.WriteLine($"rules: {rules.Count}   pairs: {m.Pairs} ({m.Positives} positive, {m.Negatives} negative)   split: {split}");
        Console.WriteLine($"rule tier  precision {m.Precision:P1} ({m.ActedRight}/{m.Acted})   coverage {m.Coverage:P1} ({m.ActedOnPositives}/{m.Positives})   " +
                          $"exact match {m.ExactMatch:P1} ({m.ExactPositives}/{m.Positives})   negatives unchanged {m.NegativeSafety:P1} ({m.NegativesUnchanged}/{m.Negatives})");
        if (verbose)
        {
            foreach (var o in outcomes.Where(o => o.Acted && !o.Exact))
            {
                Console.WriteLine($"--- WRONG {o.Pair.Id} ({string.Join(", ", o.Changes.Select(c => $"{c.RuleId}@{c.Confidence:F2}"))})");
                Console.WriteLine(o.Prediction);
                Console.WriteLine("--- expected");
                Console.WriteLine(o.Pair.After);
            }
            foreach (var o in outcomes.Where(o => !o.Acted && !o.Pair.IsNegative))
                Console.WriteLine($"--- MISSED {o.Pair.Id} [{o.Pair.Pattern}] {string.Join(" | ", o.Findings.Select(f => $"{f.Kind} {f.RuleId}: {f.Message}"))}");
        }
        return CliApp.ExitCodes.Ok;
    }
}
