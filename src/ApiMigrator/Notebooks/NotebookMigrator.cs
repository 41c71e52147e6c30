using System.Text;
using System.Text.RegularExpressions;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Workspace;

namespace ApiMigrator.Notebooks;

/// <summary>
/// Migrates the code cells of a notebook. The cells are one module for import resolution (an import in
/// cell 1 resolves a name in cell 7), so they are joined — each behind a marker comment — rewritten
/// together, and split back. IPython syntax is handled safely: a cell that starts with a cell magic
/// (<c>%%bash</c>) is left out; in other cells, line magics and shell escapes (<c>%time</c>,
/// <c>!pip</c>, <c>x = !ls</c>, <c>obj?</c>) are masked with a placeholder statement while the rules run
/// and put back byte for byte afterwards. Cells that still do not parse are left out, with a finding
/// when a rule could have applied there. Only the changed cells' <c>source</c> values are rewritten in
/// the JSON.
/// </summary>
public static partial class NotebookMigrator
{
    [GeneratedRegex(@"^[ \t]*(?:[%!?]|[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*[%!])|\?\??[ \t]*$")]
    private static partial Regex MagicLine();

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

        var token = Guid.NewGuid().ToString("N")[..12];
        var findings = new List<FindingRecord>();
        var parts = new List<CellPart>();
        var module = new StringBuilder();
        int line = 1;
        foreach (var cell in codeCells)
        {
            var prepared = Prepare(cell, token, parts.Sum(p => p.Masked.Count), out var problem);
            if (prepared is null)
            {
                if (rules.AnchorsIn(cell.Source).Count > 0)
                    findings.Add(new FindingRecord("-", FindingKind.NotApplied, 1, 1, $"cell {cell.Index + 1} was not migrated: {problem}", 0, cell.Index + 1));
                continue;
            }
            module.Append(Marker(token, parts.Count)).Append('\n');
            line++;
            var part = prepared with { FirstLine = line };
            module.Append(part.Body);
            line += part.Body.Count(c => c == '\n');
            parts.Add(part);
        }
        if (parts.Count == 0) return new DocumentResult(bytes, bytes, [], findings, null, []);

