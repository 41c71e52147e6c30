using System.CommandLine;
using ApiMigrator.Configuration;
using ApiMigrator.Versions;

namespace ApiMigrator.Cli.Options;

/// <summary>
/// The options that decide a project's settings and target versions: <c>--target-version</c>, <c>--target</c>,
/// <c>--config</c>, <c>--isolated</c> (README, "Configuration"). Shared by <c>migrate</c> and <c>config</c>.
/// </summary>
internal sealed class ProjectCliOptions
{
    public Option<string?> TargetVersion { get; } = new("--target-version")
    {
        Description = $"The lowest Python the code must run on ({PythonVersions.Choices}); default: target-version in the configuration, " +
                      $"else the lower bound of the project's requires-python, else {PythonVersions.Spell(PythonVersions.Default)}",
        HelpName = "pyXY",
    };

    public Option<string[]> Target { get; } = new("--target")
    {
        Description = "A library's target, repeatable: LIB=VERSION (pandas=2.0 means 2.0.x) or LIB=SPECIFIER ('numpy>=1.22,<2'); " +
                      "default: [tool.apimig.targets], else the project's declared dependencies, else the newest versions the rules know",
        HelpName = "LIB=VERSION",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Use this configuration file (pyproject.toml with [tool.apimig], or apimig.toml) for every path instead of the closest one",
        HelpName = "FILE",
    };

    public Option<bool> Isolated { get; } = new("--isolated") { Description = "Ignore every configuration file and the projects' declared versions" };

    public void AddTo(Command command)
    {
        command.Options.Add(TargetVersion);
        command.Options.Add(Target);
        command.Options.Add(Config);
        command.Options.Add(Isolated);
    }

    /// <summary>The command line's settings; errors for values that do not parse.</summary>
    public (CommandLineSettings Settings, IReadOnlyList<string> Errors) Bind(ParseResult result, CommandLineSettings others)
    {
        var errors = new List<string>();
        ReleaseVersion? python = null;
        if (result.GetValue(TargetVersion) is { } tv)
        {
            python = PythonVersions.TryParseTarget(tv);
            if (python is null) errors.Add($"--target-version must be one of {PythonVersions.Choices}, not '{tv}'");
        }
        var targets = new Dictionary<string, VersionRange>(StringComparer.Ordinal);
        foreach (var t in result.GetValue(Target) ?? [])
        {
            int split = t.IndexOfAny(['=', '<', '>', '~', '!']);
            if (split <= 0) { errors.Add($"--target takes LIB=VERSION or LIB<SPECIFIER>, e.g. pandas=2.0 or 'numpy>=1.22,<2' (got '{t}')"); continue; }
            var lib = t[..split].Trim();
            var spec = t[split] == '=' && (split + 1 >= t.Length || t[split + 1] != '=') ? t[(split + 1)..] : t[split..];
            var range = VersionRange.TryParse(spec, out var err);
            if (range is null) errors.Add($"--target {t}: {err}");
            else targets[lib] = range;
        }
        if (result.GetValue(Isolated) && result.GetValue(Config) is not null) errors.Add("--config and --isolated cannot be combined");
        return (others with
        {
            TargetVersion = python,
            Targets = targets,
            ConfigFile = result.GetValue(Config),
            Isolated = result.GetValue(Isolated),
        }, errors);
    }
}
