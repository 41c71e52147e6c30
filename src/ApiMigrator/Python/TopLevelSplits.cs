namespace ApiMigrator.Python;

/// <summary>
/// Where a large module can be cut into pieces that tree-sitter parses one at a time, so the native tree of a
/// 10 MB file never exists whole (it costs about 100 bytes per source byte; the managed copy a quarter of that).
/// A cut goes before a line that starts a top-level statement: column 0, outside any bracket, string or
/// backslash continuation, not a clause that continues the statement before it (<c>else</c>, <c>elif</c>,
/// <c>except</c>, <c>finally</c>), and not after a decorator. There every parse state of the module is the start
/// state again, so each piece parses as it does in the whole file.
/// </summary>
/// <remarks>
/// The scan is a lexer's approximation (it does not know Python 3.12's nested f-string quotes, for one). That is
/// safe: a cut inside a string or a bracket leaves a piece that does not parse, and <see cref="PythonParser"/> then
/// parses the whole file instead, so a wrong guess costs time, never a different tree.
/// </remarks>
internal static class TopLevelSplits
{
    private static readonly string[] Continuations = ["else", "elif", "except", "finally"];

    /// <summary>
    /// Cut offsets, ascending, each at least <paramref name="chunkBytes"/> after the previous cut (or the start), none
    /// at 0 or at the end. Empty when no line qualifies.
    /// </summary>
    public static List<int> Find(ReadOnlySpan<byte> text, int chunkBytes)
    {
        var cuts = new List<int>();
        int depth = 0, last = 0;
        bool decorator = false; // the last logical line that started at column 0 began with '@'
        // No cut before the first statement: the piece before it would hold blank lines and comments only.
        bool started = text.Length > 0 && StartsStatement(text, 0, out decorator);
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            switch (b)
            {
                case (byte)'#':
                    while (i < text.Length && text[i] is not ((byte)'\n' or (byte)'\r')) i++;
                    continue;
                case (byte)'\\':
                    i = AfterEscape(text, i); // a continuation joins the next line; an escape outside strings is an error anyway
                    continue;
                case (byte)'(' or (byte)'[' or (byte)'{':
                    depth++;
                    break;
                case (byte)')' or (byte)']' or (byte)'}':
                    if (depth > 0) depth--;
                    break;
                case (byte)'"' or (byte)'\'':
                    i = SkipString(text, i);
                    continue;
                case (byte)'\n' or (byte)'\r':
                    if (b == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    i++;
                    if (depth == 0 && i < text.Length && StartsStatement(text, i, out bool at))
                    {
                        if (started && !decorator && i - last >= chunkBytes && !IsContinuation(text, i)) { cuts.Add(i); last = i; }
                        decorator = at;
                        started = true;
                    }
                    continue;
            }
            i++;
        }
        return cuts;
    }

    /// <summary>A line at column 0 with code on it (not blank, not a comment, not a closing bracket).</summary>
    private static bool StartsStatement(ReadOnlySpan<byte> text, int i, out bool decorator)
    {
        byte c = text[i];
        decorator = c == '@';
        return c is not ((byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\n' or (byte)'\r' or (byte)'#' or (byte)')' or (byte)']' or (byte)'}');
    }

    private static bool IsContinuation(ReadOnlySpan<byte> text, int i)
    {
        foreach (var word in Continuations)
        {
            if (i + word.Length > text.Length) continue;
            bool same = true;
            for (int k = 0; k < word.Length && same; k++) same = text[i + k] == word[k];
            if (!same) continue;
            int after = i + word.Length;
            // "else:", "except Exception", "except*" — not "elsewhere = 1".
            if (after == text.Length || !IsNameByte(text[after])) return true;
        }
        return false;
    }

    private static bool IsNameByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or >= 0x80;

    /// <summary>The offset after a backslash and the character it escapes, a <c>\r\n</c> line break counting as one.</summary>
    private static int AfterEscape(ReadOnlySpan<byte> text, int i)
        => i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n' ? i + 3 : i + 2;

    /// <summary>The offset after the string literal whose opening quote is at <paramref name="i"/>.</summary>
    private static int SkipString(ReadOnlySpan<byte> text, int i)
    {
        byte q = text[i];
        bool triple = i + 2 < text.Length && text[i + 1] == q && text[i + 2] == q;
        i += triple ? 3 : 1;
        while (i < text.Length)
        {
            byte c = text[i];
            if (c == '\\') { i = AfterEscape(text, i); continue; }
            if (c == q)
            {
                if (!triple) return i + 1;
                if (i + 2 < text.Length && text[i + 1] == q && text[i + 2] == q) return i + 3;
            }
            // An unterminated one-line string ends at the line break (the parse then has an error there anyway).
            else if (!triple && c is (byte)'\n' or (byte)'\r') return i;
            i++;
        }
        return i;
    }
}
