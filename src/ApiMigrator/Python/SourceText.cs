using System.Text;

namespace ApiMigrator.Python;

/// <summary>How a file ends its lines; an edit inserts new lines in the file's own style.</summary>
public enum NewlineStyle
{
    /// <summary>No line break in the file.</summary>
    None,
    /// <summary>"\n" only.</summary>
    Lf,
    /// <summary>"\r\n" only.</summary>
    CrLf,
    /// <summary>Both kinds occur; new lines use whichever occurs first.</summary>
    Mixed,
}

/// <summary>A (1-based line, 1-based column) position; the column counts UTF-8 bytes, as tree-sitter does.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// The bytes of one Python source file, validated as UTF-8, with the byte-order mark split off and a
/// line map. All offsets in the engine are byte offsets into <see cref="Content"/> (the bytes after
/// any BOM), so an edit never has to think about the BOM, and <see cref="ToBytes"/> puts it back.
/// </summary>
public sealed class SourceText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Default limit on file size; bigger files are refused, not parsed (generated or data files).</summary>
    public const int DefaultMaxBytes = 10 * 1024 * 1024;

    private readonly byte[] content;
    private readonly int[] lineStarts;
    private string? text;

    private SourceText(byte[] content, bool hasBom, string? path)
    {
        this.content = content;
        HasBom = hasBom;
        Path = path;
        lineStarts = ComputeLineStarts(content);
        Newline = DetectNewline(content);
    }

    /// <summary>Where the text came from, for messages; null for in-memory text.</summary>
    public string? Path { get; }

    /// <summary>Whether the file started with a UTF-8 byte-order mark (kept on output).</summary>
    public bool HasBom { get; }

    /// <summary>The file's line-ending style.</summary>
    public NewlineStyle Newline { get; }

    /// <summary>The newline sequence to use when inserting a new line.</summary>
    public string NewlineText => Newline == NewlineStyle.CrLf || (Newline == NewlineStyle.Mixed && FirstNewlineIsCrLf()) ? "\r\n" : "\n";

    /// <summary>The UTF-8 bytes after the BOM.</summary>
    public ReadOnlySpan<byte> Content => content;

    /// <summary>The UTF-8 bytes after the BOM, as memory (for APIs that cannot take a span).</summary>
    public ReadOnlyMemory<byte> ContentMemory => content;

    /// <summary>Length of <see cref="Content"/> in bytes.</summary>
    public int Length => content.Length;

    /// <summary>Number of lines (a trailing newline does not start a new counted line of text, but is counted as an empty last line).</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>The whole content decoded as a string (cached).</summary>
    public string Text => text ??= Encoding.UTF8.GetString(content);

    /// <summary>Decodes a byte range of the content.</summary>
    public string GetText(int start, int end) => Encoding.UTF8.GetString(content, start, end - start);

    /// <summary>The full file bytes, BOM included: printing an unedited source gives back the input exactly.</summary>
    public byte[] ToBytes()
    {
        if (!HasBom) return (byte[])content.Clone();
        var all = new byte[content.Length + 3];
        Utf8Bom.CopyTo(all, 0);
        content.CopyTo(all, 3);
        return all;
    }

    /// <summary>Maps a byte offset in the content to a 1-based line and byte column.</summary>
    public LinePosition GetPosition(int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, content.Length);
        // Walks ask for positions in (nearly) document order: try the last line found and the next one
        // before searching. The hint is only a guess, so a race between threads costs nothing but speed.
        int hint = lastLineHint;
        int line;
        if (OnLine(hint, offset)) line = hint;
        else if (OnLine(hint + 1, offset)) line = hint + 1;
        else
        {
            line = Array.BinarySearch(lineStarts, offset);
            if (line < 0) line = ~line - 1;
        }
        lastLineHint = line;
        return new LinePosition(line + 1, offset - lineStarts[line] + 1);
    }

    private int lastLineHint;

    private bool OnLine(int line, int offset)
        => (uint)line < (uint)lineStarts.Length && lineStarts[line] <= offset && (line + 1 == lineStarts.Length || offset < lineStarts[line + 1]);

    /// <summary>Maps a 1-based line and byte column back to a byte offset.</summary>
    public int GetOffset(LinePosition position)
    {
        if (position.Line < 1 || position.Line > lineStarts.Length) throw new ArgumentOutOfRangeException(nameof(position));
        int offset = lineStarts[position.Line - 1] + position.Column - 1;
        int lineEnd = position.Line < lineStarts.Length ? lineStarts[position.Line] : content.Length;
        if (position.Column < 1 || offset > lineEnd) throw new ArgumentOutOfRangeException(nameof(position));
        return offset;
    }

    /// <summary>Byte offset where the given 1-based line starts.</summary>
    public int LineStart(int line) => lineStarts[line - 1];

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.Length ? lineStarts[line] : content.Length;
        while (end > start && (content[end - 1] == '\n' || content[end - 1] == '\r')) end--;
        return GetText(start, end);
    }

    /// <summary>Wraps a .NET string (always valid) as source; no BOM.</summary>
    public static SourceText From(string text, string? path = null)
    {
        var s = new SourceText(Encoding.UTF8.GetBytes(text), hasBom: false, path);
        s.text = text;
        return s;
    }

    /// <summary>
    /// Validates raw file bytes. Returns an error instead of throwing for the inputs a user can hand us:
    /// too large, binary (NUL bytes), not UTF-8.
    /// </summary>
    public static SourceResult TryFrom(byte[] bytes, string? path = null, int maxBytes = DefaultMaxBytes)
    {
        if (bytes.Length > maxBytes)
            return new SourceError(SourceErrorKind.TooLarge, path, null,
                $"file is {bytes.Length:N0} bytes, over the {maxBytes:N0}-byte limit");
        bool bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var body = bom ? bytes[3..] : bytes;
        int nul = Array.IndexOf(body, (byte)0);
        if (nul >= 0)
            return new SourceError(SourceErrorKind.Binary, path, PositionIn(body, nul),
                "file contains NUL bytes: it looks binary, not Python source");
        int bad = FirstInvalidUtf8(body);
        if (bad >= 0)
            return new SourceError(SourceErrorKind.NotUtf8, path, PositionIn(body, bad),
                $"file is not valid UTF-8 (byte 0x{body[bad]:X2}); re-encode it as UTF-8 first");
        return new SourceText(body, bom, path);
    }

    /// <summary>Like <see cref="TryFrom(byte[], string?, int)"/> but throws <see cref="SourceException"/> on error.</summary>
    public static SourceText FromBytes(byte[] bytes, string? path = null, int maxBytes = DefaultMaxBytes)
        => TryFrom(bytes, path, maxBytes) switch
        {
            { Text: { } t } => t,
            { Error: { } e } => throw new SourceException(e),
            _ => throw new InvalidOperationException(),
        };

    /// <summary>Creates a new source with the same BOM and path but different content bytes.</summary>
    public SourceText WithContent(byte[] newContent)
    {
        int bad = FirstInvalidUtf8(newContent);
        if (bad >= 0) throw new ArgumentException("new content is not valid UTF-8", nameof(newContent));
        return new SourceText(newContent, HasBom, Path);
    }

    private static int FirstInvalidUtf8(byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        try { StrictUtf8.GetCharCount(bytes); }
        catch (DecoderFallbackException e) { return Math.Max(0, e.Index); }
        return 0;
    }

    private static LinePosition PositionIn(byte[] bytes, int offset)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
            if (bytes[i] == '\n') { line++; lineStart = i + 1; }
        return new LinePosition(line, offset - lineStart + 1);
    }

    private static int[] ComputeLineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            // A lone "\r" is a line break in Python too (old Mac files); "\r\n" counts once.
            if (bytes[i] == '\n') starts.Add(i + 1);
            else if (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n')) starts.Add(i + 1);
        }
        return [.. starts];
    }

    private static NewlineStyle DetectNewline(byte[] bytes)
    {
        bool lf = false, crlf = false;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '\n') continue;
            if (i > 0 && bytes[i - 1] == '\r') crlf = true; else lf = true;
            if (lf && crlf) return NewlineStyle.Mixed;
        }
        return crlf ? NewlineStyle.CrLf : lf ? NewlineStyle.Lf : NewlineStyle.None;
    }

    private bool FirstNewlineIsCrLf()
    {
        int i = Array.IndexOf(content, (byte)'\n');
        return i > 0 && content[i - 1] == '\r';
    }
}

