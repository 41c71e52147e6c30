using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig dataset validate</c>.</summary>
internal sealed record DatasetValidateSettings : CliSettings
{
    [CliArgument("paths", Description = DatasetCommand.PathsHelp)]
    public string[] Paths { get; init; } = [];

    [CliOption("--minimal", Description = "Accept outside files that carry only id, before and after (the shipped dataset also needs library, versions, kind, pattern, source)")]
    public bool Minimal { get; init; }
}
