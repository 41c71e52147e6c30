using ApiMigrator.Cli.Options;
using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig config</c>.</summary>
internal sealed record ConfigSettings : CliSettings
{
    [CliArgument("path", Description = "A file or folder (default: the current folder)")]
    public string Path { get; init; } = ".";

    [CliOptionGroup]
    public ProjectCliSettings Project { get; init; } = new();

    public override IReadOnlyList<string> Validate() => Project.Validate();
}