/// <summary>Why a file could not be taken as Python source.</summary>
public enum SourceErrorKind
{
    /// <summary>Bytes that are not UTF-8.</summary>
    NotUtf8,
    /// <summary>NUL bytes: a binary file.</summary>
    Binary,
    /// <summary>Over the size limit.</summary>
    TooLarge,
    /// <summary>Parses with errors: tree-sitter found ERROR or MISSING nodes.</summary>
    SyntaxError,
    /// <summary>Could not be read.</summary>
    Unreadable,
    /// <summary>Nests deeper than the engine walks (<see cref="SyntaxGate.MaxTreeDepth"/>).</summary>
    TooDeep,
}

/// <summary>A clear, typed reason a file is refused, with the position of the first offending byte when there is one.</summary>
public sealed record SourceError(SourceErrorKind Kind, string? Path, LinePosition? Position, string Message)
{
    /// <summary>"path:line:col: message", the form editors and CI logs link.</summary>
    public override string ToString()
    {
        var where = Path ?? "<input>";
        return Position is { } p ? $"{where}:{p.Line}:{p.Column}: {Message}" : $"{where}: {Message}";
    }
}

/// <summary>Either a source text or the reason there is none.</summary>
public readonly record struct SourceResult(SourceText? Text, SourceError? Error)
{
    /// <summary>Success.</summary>
    public static implicit operator SourceResult(SourceText text) => new(text, null);
    /// <summary>Failure.</summary>
    public static implicit operator SourceResult(SourceError error) => new(null, error);
}

/// <summary>Thrown only by the convenience APIs; the pipeline uses <see cref="SourceResult"/>.</summary>
internal sealed class SourceException(SourceError error) : Exception(error.ToString())
{
    /// <summary>The typed reason.</summary>
    public SourceError Error { get; } = error;
}
