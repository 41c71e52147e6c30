namespace ApiMigrator.Python;

/// <summary>What a metavariable bound: one node, or (for <c>$*rest</c>) a run of arguments.</summary>
public sealed record Capture(IReadOnlyList<SyntaxNode> Nodes, bool IsSplat)
{
    /// <summary>The single node of a non-splat capture.</summary>
    public SyntaxNode Node => Nodes[0];

    /// <summary>
    /// The captured source text, byte-for-byte from the original (comments and formatting inside a hole
    /// survive). A splat over consecutive arguments keeps the original text between them too.
    /// </summary>
    public string Text(SourceText source)
    {
        if (Nodes.Count == 0) return "";
        if (!IsSplat) return Node.Text;
        if (Contiguous()) return source.GetText(Nodes[0].StartByte, Nodes[^1].EndByte);
        return string.Join(", ", Nodes.Select(n => n.Text));
    }

    private bool Contiguous()
    {
        for (int i = 1; i < Nodes.Count; i++)
        {
            // Consecutive named arguments are separated only by a comma (and comments) in the same list.
            var between = Nodes[i].Tree.Source.GetText(Nodes[i - 1].EndByte, Nodes[i].StartByte);
            if (between.Count(c => c == ',') != 1) return false;
        }
        return true;
    }
}
