namespace ApiMigrator.Files;

/// <summary>How <see cref="SourceFiles.Expand(IEnumerable{string}, FileScanOptions)"/> chooses files.</summary>
public sealed record FileScanOptions
{
    /// <summary>Also take Jupyter notebooks (<c>*.ipynb</c>) from folders.</summary>
    public bool IncludeNotebooks { get; init; }

    /// <summary>Skip what <c>.gitignore</c> files list (in the walked folders and their parents up to the repository root).</summary>
    public bool RespectGitignore { get; init; } = true;

    /// <summary>
    /// Globs in .gitignore syntax relative to <see cref="BaseDirectory"/>: <c>tests/fixtures/**</c> (a path), <c>*_pb2.py</c> or
    /// <c>migrations</c> (a file or folder name anywhere). They apply to named files too.
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The folder <see cref="Exclude"/> globs are relative to; the current folder when null.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Told of what the scan passed over with a reason (a .gitignore line that is not a valid glob, named by file and line).</summary>
    public Action<string>? Warn { get; init; }
}

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
        => Expand(paths, new FileScanOptions { IncludeNotebooks = includeNotebooks, RespectGitignore = false });

    /// <summary>
    /// Expands files and folders into a sorted, de-duplicated list of absolute paths: folders are walked
    /// recursively for *.py (and *.ipynb when asked), skipping <see cref="SkippedFolders"/>, virtual
    /// environments (a folder with <c>pyvenv.cfg</c> or <c>conda-meta</c>), symlinked folders and files, what
    /// .gitignore lists and what <see cref="FileScanOptions.Exclude"/> matches. A named file is taken
    /// whatever its extension unless an exclude glob matches it.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    /// <exception cref="FormatException">An exclude glob is not a valid pattern (a usage error).</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, FileScanOptions options)
    {
        var exclude = IgnorePatterns.Parse(options.BaseDirectory ?? Directory.GetCurrentDirectory(), options.Exclude, namesMatchAnywhere: true);
        if (exclude.Problems.Count > 0) throw new FormatException($"--exclude: {exclude.Problems[0].Message}");
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            if (File.Exists(p))
            {
                var full = Path.GetFullPath(p);
                if (exclude.Match(full, isDirectory: false) != true) result.Add(full);
                continue;
            }
            if (!Directory.Exists(p)) throw new FileNotFoundException($"no such file or folder: {p}", p);
            var root = new DirectoryInfo(Path.GetFullPath(p));
            var stack = options.RespectGitignore ? ParentGitignores(root) : [];
            Walk(root, result, options, exclude, stack);
        }
        return [.. result];
    }

    /// <summary>True when <paramref name="dir"/> is a virtual environment (venv, virtualenv, conda).</summary>
    public static bool IsVirtualEnvironment(DirectoryInfo dir)
        => File.Exists(Path.Combine(dir.FullName, "pyvenv.cfg")) || Directory.Exists(Path.Combine(dir.FullName, "conda-meta"));

    private static void Walk(DirectoryInfo dir, SortedSet<string> result, FileScanOptions options, IgnorePatterns exclude, List<IgnorePatterns> gitignores)
    {
        if (options.RespectGitignore && IgnorePatterns.LoadGitignore(dir.FullName) is { } here)
        {
            foreach (var (line, message) in here.Problems)
                options.Warn?.Invoke($"{Path.Combine(dir.FullName, ".gitignore")}:{line}: {message}; the line is ignored");
            if (!here.IsEmpty) gitignores = [.. gitignores, here];
        }
        IEnumerable<FileSystemInfo> entries;
        try { entries = dir.EnumerateFileSystemInfos(); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { return; }
        foreach (var e in entries)
        {
            bool isDir = e is DirectoryInfo;
            if (isDir)
            {
                var d = (DirectoryInfo)e;
                // Symlinked folders could loop; a virtualenv is recognised by its marker file.
                if (SkippedFolders.Contains(d.Name) || d.LinkTarget is not null || IsVirtualEnvironment(d)) continue;
            }
            else if (!e.Name.EndsWith(".py", StringComparison.Ordinal) && !(options.IncludeNotebooks && e.Name.EndsWith(".ipynb", StringComparison.Ordinal)))
            {
                continue;
            }
            // A symlinked file may point outside the tree: like ruff and Black, only a file named on the command line is followed.
            else if (e.LinkTarget is not null) continue;
            if (exclude.Match(e.FullName, isDir) == true || IsGitignored(gitignores, e.FullName, isDir)) continue;
            if (isDir) Walk((DirectoryInfo)e, result, options, exclude, gitignores);
            else result.Add(e.FullName);
        }
    }

    private static bool IsGitignored(List<IgnorePatterns> gitignores, string path, bool isDir)
    {
        // The deepest .gitignore with an opinion decides (git's precedence).
        for (int i = gitignores.Count - 1; i >= 0; i--)
            if (gitignores[i].Match(path, isDir) is { } ignored) return ignored;
        return false;
    }

    /// <summary>The .gitignore files of the folders above <paramref name="root"/>, up to the repository root (the folder holding .git).</summary>
    private static List<IgnorePatterns> ParentGitignores(DirectoryInfo root)
    {
        if (Directory.Exists(Path.Combine(root.FullName, ".git"))) return [];
        var chain = new List<DirectoryInfo>();
        for (var d = root.Parent; d is not null; d = d.Parent)
        {
            chain.Add(d);
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git"))) break;
            if (d.Parent is null) return []; // not inside a repository: only the walked tree's own .gitignore files count
        }
        chain.Reverse();
        return [.. chain.Select(d => IgnorePatterns.LoadGitignore(d.FullName)).OfType<IgnorePatterns>()];
    }
}
