using System.Text;
using ApiMigrator.Python;

namespace ApiMigrator.Rewriting;

/// <summary>
/// Narrows "replace this node with new text" to the tokens that actually differ, so the code's own
/// layout, comments and line breaks around the change survive (a template prints one line; the site
/// may span five).
/// </summary>
internal static class MinimalEdit
{
    public static TextEdit For(SyntaxNode node, string newText)
    {
        var whole = TextEdit.Replace(node, newText);
        // A multi-line expression only parses inside the brackets it had in the file: lend it a pair.
        int shift = 0;
        var newTree = PythonParser.Parse(newText);
        if (newTree.HasErrors)
        {
            newTree = PythonParser.Parse("(" + newText + ")");
            if (newTree.HasErrors) return whole;
            shift = 1;
        }
        // The node's own subtree, not the file's: a walk of the whole tree per match makes a file's cost quadratic.
        var oldTokens = Tokens(node.DescendantsAndSelf(), node.StartByte, node.EndByte);
        var newTokens = Tokens(newTree.AllNodes(), shift, newTree.Source.Length - shift);
        if (oldTokens.Count == 0 || newTokens.Count == 0) return whole;
        int prefix = 0;
        while (prefix < oldTokens.Count && prefix < newTokens.Count && oldTokens[prefix].Text == newTokens[prefix].Text) prefix++;
        int suffix = 0;
        while (suffix < oldTokens.Count - prefix && suffix < newTokens.Count - prefix
               && oldTokens[^(suffix + 1)].Text == newTokens[^(suffix + 1)].Text) suffix++;
        if (prefix == oldTokens.Count && prefix == newTokens.Count) return whole; // same tokens: layout-only change, keep it whole
        // Old and new ranges to swap: from the end of the common prefix to the start of the common suffix.
        int oldStart = prefix == 0 ? node.StartByte : oldTokens[prefix - 1].End;
        int oldEnd = suffix == 0 ? node.EndByte : oldTokens[^suffix].Start;
        int newStart = prefix == 0 ? shift : newTokens[prefix - 1].End;
        int newEnd = suffix == 0 ? newTree.Source.Length - shift : newTokens[^suffix].Start;
        if (oldEnd < oldStart || newEnd < newStart) return whole;
        // What stays must really be the same apart from whitespace (format-spec text lives between tokens).
        if (!SameIgnoringSpace(node.Tree.Source.GetText(node.StartByte, oldStart), newTree.Source.GetText(shift, newStart))) return whole;
        if (!SameIgnoringSpace(node.Tree.Source.GetText(oldEnd, node.EndByte), newTree.Source.GetText(newEnd, newTree.Source.Length - shift))) return whole;
        var middle = newTree.Source.GetText(newStart, newEnd);
        // Keep the code's own spacing at the seams when the new middle has none of its own.
        return new TextEdit(oldStart, oldEnd, middle);
    }

    private readonly record struct Token(string Text, int Start, int End);

    private static List<Token> Tokens(IEnumerable<SyntaxNode> nodes, int start, int end)
    {
        var list = new List<Token>();
        foreach (var n in nodes)
        {
            if (n.ChildCount != 0 || n.EndByte <= n.StartByte) continue;
            if (n.StartByte < start || n.EndByte > end) continue;
            list.Add(new Token(n.Text, n.StartByte, n.EndByte));
        }
        return list;
    }

    private static bool SameIgnoringSpace(string a, string b)
    {
        static string Squash(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s) if (!char.IsWhiteSpace(c) && c != '\\') sb.Append(c);
            return sb.ToString();
        }
        return Squash(a) == Squash(b);
    }
}
