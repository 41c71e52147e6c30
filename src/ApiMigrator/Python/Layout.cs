using System.Text;

namespace ApiMigrator.Python;

/// <summary>Layout helpers for code the engine writes (templates), never for user code.</summary>
internal static class Layout
{
    /// <summary>
    /// Puts a bracketed expression on one line: line breaks inside brackets become a space (or nothing
    /// next to a bracket), the trailing comma of a one-per-line layout goes, comments go. A learned
    /// template must not carry the layout of the one snippet it came from; the site's own layout is
    /// kept by the minimal edit instead.
    /// </summary>
    public static string Flatten(string code)
    {
        var tree = PythonParser.Parse(code);
        if (tree.HasErrors) return code;
        var leaves = tree.AllNodes().Where(n => n.ChildCount == 0 && n.EndByte > n.StartByte && n.Kind != "comment").ToList();
        if (leaves.Count == 0) return code;
        var sb = new StringBuilder();
        for (int i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            if (i > 0)
            {
                var gap = code[CharIndex(code, leaves[i - 1].EndByte)..CharIndex(code, leaf.StartByte)];
                if (gap.Contains('\n', StringComparison.Ordinal) || gap.Contains('#', StringComparison.Ordinal))
                {
                    bool tight = leaves[i - 1].Text is "(" or "[" or "{" || leaf.Text is ")" or "]" or "}" or "." || leaves[i - 1].Text == ".";
                    // Keep text that is not whitespace or a comment (an f-string format spec lives in gaps).
                    var kept = StripComments(gap).Trim();
                    gap = kept.Length > 0 ? kept : tight ? "" : " ";
                }
                if (leaf.Text is ")" or "]" or "}" && sb.Length > 0 && sb[^1] == ',' && GapHadNewline(code, leaves, i - 1))
                    sb.Length--;
                sb.Append(gap);
            }
            sb.Append(leaf.Text);
        }
        return code[..CharIndex(code, leaves[0].StartByte)] + sb + code[CharIndex(code, leaves[^1].EndByte)..];
    }

    private static bool GapHadNewline(string code, List<SyntaxNode> leaves, int commaIndex)
        => leaves[commaIndex].Text == "," && commaIndex + 1 < leaves.Count
           && code[CharIndex(code, leaves[commaIndex].EndByte)..CharIndex(code, leaves[commaIndex + 1].StartByte)].Contains('\n', StringComparison.Ordinal);

    private static string StripComments(string gap)
    {
        var lines = gap.Split('\n');
        return string.Join("", lines.Select(l => l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l)).Replace("\\", "", StringComparison.Ordinal);
    }

    private static int CharIndex(string s, int byteOffset) => Encoding.UTF8.GetCharCount(Encoding.UTF8.GetBytes(s), 0, byteOffset);
}
