using System.Globalization;
using System.Text;

namespace ApiMigrator.Python;

/// <summary>
/// Python source as a token sequence with its formatting taken out: the tokens Python's own
/// <c>tokenize</c> module yields, minus the ones that only record layout. Kept: names, numbers, strings
/// (each literal whole, prefix and quotes included), operators, comments (trailing spaces trimmed), and
/// the logical-line tokens NEWLINE, INDENT and DEDENT — indentation is syntax in Python, so two
/// snippets that differ in nesting never compare equal. Dropped: spaces, line breaks inside brackets
/// and after a backslash, blank lines, the width of an indent, and the line-end convention
/// (<c>\n</c>, <c>\r\n</c>, <c>\r</c>). Never throws: text that is not Python still gets a sequence.
/// </summary>
internal static class PythonTokens
{
    /// <summary>The NEWLINE token (end of a logical line).</summary>
    public const string Newline = "<NEWLINE>";

    /// <summary>The INDENT token (a block opens).</summary>
    public const string Indent = "<INDENT>";

    /// <summary>The DEDENT token (a block closes).</summary>
    public const string Dedent = "<DEDENT>";

    // Longest first, so that "**=" is not read as "**" then "=".
    private static readonly string[] Operators =
    [
        "**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "==", ">=", ">>",
        "@=", "^=", "|=",
    ];

    /// <summary>The token sequence of <paramref name="code"/>.</summary>
    public static IReadOnlyList<string> Tokenize(string code)
    {
        var text = code.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var tokens = new List<string>();
        var indents = new Stack<int>();
        indents.Push(0);
        int depth = 0;
        bool lineHasTokens = false;
        bool atLineStart = true;
        int i = 0;
        while (i < text.Length)
        {
            if (atLineStart && depth == 0)
            {
                // Measure the indentation of a physical line that starts a logical line.
                int width = 0, j = i;
                for (; j < text.Length; j++)
                {
                    char c = text[j];
                    if (c == ' ') width++;
                    else if (c == '\t') width = (width / 8 + 1) * 8;
                    else if (c == '\f') width = 0;
                    else break;
                }
                i = j;
                atLineStart = false;
                // Blank and comment-only lines do not open or close blocks.
                if (i < text.Length && text[i] is not ('\n' or '#'))
                {
                    if (width > indents.Peek())
                    {
                        indents.Push(width);
                        tokens.Add(Indent);
                    }
                    else
                    {
                        while (width < indents.Peek())
                        {
                            indents.Pop();
                            tokens.Add(Dedent);
                        }
                    }
                }
                continue;
            }
            atLineStart = false;
            char ch = text[i];
            if (ch == '\n')
            {
                if (depth == 0 && lineHasTokens)
                {
                    tokens.Add(Newline);
                    lineHasTokens = false;
                }
                i++;
                atLineStart = true;
                continue;
            }
            if (ch is ' ' or '\t' or '\f') { i++; continue; }
            if (ch == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // An explicit line join: the logical line goes on, its next physical line has no indentation.
                i += 2;
                continue;
            }
            if (ch == '#')
            {
                int end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                tokens.Add(text[i..end].TrimEnd());
                i = end;
                continue;
            }
            int start = i;
            if (StringStart(text, i) is { } quoteAt)
            {
                i = StringEnd(text, quoteAt);
                tokens.Add(text[start..i]);
                lineHasTokens = true;
                continue;
            }
            if (char.IsAsciiDigit(ch) || (ch == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = NumberEnd(text, i);
                tokens.Add(text[start..i]);
                lineHasTokens = true;
                continue;
            }
            // A lone surrogate is not a character; it becomes a token of its own.
            var rune = Rune.TryGetRuneAt(text, i, out var r0) ? r0 : Rune.ReplacementChar;
            int runeLength = Rune.TryGetRuneAt(text, i, out _) ? rune.Utf16SequenceLength : 1;
            if (IsIdentifierStart(rune))
            {
                i += runeLength;
                while (i < text.Length && Rune.TryGetRuneAt(text, i, out var r) && IsIdentifierPart(r)) i += r.Utf16SequenceLength;
                tokens.Add(text[start..i]);
                lineHasTokens = true;
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            int length = op?.Length ?? runeLength;
            if (ch is '(' or '[' or '{') depth++;
            else if (ch is ')' or ']' or '}' && depth > 0) depth--;
            tokens.Add(text.Substring(i, length));
            lineHasTokens = true;
            i += length;
        }
        if (lineHasTokens) tokens.Add(Newline);
        while (indents.Count > 1)
        {
            indents.Pop();
            tokens.Add(Dedent);
        }
        return tokens;
    }

    /// <summary>If a string literal starts at <paramref name="i"/> (with up to two prefix letters), the index of its first quote.</summary>
    private static int? StringStart(string text, int i)
    {
        int j = i;
        while (j < text.Length && j - i < 2 && "rRbBuUfFtT".Contains(text[j], StringComparison.Ordinal)) j++;
        // A prefix is never the tail of a longer name: names are read whole before a string can start.
        return j < text.Length && text[j] is '"' or '\'' ? j : null;
    }

    /// <summary>The index just after the string literal whose first quote is at <paramref name="q"/>; an unterminated one runs to the line's (or, if triple-quoted, the text's) end.</summary>
    private static int StringEnd(string text, int q)
    {
        char quote = text[q];
        bool triple = q + 2 < text.Length && text[q + 1] == quote && text[q + 2] == quote;
        int i = q + (triple ? 3 : 1);
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\\') { i += 2; continue; }
            if (!triple && c == '\n') return i;
            if (c == quote)
            {
                if (!triple) return i + 1;
                if (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote) return i + 3;
            }
            i++;
        }
        return text.Length;
    }

    private static int NumberEnd(string text, int i)
    {
        bool hex = i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X';
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.') { i++; continue; }
            // An exponent's sign: 1e-5, 2.5E+3 (not in hex literals such as 0xE+1, which Python reads as 0xE + 1).
            if (c is '+' or '-' && !hex && text[i - 1] is 'e' or 'E') { i++; continue; }
            break;
        }
        return i;
    }

    private static bool IsIdentifierStart(Rune r) => r.Value == '_' || Rune.IsLetter(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(Rune r)
        => IsIdentifierStart(r) || Rune.IsDigit(r) || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DecimalDigitNumber;
}
