using System.Text;
using System.Text.Json;
using ApiMigrator.Diffs;

namespace ApiMigrator.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4) read for byte-preserving edits: the cells' sources and their byte
/// ranges in the file. <see cref="WithSources"/> replaces only the <c>source</c> values that change, in
/// the notebook's own layout, so outputs, metadata, key order, indentation and escapes stay as they were.
/// </summary>
internal sealed class NotebookDocument
{
    private readonly byte[] bytes;

    private NotebookDocument(byte[] bytes, int formatMajor, string? language, IReadOnlyList<NotebookCell> cells)
    {
        this.bytes = bytes;
        FormatMajor = formatMajor;
        Language = language;
        Cells = cells;
    }

    /// <summary>nbformat major version (4 for every notebook Jupyter writes today).</summary>
    public int FormatMajor { get; }

    /// <summary>The kernel's language from the metadata (<c>python</c> …), or null when the notebook does not say.</summary>
    public string? Language { get; }

    /// <summary>All cells, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The code cells, in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.CellType == "code");

    /// <summary>Reads a notebook; returns an error message instead of throwing for malformed input.</summary>
    public static (NotebookDocument? Notebook, string? Error) TryParse(byte[] bytes)
    {
        try
        {
            // The reader does not skip a byte-order mark; offsets are shifted back by it.
            int bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            var reader = new Utf8JsonReader(bytes.AsSpan(bom), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            var cells = new List<NotebookCell>();
            int format = 0;
            string? language = null;
            bool sawCells = false;
            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "nbformat" when reader.TokenType == JsonTokenType.Number:
                        format = reader.GetInt32();
                        break;
                    case "metadata" when reader.TokenType == JsonTokenType.StartObject:
                        language = ReadLanguage(ref reader);
                        break;
                    case "cells" when reader.TokenType == JsonTokenType.StartArray:
                        // A second 'cells' key: which one Jupyter keeps is the JSON library's choice, not ours to guess.
                        if (sawCells) throw new JsonException("the notebook has two 'cells' keys");
                        sawCells = true;
                        while (Next(ref reader) == JsonTokenType.StartObject) cells.Add(ReadCell(ref reader, cells.Count, bom));
                        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("'cells' must be a list of objects");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            // Bytes after the notebook's object (a second object, a stray brace) make it invalid JSON; Jupyter refuses it.
            int after = bom + (int)reader.BytesConsumed;
            int stray = Array.FindIndex(bytes, after, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
            if (stray >= 0) throw new JsonException($"bytes after the end of the notebook, at byte {stray}");
            if (format != 0 && format < 4) return (null, $"nbformat {format} notebooks are not supported (convert with 'jupyter nbconvert --to notebook')");
            if (!sawCells) return (null, "not a Jupyter notebook: no 'cells' list");
            return (new NotebookDocument(bytes, format, language, cells), null);
        }
        catch (JsonException e)
        {
            return (null, $"not valid notebook JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return (null, $"not valid notebook JSON: {e.Message}");
        }
    }

    /// <summary>
    /// The notebook's bytes with the given cells' sources replaced (cell index → new text); every other
    /// byte is copied. Unchanged lines keep their original JSON text (escapes included).
    /// </summary>
    public byte[] WithSources(IReadOnlyDictionary<int, string> newSources)
    {
        using var output = new MemoryStream(bytes.Length + 256);
        int copied = 0;
        foreach (var cell in Cells.Where(c => newSources.ContainsKey(c.Index)).OrderBy(c => c.SourceStart))
        {
            output.Write(bytes, copied, cell.SourceStart - copied);
            var value = Encoding.UTF8.GetBytes(Render(cell, newSources[cell.Index]));
            output.Write(value);
            copied = cell.SourceEnd;
        }
        output.Write(bytes, copied, bytes.Length - copied);
        return output.ToArray();
    }

    private string Render(NotebookCell cell, string text)
    {
        // A notebook written with only ASCII bytes escapes other characters (json's ensure_ascii); new text follows suit.
        bool asciiOnly = System.Text.Ascii.IsValid(bytes);
        string Raw(int start, int end) => Encoding.UTF8.GetString(bytes, start, end - start);
        if (!cell.IsList)
            return text == cell.Source ? Raw(cell.SourceStart, cell.SourceEnd) : Quote(text, asciiOnly);
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in cell.Elements) originals.TryAdd(e.Text, Raw(e.Start, e.End));
        var lines = TextLines.Split(text);
        if (lines.Count == 0) return "[]";
        string opener, separator, closer;
        var els = cell.Elements;
        if (els.Count > 0)
        {
            opener = Raw(cell.SourceStart + 1, els[0].Start);
            closer = Raw(els[^1].End, cell.SourceEnd - 1);
            separator = els.Count > 1 ? Raw(els[0].End, els[1].Start) : "," + opener;
        }
        else
        {
            // An empty list has no layout to copy: use nbformat's (one space per level, below the "source" key).
            var (newline, indent) = KeyLineLayout(cell.SourceStart);
            opener = newline + indent + " ";
            closer = newline + indent;
            separator = "," + opener;
        }
        var sb = new StringBuilder("[").Append(opener);
        for (int i = 0; i < lines.Count; i++)
        {
            if (i > 0) sb.Append(separator);
            sb.Append(originals.TryGetValue(lines[i], out var raw) ? raw : Quote(lines[i], asciiOnly));
        }
        return sb.Append(closer).Append(']').ToString();
    }

    /// <summary>The line break before the line holding the "source" key, and that line's indentation.</summary>
    private (string Newline, string Indent) KeyLineLayout(int valueStart)
    {
        int lineStart = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(0, valueStart - 1)) + 1;
        int i = lineStart;
        while (i < bytes.Length && (bytes[i] == ' ' || bytes[i] == '\t')) i++;
        var newline = lineStart >= 2 && bytes[lineStart - 2] == '\r' ? "\r\n" : "\n";
        return (newline, Encoding.UTF8.GetString(bytes, lineStart, i - lineStart));
    }

    /// <summary>
    /// A JSON string as Python's json module writes it: with ensure_ascii=False (what Jupyter uses) every
    /// character but quotes, backslashes and control characters stays as it is; with <paramref name="asciiOnly"/>,
    /// non-ASCII characters become <c>\uXXXX</c>.
    /// </summary>
    public static string Quote(string text, bool asciiOnly = false)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static NotebookCell ReadCell(ref Utf8JsonReader reader, int index, int bom)
    {
        string cellType = "";
        string source = "";
        int start = -1, end = -1;
        bool isList = false;
        var elements = new List<(int, int, string)>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "cell_type" && reader.TokenType == JsonTokenType.String) cellType = reader.GetString() ?? "";
            else if (name == "source")
            {
                if (start >= 0) throw new JsonException($"cell {index + 1} has two 'source' keys");
                start = (int)reader.TokenStartIndex + bom;
                if (reader.TokenType == JsonTokenType.String)
                {
                    source = reader.GetString() ?? "";
                    end = (int)reader.BytesConsumed + bom;
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    isList = true;
                    var sb = new StringBuilder();
                    while (Next(ref reader) == JsonTokenType.String)
                    {
                        var s = reader.GetString() ?? "";
                        elements.Add(((int)reader.TokenStartIndex + bom, (int)reader.BytesConsumed + bom, s));
                        sb.Append(s);
                    }
                    if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException($"cell {index + 1}: 'source' must be a string or a list of strings");
                    end = (int)reader.BytesConsumed + bom;
                    source = sb.ToString();
                }
                else throw new JsonException($"cell {index + 1}: 'source' must be a string or a list of strings");
            }
            else reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"cell {index + 1} is not an object");
        if (start < 0) throw new JsonException($"cell {index + 1} has no 'source'");
        return new NotebookCell(index, cellType, source, start, end, isList, elements);
    }

    private static string? ReadLanguage(ref Utf8JsonReader reader)
    {
        string? fromKernel = null, fromInfo = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name is "kernelspec" or "language_info" && reader.TokenType == JsonTokenType.StartObject)
            {
                var key = name == "kernelspec" ? "language" : "name";
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var inner = reader.GetString();
                    reader.Read();
                    if (inner == key && reader.TokenType == JsonTokenType.String)
                    {
                        if (name == "kernelspec") fromKernel = reader.GetString();
                        else fromInfo = reader.GetString();
                    }
                    else reader.Skip();
                }
            }
            else reader.Skip();
        }
        return fromKernel ?? fromInfo;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("unexpected end of the file");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type) throw new JsonException($"expected {type} at byte {reader.TokenStartIndex}");
    }
}
