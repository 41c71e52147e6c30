namespace ApiMigrator.Rules;

/// <summary>Comparing and printing simple literals regardless of quote style.</summary>
internal static class Literals
{
    /// <summary>Equal text, or the same plain string in other quotes (<c>'log'</c> and <c>"log"</c>).</summary>
    public static bool Same(string? a, string? b)
        => a == b || (Plain(a) is { } x && Plain(b) is { } y && x == y);

    /// <summary>Prints a plain string literal in the quotes the code used.</summary>
    public static string InStyleOf(string literal, string codeLiteral)
    {
        if (Plain(literal) is not { } content || codeLiteral.Length < 2) return literal;
        char q = codeLiteral[0];
        if (q is not ('\'' or '"') || content.Contains(q, StringComparison.Ordinal)) return literal;
        return q + content + q;
    }

    /// <summary>The content of a one-line string literal without prefix or escapes, else null.</summary>
    private static string? Plain(string? s)
    {
        if (s is null || s.Length < 2) return null;
        char q = s[0];
        if (q is not ('\'' or '"') || s[^1] != q || s.StartsWith("'''", StringComparison.Ordinal) || s.StartsWith("\"\"\"", StringComparison.Ordinal)) return null;
        var content = s[1..^1];
        return content.Contains('\\', StringComparison.Ordinal) || content.Contains(q, StringComparison.Ordinal) ? null : content;
    }
}
