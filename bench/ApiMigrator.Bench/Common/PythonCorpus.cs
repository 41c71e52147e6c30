using System.Globalization;
using ApiMigrator.Python;

namespace ApiMigrator.Bench;

/// <summary>One file of the corpus, already read and validated, so a measured pass never touches the disk.</summary>
internal sealed record CorpusFile(string Path, SourceText Source, int Lines);

/// <summary>
/// Every .py file under a folder (site-packages excluded), read into memory. Files that are not
/// valid UTF-8 (or are binary, or over the engine's size limit) are skipped and counted: the engine
/// refuses them before parsing, so they are not part of any parse figure.
/// </summary>
internal sealed class PythonCorpus
{
    private PythonCorpus(string root, IReadOnlyList<CorpusFile> files, int skipped)
    {
        Root = root;
        Files = files;
        Skipped = skipped;
        Bytes = files.Sum(f => (long)f.Source.Length);
        Lines = files.Sum(f => (long)f.Lines);
    }

    public string Root { get; }

    /// <summary>The files, largest first (so parallel passes do not end waiting on one big file).</summary>
    public IReadOnlyList<CorpusFile> Files { get; }

    public int Skipped { get; }

    /// <summary>Source bytes handed to the parser (content after any BOM).</summary>
    public long Bytes { get; }

    public long Lines { get; }

    /// <summary>Megabytes, 1 MB = 1,000,000 bytes.</summary>
    public double Megabytes => Bytes / 1e6;

    /// <summary>The lib/pythonX.Y folder of the newest Python installed under pyenv, or null.</summary>
    public static string? NewestPyenvStdlib()
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT")
                   ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = System.IO.Path.Combine(root, "versions");
        if (!Directory.Exists(versions)) return null;
        return Directory.EnumerateDirectories(versions)
            .Select(d => (Dir: d, Version: Version.TryParse(System.IO.Path.GetFileName(d), out var v) ? v : null))
            .Where(x => x.Version is not null)
            .Select(x => (x.Version, Lib: System.IO.Path.Combine(x.Dir, "lib", string.Create(CultureInfo.InvariantCulture, $"python{x.Version!.Major}.{x.Version.Minor}"))))
            .Where(x => Directory.Exists(x.Lib))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Lib)
            .FirstOrDefault();
    }

    public static PythonCorpus Load(string root)
    {
        var files = new List<CorpusFile>();
        int skipped = 0;
        var paths = Directory.EnumerateFiles(root, "*.py", SearchOption.AllDirectories)
            .Where(p => !p.Replace('\\', '/').Contains("/site-packages/", StringComparison.Ordinal));
        foreach (var path in paths)
        {
            var result = SourceText.TryFrom(File.ReadAllBytes(path), path);
            if (result.Text is not { } source) { skipped++; continue; }
            files.Add(new CorpusFile(path, source, CountLines(source.Content)));
        }
        files.Sort((a, b) => b.Source.Length != a.Source.Length ? b.Source.Length.CompareTo(a.Source.Length) : string.CompareOrdinal(a.Path, b.Path));
        return new PythonCorpus(root, files, skipped);
    }

    /// <summary>Lines as an editor counts them: line breaks, plus an unterminated last line.</summary>
    private static int CountLines(ReadOnlySpan<byte> content)
    {
        int lines = content.Count((byte)'\n');
        return content.IsEmpty || content[^1] == '\n' ? lines : lines + 1;
    }
}
