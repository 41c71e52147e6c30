namespace ApiMigrator.Rules;

/// <summary>
/// The official documentation sites of the libraries the shipped rules cover. A catalog entry's
/// <c>source</c> must be a page there: API facts come from the libraries' own documentation, never
/// from other migration tools.
/// </summary>
internal static class OfficialSources
{
    /// <summary>Library → URL prefixes of its official documentation.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> PrefixesByLibrary = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["numpy"] = ["https://numpy.org/"],
        ["pandas"] = ["https://pandas.pydata.org/"],
        // TensorFlow's release notes live in its repository (RELEASE.md); its guides and API pages on tensorflow.org.
        ["tensorflow"] = ["https://www.tensorflow.org/", "https://github.com/tensorflow/tensorflow/blob/", "https://github.com/tensorflow/tensorflow/releases/"],
        ["airflow"] = ["https://airflow.apache.org/"],
        ["sqlalchemy"] = ["https://docs.sqlalchemy.org/"],
        ["pydantic"] = ["https://docs.pydantic.dev/"],
        ["sklearn"] = ["https://scikit-learn.org/"],
        ["matplotlib"] = ["https://matplotlib.org/"],
        ["stdlib"] = ["https://docs.python.org/", "https://peps.python.org/"],
    };

    /// <summary>True when <paramref name="url"/> is a page of <paramref name="library"/>'s official documentation.</summary>
    public static bool IsOfficial(string library, string? url) =>
        url is not null && PrefixesByLibrary.TryGetValue(library, out var prefixes)
        && prefixes.Any(p => url.StartsWith(p, StringComparison.Ordinal) && url.Length > p.Length);
}
