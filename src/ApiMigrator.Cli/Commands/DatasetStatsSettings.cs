using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig dataset stats</c>.</summary>
internal sealed record DatasetStatsSettings : CliSettings
{
    [CliArgument("paths", Description = DatasetCommand.PathsHelp)]
    public string[] Paths { get; init; } = [];

    [CliOption("--splits", Description = "Also count the parts of the split in DIR (train.txt, test.txt, test-unseen.txt)", HelpName = "DIR")]
    public string? Splits { get; init; }
}
