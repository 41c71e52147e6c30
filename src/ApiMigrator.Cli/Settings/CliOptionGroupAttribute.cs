namespace ApiMigrator.Cli.Settings;

/// <summary>
/// Declares a settings property whose value is itself a settings record (e.g. the <c>--llm-*</c> options) shared by
/// several commands: its options are added to the command, and its initial value gives this command's defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class CliOptionGroupAttribute : Attribute;
