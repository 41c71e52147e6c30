using ApiMigrator.Matching;
using ApiMigrator.Notebooks;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>Settings for a migration run.</summary>
public sealed record MigrationSettings
{
    /// <summary>The rules to apply.</summary>
    public required RuleSet Rules { get; init; }

    /// <summary>Confidence threshold and whether unsafe rules apply.</summary>
    public RewriteOptions Rewrite { get; init; } = new();

    /// <summary>Diff, check or write.</summary>
    public MigrationMode Mode { get; init; } = MigrationMode.Diff;

    /// <summary>Python files over this size are skipped unread.</summary>
    public int MaxFileBytes { get; init; } = SourceText.DefaultMaxBytes;

    /// <summary>Notebooks over this size are skipped unread (their outputs can be large; only code cells are parsed).</summary>
    public int MaxNotebookBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Files migrated at once; all cores by default.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Paths under this folder are shown relative to it; the current folder by default.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>
    /// Low-confidence matches below this are counted but not listed: a rule's pattern that fits but with
    /// no evidence (a list's <c>.append</c> for pandas' <c>DataFrame.append</c>) is noise in a report.
    /// </summary>
    public double MinReportedConfidence { get; init; } = DefaultMinReportedConfidence;

    /// <summary>The default of <see cref="MinReportedConfidence"/>.</summary>
    public const double DefaultMinReportedConfidence = 0.5;

    /// <summary>Lines of context around each diff hunk.</summary>
    public int DiffContext { get; init; } = 3;
}

/// <summary>
/// Migrates one document in memory — a Python file or a notebook — and never throws for bad input:
/// non-UTF-8, binary, too large and unparsable files come back skipped with a reason and their bytes
/// untouched. No file I/O here; <see cref="WorkspaceMigrator"/> reads and writes.
/// </summary>
public static class DocumentMigrator
{
    /// <summary>True when the path names a Jupyter notebook.</summary>
    public static bool IsNotebook(string path) => path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Migrates <paramref name="bytes"/> (a notebook when <paramref name="path"/> ends in .ipynb).</summary>
    public static DocumentResult Migrate(byte[] bytes, string path, MigrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = MigrateAll(bytes, path, settings);
        int weak = result.Findings.Count(IsWeak);
        return weak == 0 ? result : result with { Findings = [.. result.Findings.Where(f => !IsWeak(f))], WeakMatches = weak };

        bool IsWeak(FindingRecord f) => f.Kind == FindingKind.LowConfidence && f.Confidence < settings.MinReportedConfidence;
    }

    private static DocumentResult MigrateAll(byte[] bytes, string path, MigrationSettings settings)
    {
        if (IsNotebook(path))
        {
            if (bytes.Length > settings.MaxNotebookBytes)
                return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.TooLarge, $"notebook is {bytes.Length:N0} bytes, over the {settings.MaxNotebookBytes:N0}-byte limit"));
            return NotebookMigrator.Migrate(bytes, path, settings.Rules, settings.Rewrite);
        }
        var read = SourceText.TryFrom(bytes, path, settings.MaxFileBytes);
        if (read.Error is { } err) return DocumentResult.SkippedWith(bytes, SkipOf(err));
        var source = read.Text!;
        var result = Rewriter.Rewrite(source, settings.Rules, settings.Rewrite);
        if (result.Refused is { } refused) return DocumentResult.SkippedWith(bytes, SkipOf(refused));
        var findings = result.Findings.Select(f => new FindingRecord(f.RuleId, f.Kind, f.Line, TextPositions.CharColumn(source, f.Line, f.Column), f.Message, f.Confidence)).ToList();
        if (!result.Changed) return new DocumentResult(bytes, bytes, [], findings, null, []);
        var changes = result.Changes.Select(c => new ChangeRecord(c.RuleId, c.Kind, c.Line, TextPositions.CharColumn(source, c.Line, c.Column), c.Confidence)).ToList();
        // The diff shows the file's bytes as they are: a BOM stays on the first line, so the patch applies to the file.
        var bom = source.HasBom ? "\uFEFF" : "";
        return new DocumentResult(bytes, result.Result.ToBytes(), changes, findings, null, [new DiffSection(null, bom + source.Text, bom + result.Result.Text)]);
    }

    /// <summary>The skip for a source error, position in characters.</summary>
    internal static Skip SkipOf(SourceError e)
    {
        var reason = e.Kind switch
        {
            SourceErrorKind.NotUtf8 => SkipReason.NotUtf8,
            SourceErrorKind.Binary => SkipReason.Binary,
            SourceErrorKind.TooLarge => SkipReason.TooLarge,
            SourceErrorKind.SyntaxError => SkipReason.SyntaxError,
            _ => SkipReason.Unreadable,
        };
        return new Skip(reason, e.Message, e.Position?.Line, e.Position?.Column);
    }
}
