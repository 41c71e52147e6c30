using ApiMigrator.Cli.Options;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Configuration;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig migrate</c>, declared once: each property is its option (see <see cref="CliSettings"/>).</summary>
internal sealed record MigrateSettings : CliSettings
{
    [CliArgument("paths", Description = "Python files, notebooks (.ipynb) or folders; '-' reads stdin and writes the migrated code to stdout")]
    public string[] Paths { get; init; } = [];

    [CliOption("--rules", Description = RuleInput.RulesHelp, HelpName = "FILE", CommaSeparated = true)]
    public string[] Rules { get; init; } = [];

    [CliOption("--select", Description = "Only these libraries or rule ids, comma-separated or repeated (globs like 'pandas.fillna-*' work)", HelpName = "LIB|RULE", CommaSeparated = true)]
    public string[] Select { get; init; } = [];

    [CliOption("--ignore", Description = "Skip these libraries or rule ids, comma-separated or repeated (globs work)", HelpName = "LIB|RULE", CommaSeparated = true)]
    public string[] Ignore { get; init; } = [];

    [CliOption("--write", "-w", Description = "Apply the changes in place (atomically; encoding, BOM, line ends and permissions kept)")]
    public bool Write { get; init; }

    [CliOption("--check", Description = "Exit 1 if anything would change (for CI); prints the diff, changes nothing")]
    public bool Check { get; init; }

    [CliOption("--unsafe", Description = "Also apply rules marked unsafe (manual rules only ever report)")]
    public bool Unsafe { get; init; }

    [CliOption("--format", Description = "Output: text (diff + messages), json or sarif (SARIF 2.1.0) on stdout", AllowedValues = ["text", "json", "sarif"])]
    public string Format { get; init; } = "text";

    [CliOption("--report", Description = "Also write the machine-readable report to FILE (sarif when --format sarif or FILE ends in .sarif, else json); stdout keeps the text", HelpName = "FILE")]
    public string? Report { get; init; }

    [CliOption("--exclude", Description = "Skip paths matching these globs, comma-separated or repeated (.gitignore syntax, relative to the current folder)", HelpName = "GLOB", CommaSeparated = true)]
    public string[] Exclude { get; init; } = [];

    [CliOption("--no-gitignore", Description = "Also scan what .gitignore files list")]
    public bool NoGitignore { get; init; }

    [CliOption("--jobs", "-j", Description = "Files migrated at once; 0 = all cores", HelpName = "N")]
    public int Jobs { get; init; } = 0;

    [CliOption("--stdin-filename", Description = "The name of the code read from '-' (messages; a .ipynb name reads a notebook)", HelpName = "NAME")]
    public string? StdinName { get; init; }

    [CliOption("--show-weak", Description = "Also list low-confidence matches below 0.5 (a pattern that fits with little evidence; counted either way)")]
    public bool ShowWeak { get; init; }

    [CliOption("--quiet", "-q", Description = "Print only the diff (or report) and errors: no findings, no summary")]
    public bool Quiet { get; init; }

    /// <summary>The tiers. migrate has no training pairs to take few-shot examples from: its plain tier is zero-shot unless told otherwise.</summary>
    [CliOptionGroup]
    public HybridCliSettings Hybrid { get; init; } = new() { PlainStrategy = "zero-shot" };

    [CliOptionGroup]
    public LlmCliSettings Llm { get; init; } = new();

    [CliOptionGroup]
    public ProjectCliSettings Project { get; init; } = new();

    /// <summary>Reading '-' (stdin) instead of files.</summary>
    public bool Stdin => Paths is ["-"];

    /// <summary>The command line's project settings: the selection, and the direct threshold when it was given.</summary>
    public CommandLineSettings CommandLine => Project.ToCommandLine(new CommandLineSettings
    {
        Select = Select,
        Ignore = Ignore,
        Exclude = Exclude,
        Unsafe = Unsafe ? true : null,
        MinConfidence = Hybrid.IsGiven("--min-confidence") ? Hybrid.MinConfidence : null,
    });

    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Write && Check) errors.Add("--write and --check cannot be combined (--check never changes files)");
        errors.AddRange(Hybrid.Validate());
        errors.AddRange(Llm.Validate());
        errors.AddRange(Project.Validate());
        var modelOnly = new[] { "--guided-threshold", "--plain-strategy" }.Where(Hybrid.IsGiven).ToList();
        if (Llm.None && modelOnly.Count > 0)
            errors.Add($"{string.Join(", ", modelOnly)} need a model: give --llm-endpoint URL --llm-model NAME, or --llm-model-path FILE");
        if (Hybrid.IsGiven("--plain-strategy") && Hybrid.PlainStrategy == "few-shot")
            errors.Add("--plain-strategy few-shot takes its examples from training pairs, which apimig migrate does not have: use zero-shot (the default) or doc-guided");
        if (Jobs < 0) errors.Add("--jobs must be 0 (all cores) or more");
        if (Paths.Contains("-") && Paths.Length > 1) errors.Add("'-' (stdin) cannot be combined with other paths");
        if (Stdin && Write) errors.Add("--write does not apply to stdin: the migrated code goes to stdout");
        if (Stdin && Format != "text" && Report is null) errors.Add("with '-', stdout carries the migrated code; use --report FILE for a json or sarif report");
        if (!Stdin && StdinName is not null) errors.Add("--stdin-filename only applies to '-'");
        return errors;
    }
}
