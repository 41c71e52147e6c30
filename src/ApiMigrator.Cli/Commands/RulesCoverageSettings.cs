using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig rules coverage</c>: none (it reads the shipped catalog); a record all the same, so every command is built alike.</summary>
internal sealed record RulesCoverageSettings : CliSettings;
