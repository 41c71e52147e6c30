namespace ApiMigrator.Learning;

/// <summary>The top-level import packages of each dataset library (receiver evidence is stated in packages).</summary>
internal static class LibraryPackages
{
    private static readonly Dictionary<string, string[]> Map = new(StringComparer.Ordinal)
    {
        ["pandas"] = ["pandas"],
        ["numpy"] = ["numpy"],
        ["tensorflow"] = ["tensorflow"],
        ["sklearn"] = ["sklearn"],
        ["scikit-learn"] = ["sklearn"],
        ["sqlalchemy"] = ["sqlalchemy"],
        ["pydantic"] = ["pydantic"],
        ["matplotlib"] = ["matplotlib", "mpl_toolkits"],
        ["airflow"] = ["airflow"],
    };

    /// <summary>Packages for a library name; empty for the standard library or unknown names (evidence must then come from the code).</summary>
    public static IReadOnlyList<string> Of(string? library)
        => library is not null && Map.TryGetValue(library, out var p) ? p : [];
}
