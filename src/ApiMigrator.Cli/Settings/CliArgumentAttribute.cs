namespace ApiMigrator.Cli.Settings;

/// <summary>
/// Declares a settings property as a positional argument (see <see cref="CliOptionAttribute"/>): a list property takes one
/// or more values; any other takes exactly one, or none when the property starts with a value (its default).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class CliArgumentAttribute(string name) : Attribute
{
    /// <summary>The argument's name in help, e.g. <c>paths</c>.</summary>
    public string Name { get; } = name;

    /// <summary>What the argument is, for <c>--help</c>.</summary>
    public string Description { get; init; } = "";
}
