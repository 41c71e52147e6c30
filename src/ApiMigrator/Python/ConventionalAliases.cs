namespace ApiMigrator.Python;

/// <summary>
/// The alias conventions of the scientific Python world. A snippet or notebook cell that says
/// <c>np.float_</c> with no import in sight almost certainly means NumPy — medium evidence, never strong.
/// </summary>
internal static class ConventionalAliases
{
    /// <summary>Alias → module.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByAlias = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["np"] = "numpy", ["pd"] = "pandas", ["tf"] = "tensorflow", ["plt"] = "matplotlib.pyplot", ["mpl"] = "matplotlib",
        ["sa"] = "sqlalchemy", ["sns"] = "seaborn",
    };

    /// <summary>Module → alias (for adding an import in the conventional style).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByModule = ByAlias.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Maps dotted text whose root is a conventional alias to a qualified name (<c>np.float_</c> → <c>numpy.float_</c>).</summary>
    public static string? Expand(string? dotted)
    {
        if (dotted is null) return null;
        int dot = dotted.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? dotted : dotted[..dot];
        return ByAlias.TryGetValue(root, out var module) ? module + (dot < 0 ? "" : dotted[dot..]) : null;
    }
}
