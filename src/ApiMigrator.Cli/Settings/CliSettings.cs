namespace ApiMigrator.Cli.Settings;

/// <summary>
/// A command's settings: an immutable record whose properties carry <see cref="CliOptionAttribute"/>,
/// <see cref="CliArgumentAttribute"/> or <see cref="CliOptionGroupAttribute"/>. Bound by <see cref="SettingsBinder{TSettings}"/>,
/// then validated before the command runs: <see cref="Validate"/> names every problem, not only the first.
/// Adding an option to a command is one property on its record (and, when it can be wrong, a line in <see cref="Validate"/>);
/// an option several commands share lives in a group record under Options/.
/// </summary>
internal abstract record CliSettings
{
    /// <summary>The names of the options given on the command line (not defaulted), as declared (e.g. <c>--min-confidence</c>).</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the option named <paramref name="name"/> was given on the command line.</summary>
    public bool IsGiven(string name) => Given.Contains(name);

    /// <summary>
    /// A description computed at run time (it names values the engine knows), for the property named <paramref name="property"/>;
    /// null keeps the attribute's <c>Description</c>. Attribute arguments must be constants, hence this hook.
    /// </summary>
    protected internal virtual string? Help(string property) => null;

    /// <summary>Every usage problem with these settings, as sentences naming the option; empty when they are usable.</summary>
    public virtual IReadOnlyList<string> Validate() => [];
}
