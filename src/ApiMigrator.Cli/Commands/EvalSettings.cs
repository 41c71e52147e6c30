using ApiMigrator.Cli.Options;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Evaluation;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig eval</c>.</summary>
internal sealed record EvalSettings : CliSettings
{
    [CliArgument("datasets", Description = "JSONL files or folders of migration pairs to evaluate on")]
    public string[] Paths { get; init; } = [];

    [CliOption("--train", Description = "Learn rules (and take few-shot examples) from these pairs instead of the datasets' train split", HelpName = "DATASET", ManyPerToken = true)]
    public string[] Train { get; init; } = [];

    [CliOption("--rules", Description = "Use these rule files instead of learning rules", HelpName = "FILE", ManyPerToken = true)]
    public string[] RuleFiles { get; init; } = [];

    [CliOption("--split", Description = "Pairs to evaluate: test, test-unseen, train or all (default: test; all when --train or --rules is given)")]
    public string? Split { get; init; }

    [CliOption("--splits", Description = "Folder with the split files", HelpName = "DIR")]
    public string Splits { get; init; } = "data/splits";

    [CliOption("--strategy", HelpName = "NAME", ManyPerToken = true)]
    public string[] Strategies { get; init; } = [];

    [CliOption("--ablation", Description = "Also run every approach, the threshold sweeps, the hybrid per plain strategy and the learning curve (10/25/50/100% of train)")]
    public bool Ablation { get; init; }

    [CliOption("--out", Description = "Write predictions.jsonl, metrics.json, report.md, report.html (with plots) and timings.jsonl here", HelpName = "DIR")]
    public string? Output { get; init; }

    [CliOption("--seed", Description = "Seed of the learning curve's subsamples")]
    public int Seed { get; init; } = 42;

    [CliOption("--few-shot-k", Description = "Examples per few-shot prompt")]
    public int FewShotK { get; init; } = 3;

    [CliOption("--verbose", "-v", Description = "List every pair an approach got wrong")]
    public bool Verbose { get; init; }

    [CliOption("--library-alias", Description = "Read a dataset's library name as a rule library, repeatable: DATASET-NAME=RULE-LIBRARY (e.g. python-stdlib=stdlib)", HelpName = "FROM=TO", CommaSeparated = true)]
    public string[] LibraryAliases { get; init; } = [];

    [CliOption("--no-catalog", Description = "Leave out the 'rules + catalog' row (learned rules with the shipped catalog of documented changes; shown when rules are learned, not with --rules)")]
    public bool NoCatalog { get; init; }

    [CliOptionGroup]
    public HybridCliSettings Hybrid { get; init; } = new();

    [CliOptionGroup]
    public LlmCliSettings Llm { get; init; } = new();

    /// <summary>The pairs evaluated: --split, else all when rules come from elsewhere (--train, --rules), else test.</summary>
    public string EffectiveSplit => Split ?? (Train.Length > 0 || RuleFiles.Length > 0 ? "all" : "test");

    /// <summary>--strategy names the evaluation knows.</summary>
    protected internal override string? Help(string property) => property == nameof(Strategies)
        ? $"Approaches to run: {string.Join(", ", EvaluationStrategies.Names)} (default: all; those needing a model are reported as not run without one)"
        : null;

    public override IReadOnlyList<string> Validate()
    {
        var errors = Hybrid.Validate().Concat(Llm.Validate()).ToList();
        var unknown = Strategies.Where(s => !EvaluationStrategies.Names.Contains(s)).ToList();
        if (unknown.Count > 0) errors.Add($"unknown --strategy {string.Join(", ", unknown)} (known: {string.Join(", ", EvaluationStrategies.Names)})");
        if (Train.Length > 0 && RuleFiles.Length > 0) errors.Add("give --train or --rules, not both");
        var split = EffectiveSplit;
        if (split is not ("test" or "test-unseen" or "train" or "all")) errors.Add($"unknown --split '{split}' (test, test-unseen, train, all)");
        if (split is "all" or "train" && Train.Length == 0 && RuleFiles.Length == 0)
            errors.Add($"--split {split} leaves no training pairs to learn rules from: give --train DATASET or --rules FILE");
        if (FewShotK < 1) errors.Add($"--few-shot-k must be at least 1 (got {FewShotK})");
        errors.AddRange(DatasetLibraries.ParseAliases(LibraryAliases).Errors);
        return errors;
    }
}
