using System.Text.RegularExpressions;
using ApiMigrator.Python;

namespace ApiMigrator.Llm;

/// <summary>
/// Gets the code out of a model's answer: the fenced block if there is one (a <c>python</c> block first;
/// an unclosed fence — a truncated answer — runs to the end), else the bare text with lines of prose
/// before and after it dropped. It never repairs code: a broken answer stays broken so that
/// verification rejects it.
/// </summary>
internal static partial class AnswerExtractor
{
    private static readonly HashSet<string> PythonKeywords = new(StringComparer.Ordinal)
    {
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield", "match", "case", "print", "type",
    };

    /// <summary>The code in <paramref name="answer"/>; empty when there is none.</summary>
    public static string Extract(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return "";
        // Chat-template tokens a local model may echo (<|im_end|>, <|endoftext|>) are never code.
        var text = SpecialToken().Replace(answer.Replace("\r\n", "\n", StringComparison.Ordinal), "");
        var code = Fenced(text) ?? Bare(text);
        return Dedent(code).Trim('\n').TrimEnd();
    }

    /// <summary>The preferred fenced block's content, or null when the answer has no fence.</summary>
    private static string? Fenced(string text)
    {
        var lines = text.Split('\n');
        var blocks = new List<(string Language, string Code)>();
        for (int i = 0; i < lines.Length; i++)
        {
            var open = FenceLine().Match(lines[i]);
            if (!open.Success) continue;
            int close = i + 1;
            while (close < lines.Length && !FenceLine().IsMatch(lines[close])) close++;
            var body = lines[(i + 1)..Math.Min(close, lines.Length)];
            // A closing fence glued to the last code line ("x = 1```") still closes the block.
            if (close == lines.Length && body.Length > 0 && body[^1].TrimEnd().EndsWith("```", StringComparison.Ordinal))
                body[^1] = body[^1].TrimEnd()[..^3];
            blocks.Add((open.Groups[1].Value.ToLowerInvariant(), string.Join("\n", body)));
            i = close;
        }
        if (blocks.Count == 0) return null;
        int preferred = blocks.FindIndex(b => b.Language is "python" or "py" or "python3");
        if (preferred < 0) preferred = blocks.FindIndex(b => b.Language.Length == 0);
        return blocks[Math.Max(preferred, 0)].Code;
    }

    /// <summary>Bare code: the whole text if it parses, else the text without leading and trailing prose lines.</summary>
    private static string Bare(string text)
    {
        var trimmed = text.Trim('\n');
        if (!PythonParser.Parse(trimmed).HasErrors) return trimmed;
        var lines = trimmed.Split('\n');
        int start = 0, end = lines.Length;
        while (start < end && (IsProse(lines[start]) || lines[start].Trim().Length == 0)) start++;
        while (end > start && (IsProse(lines[end - 1]) || lines[end - 1].Trim().Length == 0)) end--;
        return string.Join("\n", lines[start..end]);
    }

    /// <summary>
    /// A sentence, not code: starts at column 0 with a word that is not a Python keyword, has at least
    /// three words, and does not parse as Python on its own. Keywords are excluded so that a
    /// <c>for x in y:</c> line is never taken for prose.
    /// </summary>
    internal static bool IsProse(string line)
    {
        var m = Sentence().Match(line);
        if (!m.Success || PythonKeywords.Contains(m.Groups[1].Value)) return false;
        return PythonParser.Parse(line).HasErrors;
    }

    /// <summary>Removes indentation that every non-blank line shares (a model sometimes indents its whole answer).</summary>
    private static string Dedent(string code)
    {
        var lines = code.Split('\n');
        var nonBlank = lines.Where(l => l.Trim().Length > 0).ToList();
        if (nonBlank.Count == 0) return "";
        int common = nonBlank.Min(l => l.Length - l.TrimStart(' ', '\t').Length);
        if (common == 0) return code;
        var prefix = nonBlank[0][..common];
        if (!nonBlank.All(l => l.StartsWith(prefix, StringComparison.Ordinal))) return code;
        return string.Join("\n", lines.Select(l => l.Length >= common ? l[common..] : l.TrimStart(' ', '\t')));
    }

    [GeneratedRegex(@"^\s*```+\s*([A-Za-z0-9_+-]*)\s*$")]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"<\|[a-z_]+\|>(assistant|user|system)?")]
    private static partial Regex SpecialToken();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z'’-]*)[,:]?(?: +\S+){2,}\s*$")]
    private static partial Regex Sentence();
}
