using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig rules list</c>.</summary>
internal sealed record RulesListSettings : CliSettings
{
    [CliOption("--rules", Description = RuleInput.RulesHelp, HelpName = "FILE", CommaSeparated = true)]
    public string[] Rules { get; init; } = [];

    [CliOption("--select", Description = "Only these libraries or rule ids, comma-separated or repeated (globs work)", HelpName = "LIB|RULE", CommaSeparated = true)]
    public string[] Select { get; init; } = [];
}
