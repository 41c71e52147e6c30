using ApiMigrator.Diffs;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>
/// Migrates one document in memory — a Python file or a notebook — and never throws for bad input:
/// non-UTF-8, binary, too large and unparsable files come back skipped with a reason and their bytes
/// untouched. No file I/O here; <see cref="WorkspaceMigrator"/> reads and writes.
/// </summary>
internal static class DocumentMigrator
{
    /// <summary>True when the path names a Jupyter notebook.</summary>
    public static bool IsNotebook(string path) => path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Migrates <paramref name="bytes"/> (a notebook when <paramref name="path"/> ends in .ipynb). With the rules alone this
    /// completes synchronously; with a model (<see cref="MigrationSettings.Model"/>) prefer <see cref="MigrateAsync"/>.
    /// </summary>
    public static DocumentResult Migrate(byte[] bytes, string path, MigrationSettings settings)
        => MigrateAsync(bytes, path, settings, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Migrates <paramref name="bytes"/>, waiting on the model without holding a thread when there is one.</summary>
    public static async Task<DocumentResult> MigrateAsync(byte[] bytes, string path, MigrationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = await MigrateAllAsync(bytes, path, settings, cancellationToken).ConfigureAwait(false);
        int weak = result.Findings.Count(IsWeak);
        return weak == 0 ? result : result with { Findings = [.. result.Findings.Where(f => !IsWeak(f))], WeakMatches = weak };

        bool IsWeak(FindingRecord f) => f.Kind == FindingKind.LowConfidence && f.Confidence < settings.MinReportedConfidence;
    }

    private static async Task<DocumentResult> MigrateAllAsync(byte[] bytes, string path, MigrationSettings settings, CancellationToken cancellationToken)
    {
        if (IsNotebook(path))
        {
            if (bytes.Length > settings.MaxNotebookBytes)
                return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.TooLarge, $"notebook is {bytes.Length:N0} bytes, over the {settings.MaxNotebookBytes:N0}-byte limit"));
            return await NotebookMigrator.MigrateAsync(bytes, path, settings, cancellationToken).ConfigureAwait(false);
        }
        var read = SourceText.TryFrom(bytes, path, settings.MaxFileBytes);
        if (read.Error is { } err) return DocumentResult.SkippedWith(bytes, SkipOf(err));
        var source = read.Text!;
        var result = await ModuleMigration.MigrateAsync(source, settings, cancellationToken).ConfigureAwait(false);
        if (result.Refused is { } refused) return DocumentResult.SkippedWith(bytes, SkipOf(refused));
        var findings = result.Findings.Select(m => new FindingRecord(m.Finding.RuleId, m.Finding.Kind, m.Finding.Line, TextPositions.CharColumn(source, m.Finding.Line, m.Finding.Column),
            m.Finding.Message, m.Finding.Confidence) { Decision = m.Decision }).ToList();
        if (!result.Changed) return new DocumentResult(bytes, bytes, [], findings, null, []);
        var changes = result.Changes.Select(m => new ChangeRecord(m.Change.RuleId, m.Change.Kind, m.Change.Line, TextPositions.CharColumn(source, m.Change.Line, m.Change.Column),
            m.Change.Confidence) { Decision = m.Decision }).ToList();
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
            SourceErrorKind.TooDeep => SkipReason.TooDeep,
            _ => SkipReason.Unreadable,
        };
        return new Skip(reason, e.Message, e.Position?.Line, e.Position?.Column);
    }
}
