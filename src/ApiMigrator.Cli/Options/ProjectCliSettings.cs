using ApiMigrator.Cli.Settings;
using ApiMigrator.Configuration;
using ApiMigrator.Versions;

namespace ApiMigrator.Cli.Options;

/// <summary>
/// The options that decide a project's settings and target versions: <c>--target-version</c>, <c>--target</c>,
/// <c>--config</c>, <c>--isolated</c> (README, "Configuration"). A settings group of <c>migrate</c> and <c>config</c>.
/// </summary>
internal sealed record ProjectCliSettings : CliSettings
{
    [CliOption("--target-version", HelpName = "pyXY")]
    public string? TargetVersion { get; init; }

    [CliOption("--target", HelpName = "LIB=VERSION",
        Description = "A library's target, repeatable: LIB=VERSION (pandas=2.0 means 2.0.x) or LIB=SPECIFIER ('numpy>=1.22,<2'); " +
                      "default: [tool.apimig.targets], else the project's declared dependencies, else the newest versions the rules know")]
    public string[] Target { get; init; } = [];

    [CliOption("--config", HelpName = "FILE",
        Description = "Use this configuration file (pyproject.toml with [tool.apimig], or apimig.toml) for every path instead of the closest one")]
    public string? Config { get; init; }

    [CliOption("--isolated", Description = "Ignore every configuration file and the projects' declared versions")]
    public bool Isolated { get; init; }

    /// <summary>--target-version's help names the versions the engine knows.</summary>
    protected internal override string? Help(string property) => property == nameof(TargetVersion)
        ? $"The lowest Python the code must run on ({PythonVersions.Choices}); default: target-version in the configuration, " +
          $"else the lower bound of the project's requires-python, else {PythonVersions.Spell(PythonVersions.Default)}"
        : null;

    /// <summary>Values that do not parse, and --config with --isolated.</summary>
    public override IReadOnlyList<string> Validate() => Parse().Errors;

    /// <summary><paramref name="others"/> (the command's own settings) with these.</summary>
    public CommandLineSettings ToCommandLine(CommandLineSettings others)
    {
        var (python, targets, _) = Parse();
        return others with { TargetVersion = python, Targets = targets, ConfigFile = Config, Isolated = Isolated };
    }

    private (ReleaseVersion? Python, Dictionary<string, VersionRange> Targets, List<string> Errors) Parse()
    {
        var errors = new List<string>();
        ReleaseVersion? python = null;
        if (TargetVersion is { } tv)
        {
            python = PythonVersions.TryParseTarget(tv);
            if (python is null) errors.Add($"--target-version must be one of {PythonVersions.Choices}, not '{tv}'");
        }
        var targets = new Dictionary<string, VersionRange>(StringComparer.Ordinal);
        foreach (var t in Target)
        {
            int split = t.IndexOfAny(['=', '<', '>', '~', '!']);
            if (split <= 0) { errors.Add($"--target takes LIB=VERSION or LIB<SPECIFIER>, e.g. pandas=2.0 or 'numpy>=1.22,<2' (got '{t}')"); continue; }
            var lib = t[..split].Trim();
            var spec = t[split] == '=' && (split + 1 >= t.Length || t[split + 1] != '=') ? t[(split + 1)..] : t[split..];
            var range = VersionRange.TryParse(spec, out var err);
            if (range is null) errors.Add($"--target {t}: {err}");
            else targets[lib] = range;
        }
        if (Isolated && Config is not null) errors.Add("--config and --isolated cannot be combined");
        return (python, targets, errors);
    }
}
