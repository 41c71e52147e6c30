namespace ApiMigrator.Python;

/// <summary>Bytes [<see cref="Start"/>, <see cref="End"/>) of a text replaced by <see cref="NewLength"/> bytes.</summary>
internal readonly record struct ByteChange(int Start, int End, int NewLength)
{
    /// <summary>How much the text grows (or, negative, shrinks) by the change.</summary>
    public int Growth => NewLength - (End - Start);
}

public static partial class PythonParser
{
    /// <summary>
    /// Parses <paramref name="source"/>, the text of <paramref name="old"/> after <paramref name="changes"/> (sorted,
    /// disjoint, in the old text's offsets), parsing only the top-level statements a change touches: every other one is
    /// the old tree's, shifted. The tree is the one <see cref="Parse(SourceText)"/> gives: the new text is cut before
    /// each top-level statement (<see cref="TopLevelSplits"/>), a piece no change touches has the same bytes as a run of
    /// the old module's statements that starts and ends on the same cuts, and a piece parses alike wherever it stands
    /// (what <see cref="ParseInPieces(SourceText, int)"/> rests on). A rewrite changes a few statements of a file; re-parsing all of it
    /// after each pass was a fifth of a migrate run.
    /// </summary>
    internal static SyntaxTree Reparse(SyntaxTree old, SourceText source, IReadOnlyList<ByteChange> changes)
        => Reparse(old, source, changes, out _);

    /// <summary><see cref="Reparse(SyntaxTree, SourceText, IReadOnlyList{ByteChange})"/>, telling how many statement runs it took from the old tree.</summary>
    internal static SyntaxTree Reparse(SyntaxTree old, SourceText source, IReadOnlyList<ByteChange> changes, out int copied)
    {
        copied = 0;
        long length = old.Source.Length;
        foreach (var c in changes) length += c.Growth;
        // A tree with errors has no trustworthy statement boundaries; changes that do not add up are not this text's.
        if (old.HasErrors || length != source.Length) return Parse(source);
        var content = source.Content;
        var cuts = TopLevelSplits.Find(content, 1);
        if (cuts.Count == 0) return Parse(source);
        cuts.Add(content.Length);

        // The old module's statements by start (their pre-order index), to find the run a piece copies.
        var root = old.Root;
        var starts = new int[root.ChildCount];
        var indexes = new int[root.ChildCount];
        int k = 0;
        foreach (var child in root.Children)
        {
            starts[k] = child.StartByte;
            indexes[k++] = child.Index;
        }

        var joined = new PieceJoiner(content.Length);
        RawNode[] parsed = [], kept = [];
        int start = 0, next = 0, delta = 0; // next: the first change not wholly before `start`; delta: new − old offset before it
        int pending = -1; // where the touched statements not parsed yet begin: consecutive ones are parsed in one call
        foreach (int end in cuts)
        {
            // Changes whose new text ends before this piece only shift it (one that reaches its first byte touches it).
            while (next < changes.Count && changes[next].Start + delta + changes[next].NewLength < start)
            {
                delta += changes[next].Growth;
                next++;
            }
            // Untouched: no change's new text lies in or against [start, end].
            bool untouched = next >= changes.Count || changes[next].Start + delta > end;
            if (untouched && CopyRun(old, starts, indexes, start - delta, end - delta, ref kept, out int n))
            {
                if (pending >= 0 && !ParseInto(joined, content, pending, start, ref parsed)) return Fallback(source, out copied);
                pending = -1;
                joined.Add(kept.AsSpan(0, n), (uint)start, end);
                copied++;
            }
            else
            {
                // Pieces of the usual size at most, so the native tree stays small whatever the number of touched statements.
                if (pending >= 0 && start - pending >= PieceBytes)
                {
                    if (!ParseInto(joined, content, pending, start, ref parsed)) return Fallback(source, out copied);
                    pending = -1;
                }
                if (pending < 0) pending = start;
            }
            start = end;
        }
        if (pending >= 0 && !ParseInto(joined, content, pending, content.Length, ref parsed)) return Fallback(source, out copied);
        return joined.Build(source);
    }

    /// <summary>
    /// Parses content[from..to) as one piece and appends it; false when it has a syntax error, or is over
    /// <see cref="MaxNativeBytes"/> (an edit grew a statement past it: <see cref="Parse(SourceText)"/> then refuses it).
    /// </summary>
    private static bool ParseInto(PieceJoiner joined, ReadOnlySpan<byte> content, int from, int to, ref RawNode[] scratch)
    {
        if (to - from > MaxNativeBytes) return false;
        if (!ParsePiece(content, from, to, ref scratch, out int count)) return false;
        joined.Add(scratch.AsSpan(0, count), (uint)from, to);
        return true;
    }

    /// <summary>A touched statement does not parse alone: the whole text decides (and its errors are the ones reported).</summary>
    private static SyntaxTree Fallback(SourceText source, out int copied)
    {
        copied = 0;
        return Parse(source);
    }

    /// <summary>
    /// The old module's statements in [<paramref name="from"/>, <paramref name="to"/>) as a piece (a module node, then
    /// their nodes with offsets relative to <paramref name="from"/>), when a statement starts exactly at
    /// <paramref name="from"/> and the next one (or the end of the module) exactly at <paramref name="to"/>.
    /// </summary>
    private static bool CopyRun(SyntaxTree old, int[] starts, int[] indexes, int from, int to, ref RawNode[] piece, out int count)
    {
        count = 0;
        // The first piece also holds what comes before the first statement (blank lines, a comment).
        int first = from == 0 && starts.Length > 0 ? 0 : Array.BinarySearch(starts, from);
        if (first < 0 || starts[first] >= to) return false;
        int last = first;
        while (last + 1 < starts.Length && starts[last + 1] < to) last++;
        bool endsAtModuleEnd = last + 1 == starts.Length;
        if (endsAtModuleEnd ? to != old.Source.Content.Length : starts[last + 1] != to) return false;
        int lo = indexes[first], hi = endsAtModuleEnd ? old.NodeCount : indexes[last + 1];
        count = hi - lo + 1;
        if (piece.Length < count) piece = GC.AllocateUninitializedArray<RawNode>(count);
        var nodes = old.Nodes;
        var oldRoot = nodes[0];
        // The piece's module node: its end matters only for the last piece, which then ends where the old module did.
        piece[0] = oldRoot with
        {
            StartByte = (uint)Math.Max(0, (int)oldRoot.StartByte - from),
            EndByte = endsAtModuleEnd ? oldRoot.EndByte - (uint)from : (uint)(to - from),
            ChildCount = (uint)(last - first + 1),
        };
        int shift = lo - 1;
        for (int i = lo; i < hi; i++)
        {
            var n = nodes[i];
            bool topLevel = n.Parent == 0;
            piece[i - shift] = n with
            {
                StartByte = n.StartByte - (uint)from,
                EndByte = n.EndByte - (uint)from,
                Parent = topLevel ? 0 : n.Parent - shift,
                // The run's last statement is the piece's last; the old one after it is not in the piece.
                NextSibling = n.NextSibling >= 0 && n.NextSibling < hi ? n.NextSibling - shift : -1,
            };
        }
        return true;
    }
}
