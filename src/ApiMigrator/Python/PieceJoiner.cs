namespace ApiMigrator.Python;

/// <summary>
/// Joins the trees of consecutive pieces of a module (each a module node and its statements, in pre-order, offsets
/// relative to the piece) into one pre-order array under one module node, renumbering parents and siblings.
/// </summary>
internal sealed class PieceJoiner(int contentLength)
{
    private RawNode[] all = [];
    private int count = 1, lastTop = -1;

    /// <summary>Appends a piece that starts at <paramref name="offset"/> and ends at <paramref name="end"/> in the module.</summary>
    public void Add(ReadOnlySpan<RawNode> piece, uint offset, int end)
    {
        int n = piece.Length;
        if (all.Length == 0)
        {
            // Sized from the first piece's nodes per byte, grown if later pieces are denser: the managed peak is about the tree itself.
            all = GC.AllocateUninitializedArray<RawNode>((int)Math.Min(int.MaxValue / 2, (long)n * contentLength / Math.Max(1, end) * 9 / 8 + 1024));
            all[0] = piece[0] with { ChildCount = 0, StartByte = piece[0].StartByte + offset };
        }
        if (count + n - 1 > all.Length) Array.Resize(ref all, Math.Max(count + n - 1, all.Length / 2 * 3));
        // Piece node j (j ≥ 1) becomes all[count + j - 1]; the piece's module node is all[0].
        int shift = count - 1;
        if (lastTop >= 0 && n > 1) all[lastTop].NextSibling = count; // the last statement so far is followed by this piece's first
        for (int j = 1; j < n; j++)
        {
            var node = piece[j];
            bool topLevel = node.Parent == 0;
            if (topLevel && node.NextSibling < 0) lastTop = count + j - 1;
            all[count + j - 1] = node with
            {
                StartByte = node.StartByte + offset,
                EndByte = node.EndByte + offset,
                Parent = topLevel ? 0 : node.Parent + shift,
                NextSibling = node.NextSibling >= 0 ? node.NextSibling + shift : -1,
            };
        }
        all[0].ChildCount += piece[0].ChildCount;
        all[0].EndByte = piece[0].EndByte + offset;
        count += n - 1;
    }

    /// <summary>The joined tree over <paramref name="source"/>.</summary>
    public SyntaxTree Build(SourceText source) => new(source, all, count);
}
