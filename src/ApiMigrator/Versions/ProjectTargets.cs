namespace ApiMigrator.Versions;

/// <summary>A library's allowed versions and where they were declared (<c>--target</c>, a config file, a dependency list).</summary>
public sealed record LibraryTarget(VersionRange Range, string Source);

/// <summary>
/// The versions a project targets: one Python version (the lowest it supports) and, per library, the range
/// it allows. A library with no entry is taken at the newest version the rules know: every rule applies.
/// </summary>
public sealed record ProjectTargets
{
    /// <summary>The lowest Python version the project supports.</summary>
    public ReleaseVersion Python { get; init; } = PythonVersions.Default;

    /// <summary>Where <see cref="Python"/> came from (<c>--target-version</c>, <c>requires-python in …</c>, <c>default</c>).</summary>
    public string PythonSource { get; init; } = "default";

    /// <summary>Library (as rules name it: <c>numpy</c>, <c>sklearn</c> …) → allowed range.</summary>
    public IReadOnlyDictionary<string, LibraryTarget> Libraries { get; init; } = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal);

    /// <summary>No declaration: the default Python target, the newest known library versions.</summary>
    public static readonly ProjectTargets Default = new();
}

/// <summary>Maps a distribution name from a dependency list (<c>scikit-learn</c>, <c>apache-airflow</c>) to the library name rules use.</summary>
internal static class LibraryNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["scikit-learn"] = "sklearn",
        ["sklearn"] = "sklearn",
        ["apache-airflow"] = "airflow",
        ["tensorflow-cpu"] = "tensorflow",
        ["tensorflow-gpu"] = "tensorflow",
        ["tensorflow-macos"] = "tensorflow",
        ["tensorflow-intel"] = "tensorflow",
    };

    /// <summary>PEP 503 normalization (lower case, runs of <c>-_.</c> become <c>-</c>), then the known aliases.</summary>
    public static string FromDistribution(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is '-' or '_' or '.') { if (sb.Length > 0 && sb[^1] != '-') sb.Append('-'); }
            else sb.Append(c);
        }
        var n = sb.ToString();
        return Known.GetValueOrDefault(n, n);
    }
}
