namespace ApiMigrator.Matching;

/// <summary>Text helpers of the prefilter: what a word or a literal looks like, and what follows a word.</summary>
public sealed partial class Prefilter
{
    /// <summary>The word a matching value must contain: the literal itself when it is one word (<c>True</c>), else the content of a plain one-line string that is one word.</summary>
    private static string? ValueWord(string? literal)
    {
        if (literal is null) return null;
        if (IsAsciiWord(literal)) return literal;
        if (literal.Length < 2 || literal[0] is not ('\'' or '"') || literal[^1] != literal[0]) return null;
        var content = literal[1..^1];
        return IsAsciiWord(content) ? content : null;
    }

    private static bool IsAsciiWord(string s)
        => s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// True when the first significant character at or after <paramref name="i"/> is an <c>=</c> that is not <c>==</c>.
    /// Spaces, line breaks, continuations and comments are skipped: Python allows them between a keyword and its
    /// <c>=</c> inside the brackets of a call.
    /// </summary>
    private static bool EqualsFollows(ReadOnlySpan<char> span, int i)
    {
        while (i < span.Length)
        {
            char c = span[i];
            if (c is ' ' or '\t' or '\f' or '\r' or '\n' or '\\') { i++; continue; }
            if (c == '#')
            {
                while (i < span.Length && span[i] != '\n') i++;
                continue;
            }
            return c == '=' && (i + 1 >= span.Length || span[i + 1] != '=');
        }
        return false;
    }
}
