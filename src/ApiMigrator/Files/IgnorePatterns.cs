using System.Text;
using System.Text.RegularExpressions;

namespace ApiMigrator.Files;

/// <summary>
/// Patterns in .gitignore syntax relative to a base folder: the lines of one <c>.gitignore</c> file, or
/// the user's <c>--exclude</c> globs (relative to the current folder). Supports comments, <c>!</c>
/// negation, a trailing <c>/</c> for folders only, a leading or middle <c>/</c> to anchor a pattern to the
/// base folder, <c>*</c>, <c>?</c>, <c>[…]</c> and <c>**</c>. Within one file the last matching pattern wins.
/// </summary>
internal sealed class IgnorePatterns
{
    private readonly List<IgnorePattern> patterns;

    private IgnorePatterns(string baseDirectory, List<IgnorePattern> patterns, bool namesMatchAnywhere)
    {
        BaseDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory));
        this.patterns = patterns;
        this.namesMatchAnywhere = namesMatchAnywhere;
    }

    private readonly bool namesMatchAnywhere;

    /// <summary>The folder the patterns are relative to (absolute).</summary>
    public string BaseDirectory { get; }

    /// <summary>True when there are no patterns.</summary>
    public bool IsEmpty => patterns.Count == 0;

    /// <summary>
    /// Compiles pattern lines (a .gitignore file's lines, or --exclude globs) relative to <paramref name="baseDirectory"/>.
    /// With <paramref name="namesMatchAnywhere"/> (for --exclude), a pattern without a slash matches a
    /// file or folder name outside the base folder too; a .gitignore never speaks for paths outside its folder.
    /// </summary>
    /// A line that is not a valid glob (<c>[9-0]</c>, an unclosed <c>[</c>) is left out, as git leaves it
    /// out, and named in <see cref="Problems"/> with its 1-based line number.
    public static IgnorePatterns Parse(string baseDirectory, IEnumerable<string> lines, bool namesMatchAnywhere = false)
    {
        var list = new List<IgnorePattern>();
        var problems = new List<(int Line, string Message)>();
        int number = 0;
        foreach (var line in lines)
        {
            number++;
            var (pattern, error) = IgnorePattern.TryParse(line);
            if (pattern is not null) list.Add(pattern);
            else if (error is not null) problems.Add((number, error));
        }
        return new IgnorePatterns(baseDirectory, list, namesMatchAnywhere) { Problems = problems };
    }

    /// <summary>Lines that are not valid globs and were left out: 1-based line number and why.</summary>
    public IReadOnlyList<(int Line, string Message)> Problems { get; private init; } = [];

    /// <summary>Reads <c>.gitignore</c> in <paramref name="directory"/>; null when there is none (or it cannot be read).</summary>
    public static IgnorePatterns? LoadGitignore(string directory)
    {
        var file = Path.Combine(directory, ".gitignore");
        if (!File.Exists(file)) return null;
        try { return Parse(directory, File.ReadAllLines(file)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// What these patterns say about a path: true = ignored, false = re-included by a <c>!</c> pattern,
    /// null = no pattern matches (or the path is outside the base folder).
    /// </summary>
    public bool? Match(string fullPath, bool isDirectory)
    {
        var relative = Path.GetRelativePath(BaseDirectory, fullPath);
        if (relative == ".") return null;
        bool outside = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative);
        if (outside && !namesMatchAnywhere) return null;
        relative = relative.Replace('\\', '/');
        var name = relative[(relative.LastIndexOf('/') + 1)..];
        for (int i = patterns.Count - 1; i >= 0; i--)
        {
            var p = patterns[i];
            if (p.DirectoryOnly && !isDirectory) continue;
            if (outside && p.Anchored) continue;
            if (p.Regex.IsMatch(p.Anchored ? relative : name)) return !p.Negated;
        }
        return null;
    }
}

/// <summary>One compiled pattern line.</summary>
internal sealed record IgnorePattern(Regex Regex, bool Negated, bool DirectoryOnly, bool Anchored)
{
    /// <summary>The compiled pattern; or null with no error for a blank or comment line; or null with the reason the glob is invalid.</summary>
    public static (IgnorePattern? Pattern, string? Error) TryParse(string line)
    {
        // Trailing spaces are ignored unless escaped; a line starting with # is a comment.
        var text = line.TrimEnd('\r');
        while (text.EndsWith(' ') && !text.EndsWith("\\ ", StringComparison.Ordinal)) text = text[..^1];
        if (text.Length == 0 || text[0] == '#') return (null, null);
        bool negated = false;
        if (text[0] == '!') { negated = true; text = text[1..]; }
        else if (text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal)) text = text[1..];
        bool dirOnly = false;
        if (text.EndsWith('/')) { dirOnly = true; text = text.TrimEnd('/'); }
        if (text.Length == 0) return (null, null);
        // A slash at the start or in the middle anchors the pattern to the base folder; otherwise it matches a name at any depth.
        bool anchored = text.Contains('/', StringComparison.Ordinal);
        if (text.StartsWith('/')) text = text[1..];
        if (text.StartsWith("**/", StringComparison.Ordinal) && !text[3..].Contains('/', StringComparison.Ordinal))
        {
            // "**/name" is the same as "name".
            anchored = false;
            text = text[3..];
        }
        try
        {
            return (new IgnorePattern(new Regex("^" + GlobToRegex(text) + "$", RegexOptions.CultureInvariant), negated, dirOnly, anchored), null);
        }
        catch (ArgumentException)
        {
            // A reversed range ([9-0]) or a bracket the glob leaves open: not a pattern git can match either.
            return (null, $"'{line.Trim()}' is not a valid glob (a reversed range such as [9-0], or a bad bracket expression)");
        }
    }

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*')
            {
                bool doubleStar = i + 1 < glob.Length && glob[i + 1] == '*';
                bool atSegmentStart = i == 0 || glob[i - 1] == '/';
                if (doubleStar && atSegmentStart && (i + 2 == glob.Length || glob[i + 2] == '/'))
                {
                    if (i + 2 == glob.Length) sb.Append(".*");          // "a/**": everything inside a
                    else { sb.Append("(?:.*/)?"); i++; }                // "**/": zero or more folders
                    i++;
                    continue;
                }
                while (i + 1 < glob.Length && glob[i + 1] == '*') i++;
                sb.Append("[^/]*");
            }
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[')
            {
                int close = i + 2 <= glob.Length ? glob.IndexOf(']', i + 2) : -1;
                if (close < 0) { sb.Append("\\["); continue; }
                var body = glob[(i + 1)..close];
                if (body.StartsWith('!')) body = "^" + body[1..];
                sb.Append('[').Append(body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length) sb.Append(Regex.Escape(glob[++i].ToString()));
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}