        var source = SourceText.From(module.ToString(), path);
        var result = await ModuleMigration.MigrateAsync(source, settings, cancellationToken).ConfigureAwait(false);
        if (result.Refused is { } refused)
            return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.SyntaxError, "the code cells together do not parse: " + refused.Message), findings);
        var locate = Locator(parts, source);
        foreach (var (f, decision) in result.Findings)
        {
            var (cell, l, c) = locate(f.Line, f.Column);
            findings.Add(new FindingRecord(f.RuleId, f.Kind, l, c, f.Message, f.Confidence, cell) { Decision = decision });
        }
        if (!result.Changed) return new DocumentResult(bytes, bytes, [], findings, null, []);

        var newBodies = SplitBack(result.Result.Text, token, parts);
        if (newBodies is null)
        {
            findings.Add(new FindingRecord("-", FindingKind.NotApplied, 1, 1, "the rewritten cells could not be mapped back to the notebook; it was left unchanged", 0));
            return new DocumentResult(bytes, bytes, [], findings, null, []);
        }
        var changes = result.Changes.Select(m =>
        {
            var (cell, l, c) = locate(m.Change.Line, m.Change.Column);
            return new ChangeRecord(m.Change.RuleId, m.Change.Kind, l, c, m.Change.Confidence, cell) { Decision = m.Decision };
        }).ToList();
        var newSources = new Dictionary<int, string>();
        var sections = new List<DiffSection>();
        for (int i = 0; i < parts.Count; i++)
        {
            if (newBodies[i] == parts[i].Cell.Source) continue;
            newSources[parts[i].Cell.Index] = newBodies[i];
            sections.Add(new DiffSection(parts[i].Cell.Index + 1, parts[i].Cell.Source, newBodies[i]));
        }
        return new DocumentResult(bytes, notebook.WithSources(newSources), changes, findings, null, sections);
    }

    /// <summary>One code cell as it goes into the joined module.</summary>
    private sealed record CellPart(NotebookCell Cell, string Body, bool AddedNewline, IReadOnlyList<string> Masked, int FirstLine);

    private static string Marker(string token, int k) => $"# apimig-cell:{token}:{k}";

    private static string Placeholder(string token, int n) => $"pass  # apimig-magic:{token}:{n}";

    /// <summary>The cell's text ready to join, with magics masked; null (and why) when the cell cannot take part.</summary>
    private static CellPart? Prepare(NotebookCell cell, string token, int maskedSoFar, out string problem)
    {
        problem = "";
        var text = cell.Source;
        if (text.TrimStart().StartsWith("%%", StringComparison.Ordinal))
        {
            problem = "it starts with a cell magic (" + text.TrimStart().Split((char[])['\n', ' '], 2)[0] + ")";
            return null;
        }
        var masked = new List<string>();
        if (PythonParser.Parse(SourceText.From(text)).HasErrors)
        {
            var lines = NotebookDocument.SplitLines(text);
            bool continued = false;
            string firstIndent = "";
            for (int i = 0; i < lines.Count; i++)
            {
                var body = lines[i].TrimEnd('\n', '\r');
                bool continuation = continued;
                bool magic = continued || (!body.TrimStart().StartsWith('#') && MagicLine().IsMatch(body));
                continued = magic && body.EndsWith('\\');
                if (!magic) continue;
                // A continuation line's placeholder stands at its magic's indentation: deeper, it would be an
                // unexpected indent, which the syntax gate refuses as CPython does. The whole line comes back.
                var indent = continuation ? firstIndent : body[..(body.Length - body.TrimStart(' ', '\t').Length)];
                firstIndent = indent;
                lines[i] = indent + Placeholder(token, maskedSoFar + masked.Count) + lines[i][body.Length..];
                masked.Add(body);
            }
            text = string.Concat(lines);
            if (masked.Count == 0 || PythonParser.Parse(SourceText.From(text)).HasErrors)
            {
                problem = masked.Count == 0 ? "it does not parse as Python" : "it does not parse as Python, even with its IPython magics set aside";
                return null;
            }
        }
        bool added = text.Length > 0 && !text.EndsWith('\n');
        return new CellPart(cell, added ? text + "\n" : text, added, masked, 0);
    }

    /// <summary>Splits the rewritten module at the markers and restores the masked magics; null when the markers did not survive.</summary>
    private static List<string>? SplitBack(string text, string token, List<CellPart> parts)
    {
        var markers = new Regex("^" + Regex.Escape($"# apimig-cell:{token}:") + @"(\d+)\n", RegexOptions.Multiline | RegexOptions.CultureInvariant).Matches(text);
        if (markers.Count != parts.Count) return null;
        var bodies = new List<string>();
        for (int i = 0; i < markers.Count; i++)
        {
            if (markers[i].Groups[1].Value != i.ToString(System.Globalization.CultureInfo.InvariantCulture)) return null;
            int start = markers[i].Index + markers[i].Length;
            int end = i + 1 < markers.Count ? markers[i + 1].Index : text.Length;
            var body = text[start..end];
            // Anything before the first marker (an import added at the very top) belongs to the first cell.
            if (i == 0 && markers[0].Index > 0) body = text[..markers[0].Index] + body;
            if (parts[i].AddedNewline && body.EndsWith('\n')) body = body[..^1];
            bodies.Add(body);
        }
        var placeholder = new Regex(@"^[ \t]*" + Regex.Escape($"pass  # apimig-magic:{token}:") + @"(\d+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        var originals = parts.SelectMany(p => p.Masked).ToList();
        var restored = new bool[originals.Count];
        bool ok = true;
        for (int i = 0; i < bodies.Count; i++)
        {
            bodies[i] = placeholder.Replace(bodies[i], m =>
            {
                int n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (n >= originals.Count || restored[n]) { ok = false; return m.Value; }
                restored[n] = true;
                return originals[n];
            });
        }
        return ok && restored.All(r => r) ? bodies : null;
    }

    /// <summary>Maps a (line, byte column) of the joined module to (cell number, line in the cell, character column).</summary>
    private static Func<int, int, (int? Cell, int Line, int Column)> Locator(List<CellPart> parts, SourceText module)
    {
        return (line, column) =>
        {
            var column16 = TextPositions.CharColumn(module, line, column);
            for (int i = parts.Count - 1; i >= 0; i--)
                if (line >= parts[i].FirstLine) return (parts[i].Cell.Index + 1, line - parts[i].FirstLine + 1, column16);
            return (null, line, column16);
        };
    }
}
