using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig rules show</c>.</summary>
internal sealed record RulesShowSettings : CliSettings
{
    [CliArgument("id", Description = "The rule id (as 'apimig rules list' prints it)")]
    public string Id { get; init; } = "";

    [CliOption("--rules", Description = RuleInput.RulesHelp, HelpName = "FILE", CommaSeparated = true)]
    public string[] Rules { get; init; } = [];
}
