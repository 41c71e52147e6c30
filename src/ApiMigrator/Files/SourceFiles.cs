namespace ApiMigrator.Files;

/// <summary>Finds the Python files under the paths a user names.</summary>
public static class SourceFiles
{
    /// <summary>Folders never worth scanning: version control, caches, virtual environments, build output.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox",
        ".venv", "venv", ".env", "env", "node_modules", "site-packages", ".ipynb_checkpoints", "build", "dist",
    };

    /// <summary>
    /// Expands files and folders into a sorted, de-duplicated list of *.py files (and .ipynb when asked).
    /// A named file is always included whatever its extension; folders are walked recursively.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, bool includeNotebooks = false)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            if (File.Exists(p)) { result.Add(Path.GetFullPath(p)); continue; }
            if (!Directory.Exists(p)) throw new FileNotFoundException($"no such file or folder: {p}", p);
            Walk(new DirectoryInfo(p), result, includeNotebooks);
        }
        return [.. result];
    }

    private static void Walk(DirectoryInfo dir, SortedSet<string> result, bool includeNotebooks)
    {
        IEnumerable<FileSystemInfo> entries;
        try { entries = dir.EnumerateFileSystemInfos(); }
        catch (UnauthorizedAccessException) { return; }
        foreach (var e in entries)
        {
            if (e is DirectoryInfo d)
            {
                // Symlinked folders could loop; a virtualenv is recognised by its marker file.
                if (SkippedFolders.Contains(d.Name) || d.LinkTarget is not null || File.Exists(Path.Combine(d.FullName, "pyvenv.cfg"))) continue;
                Walk(d, result, includeNotebooks);
            }
            else if (e.Name.EndsWith(".py", StringComparison.Ordinal) || (includeNotebooks && e.Name.EndsWith(".ipynb", StringComparison.Ordinal)))
            {
                result.Add(e.FullName);
            }
        }
    }
}
