using ApiMigrator.Diffs;
using ApiMigrator.Matching;
using ApiMigrator.Notebooks;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>
/// Migrates the code cells of a notebook as one module (<see cref="NotebookModule"/>: joined behind marker comments,
/// IPython magics masked, rewritten together, split back). Cells left out of the module (a cell magic, or code that
/// does not parse) get a finding when a rule could have applied there. Only the changed cells' <c>source</c> values
/// are rewritten in the JSON.
/// </summary>
internal static class NotebookMigrator
{
    /// <summary>Migrates a notebook's bytes with the rules alone.</summary>
    public static DocumentResult Migrate(byte[] bytes, string path, RuleSet rules, RewriteOptions options)
        => MigrateAsync(bytes, path, new MigrationSettings { Rules = rules, Rewrite = options }, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Migrates a notebook's bytes with the run's settings: the rules alone, or with a model the three tiers over the
    /// joined cells (a model site is one statement, so it never spans two cells).
    /// </summary>
    internal static async Task<DocumentResult> MigrateAsync(byte[] bytes, string path, MigrationSettings settings, CancellationToken cancellationToken)
    {
        var rules = settings.Rules;
        var (notebook, error) = NotebookDocument.TryParse(bytes);
        if (notebook is null) return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.InvalidNotebook, error!));
        if (notebook.Language is { } lang && !lang.Equals("python", StringComparison.OrdinalIgnoreCase))
            return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.NotPython, $"the notebook's kernel language is {lang}, not Python"));
        var codeCells = notebook.CodeCells.ToList();
        // The cheap prefilter first: most notebooks have nothing to migrate and are never parsed.
        if (rules.AnchorsIn(string.Concat(codeCells.Select(c => c.Source))).Count == 0)
            return new DocumentResult(bytes, bytes, [], [], null, []);

        var joined = NotebookModule.Join(codeCells);
        var findings = new List<FindingRecord>();
        foreach (var (cell, problem) in joined.LeftOut)
        {
            if (rules.AnchorsIn(cell.Source).Count > 0)
                findings.Add(new FindingRecord("-", FindingKind.NotApplied, 1, 1, $"cell {cell.Index + 1} was not migrated: {problem}", 0, cell.Index + 1));
        }
        if (joined.IsEmpty) return new DocumentResult(bytes, bytes, [], findings, null, []);

        var source = SourceText.From(joined.Text, path);
        var result = await ModuleMigration.MigrateAsync(source, settings, cancellationToken).ConfigureAwait(false);
        if (result.Refused is { } refused)
            return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.SyntaxError, "the code cells together do not parse: " + refused.Message), findings);
        foreach (var (f, decision) in result.Findings)
        {
            var (cell, l, c) = Locate(joined, source, f.Line, f.Column);
            findings.Add(new FindingRecord(f.RuleId, f.Kind, l, c, f.Message, f.Confidence, cell) { Decision = decision });
        }
        if (!result.Changed) return new DocumentResult(bytes, bytes, [], findings, null, []);

        var newCells = joined.SplitBack(result.Result.Text);
        if (newCells is null)
        {
            findings.Add(new FindingRecord("-", FindingKind.NotApplied, 1, 1, "the rewritten cells could not be mapped back to the notebook; it was left unchanged", 0));
            return new DocumentResult(bytes, bytes, [], findings, null, []);
        }
        var changes = result.Changes.Select(m =>
        {
            var (cell, l, c) = Locate(joined, source, m.Change.Line, m.Change.Column);
            return new ChangeRecord(m.Change.RuleId, m.Change.Kind, l, c, m.Change.Confidence, cell) { Decision = m.Decision };
        }).ToList();
        var newSources = new Dictionary<int, string>();
        var sections = new List<DiffSection>();
        foreach (var (cell, newSource) in newCells)
        {
            if (newSource == cell.Source) continue;
            newSources[cell.Index] = newSource;
            sections.Add(new DiffSection(cell.Index + 1, cell.Source, newSource));
        }
        return new DocumentResult(bytes, notebook.WithSources(newSources), changes, findings, null, sections);
    }

    /// <summary>Maps a (line, byte column) of the joined module to (cell number, line in the cell, character column).</summary>
    private static (int? Cell, int Line, int Column) Locate(NotebookModule joined, SourceText module, int line, int column)
    {
        var (cell, inCell) = joined.Locate(line);
        return (cell, inCell, TextPositions.CharColumn(module, line, column));
    }
}
