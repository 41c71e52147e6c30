using System.Text;
using System.Text.RegularExpressions;
using ApiMigrator.Diffs;
using ApiMigrator.Python;

namespace ApiMigrator.Notebooks;

/// <summary>
/// A notebook's code cells joined into one Python module, and split back after it was rewritten. The cells are one
/// module for import resolution (an import in cell 1 resolves a name in cell 7), so each goes in behind a marker
/// comment. IPython syntax is handled safely: a cell that starts with a cell magic (<c>%%bash</c>) is left out; in
/// other cells, line magics and shell escapes (<c>%time</c>, <c>!pip</c>, <c>x = !ls</c>, <c>obj?</c>) are masked with
/// a placeholder statement and put back byte for byte by <see cref="SplitBack"/>. Cells that still do not parse are left out.
/// </summary>
internal sealed partial class NotebookModule
{
    [GeneratedRegex(@"^[ \t]*(?:[%!?]|[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*[%!])|\?\??[ \t]*$")]
    private static partial Regex MagicLine();

    private readonly string token;
    private readonly List<CellPart> parts;

    private NotebookModule(string token, List<CellPart> parts, string text, IReadOnlyList<(NotebookCell Cell, string Problem)> leftOut)
    {
        this.token = token;
        this.parts = parts;
        Text = text;
        LeftOut = leftOut;
    }

    /// <summary>The joined module's text.</summary>
    public string Text { get; }

    /// <summary>The code cells left out of the module, in order, with why (a cell magic; does not parse).</summary>
    public IReadOnlyList<(NotebookCell Cell, string Problem)> LeftOut { get; }

    /// <summary>True when no cell went into the module.</summary>
    public bool IsEmpty => parts.Count == 0;

    /// <summary>One code cell as it goes into the joined module.</summary>
    private sealed record CellPart(NotebookCell Cell, string Body, bool AddedNewline, IReadOnlyList<string> Masked, int FirstLine);

    /// <summary>Joins <paramref name="codeCells"/>, in order, into one module.</summary>
    public static NotebookModule Join(IEnumerable<NotebookCell> codeCells)
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var leftOut = new List<(NotebookCell, string)>();
        var parts = new List<CellPart>();
        var module = new StringBuilder();
        int line = 1;
        foreach (var cell in codeCells)
        {
            var prepared = Prepare(cell, token, parts.Sum(p => p.Masked.Count), out var problem);
            if (prepared is null)
            {
                leftOut.Add((cell, problem));
                continue;
            }
            module.Append(Marker(token, parts.Count)).Append('\n');
            line++;
            var part = prepared with { FirstLine = line };
            module.Append(part.Body);
            line += part.Body.Count(c => c == '\n');
            parts.Add(part);
        }
        return new NotebookModule(token, parts, module.ToString(), leftOut);
    }

    /// <summary>The cell (1-based number) and the line in it for a 1-based line of the joined module; no cell before the first marker.</summary>
    public (int? Cell, int Line) Locate(int line)
    {
        for (int i = parts.Count - 1; i >= 0; i--)
            if (line >= parts[i].FirstLine) return (parts[i].Cell.Index + 1, line - parts[i].FirstLine + 1);
        return (null, line);
    }

    /// <summary>
    /// Splits the rewritten module at the markers and restores the masked magics: each joined cell with its new source,
    /// in order; null when the markers or the placeholders did not survive.
    /// </summary>
    public IReadOnlyList<(NotebookCell Cell, string Source)>? SplitBack(string text)
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
        return ok && restored.All(r => r) ? [.. parts.Select((p, i) => (p.Cell, bodies[i]))] : null;
    }

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
            var lines = TextLines.Split(text);
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
}
