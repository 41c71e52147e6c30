using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig parse</c>.</summary>
internal sealed record ParseSettings : CliSettings
{
    [CliArgument("paths", Description = "Python files or folders to parse")]
    public string[] Paths { get; init; } = [];

    [CliOption("--tree", Description = "Print the syntax tree of each file (for small files)")]
    public bool Tree { get; init; }
}
