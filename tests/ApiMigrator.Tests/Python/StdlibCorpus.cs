namespace ApiMigrator.Tests.Python;

/// <summary>
/// The Python standard libraries installed on the machine (pyenv), used as a large real corpus.
/// The one place that lists the files we skip on purpose, each with the reason.
/// </summary>
public static class StdlibCorpus
{
    public static readonly string[] Versions = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"];

    /// <summary>Files that are invalid Python on purpose, or that tree-sitter-python 0.25 is known to reject.</summary>
    public static readonly (string Pattern, string Reason)[] KnownInvalid =
    [
        ("/badsyntax_", "test data that is deliberately not valid Python"),
        ("/bad_coding", "test data with a deliberately broken encoding declaration"),
        ("/lib2to3/tests/data/", "lib2to3 test data: Python 2 syntax and deliberately odd files"),
        ("/test/test_compile.py", "tree-sitter-python 0.25 rejects some deliberately extreme constructs in it"),
    ];

    public static bool IsKnownInvalid(string path)
        => KnownInvalid.Any(k => path.Replace('\\', '/').Contains(k.Pattern, StringComparison.Ordinal));

    /// <summary>The lib/pythonX.Y folder for a version, or null if that version is not installed.</summary>
    public static string? LibFolder(string version)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        if (!Directory.Exists(versions)) return null;
        var dir = Directory.GetDirectories(versions, version + ".*").OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
        var lib = dir is null ? null : Path.Combine(dir, "lib", "python" + version);
        return lib is not null && Directory.Exists(lib) ? lib : null;
    }

    /// <summary>Every .py file of one standard library (site-packages excluded: not the stdlib).</summary>
    public static IEnumerable<string> Files(string lib)
        => Directory.EnumerateFiles(lib, "*.py", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/site-packages/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
}
