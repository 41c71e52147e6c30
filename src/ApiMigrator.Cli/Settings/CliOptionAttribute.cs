namespace ApiMigrator.Cli.Settings;

/// <summary>
/// Declares a settings property as a command-line option: the property's type is the option's type, its initial value
/// the default (shown in <c>--help</c> unless it is null, false or empty, or the option is required). <see cref="SettingsBinder{TSettings}"/> builds the
/// option from this and binds it back, so each option is written once, where its setting is.
/// </summary>
/// <example><c>[CliOption("--jobs", "-j", Description = "Files migrated at once; 0 = all cores", HelpName = "N")] public int Jobs { get; init; }</c></example>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class CliOptionAttribute(string name, params string[] aliases) : Attribute
{
    /// <summary>The option's name, e.g. <c>--write</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Other spellings shown in help, e.g. <c>-w</c>.</summary>
    public string[] Aliases { get; } = aliases;

    /// <summary>What the option does, for <c>--help</c>.</summary>
    public string Description { get; init; } = "";

    /// <summary>The value's placeholder in help (e.g. <c>FILE</c>).</summary>
    public string? HelpName { get; init; }

    /// <summary>
    /// A second spelling that is accepted but not shown in help: an older or other command's name for the same setting.
    /// Giving both spellings with different values is a usage error.
    /// </summary>
    public string? HiddenAlias { get; init; }

    /// <summary>The option must be given.</summary>
    public bool Required { get; init; }

    /// <summary>The only values accepted (the parser refuses any other, naming these).</summary>
    public string[]? AllowedValues { get; init; }

    /// <summary>For a list: split every value at commas too, so <c>--select a,b</c> equals <c>--select a --select b</c>.</summary>
    public bool CommaSeparated { get; init; }

    /// <summary>For a list: one option may take several values (<c>--train a.jsonl b.jsonl</c>).</summary>
    public bool ManyPerToken { get; init; }
}
