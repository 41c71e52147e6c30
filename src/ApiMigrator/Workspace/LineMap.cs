using ApiMigrator.Diffs;
using ApiMigrator.Python;

namespace ApiMigrator.Workspace;

/// <summary>
/// Maps line numbers between two versions of a text by a line diff: a line in an unchanged run maps to its
/// counterpart, a changed line to the first line of the other side's change. Reports use it to give a
/// position in the file as it is on disk for something found in a later version of it.
/// </summary>
internal sealed class LineMap
{
    private static readonly LineMap Identity = new(null, null);

    private readonly int[]? oldToNew;
    private readonly int[]? newToOld;

    private LineMap(int[]? oldToNew, int[]? newToOld)
    {
        this.oldToNew = oldToNew;
        this.newToOld = newToOld;
    }

    public static LineMap Between(SourceText old, SourceText @new)
    {
        if (old.Content.SequenceEqual(@new.Content)) return Identity;
        var diff = LineDiff.Compute(old.Text, @new.Text);
        var o2n = new int[diff.PiecesOld.Count];
        var n2o = new int[diff.PiecesNew.Count];
        int a = 0, b = 0;
        foreach (var block in diff.DiffBlocks)
        {
            while (a < block.DeleteStartA) { o2n[a] = b + 1; n2o[b] = a + 1; a++; b++; }
            for (int k = 0; k < block.DeleteCountA; k++) o2n[a + k] = b + 1;
            for (int k = 0; k < block.InsertCountB; k++) n2o[b + k] = a + 1;
            a += block.DeleteCountA;
            b += block.InsertCountB;
        }
        while (a < o2n.Length && b < n2o.Length) { o2n[a] = b + 1; n2o[b] = a + 1; a++; b++; }
        return new LineMap(o2n, n2o);
    }

    /// <summary>The line in the new text for a 1-based line of the old one.</summary>
    public int ToNew(int oldLine) => Map(oldToNew, newToOld, oldLine);

    /// <summary>The line in the old text for a 1-based line of the new one.</summary>
    public int ToOld(int newLine) => Map(newToOld, oldToNew, newLine);

    private static int Map(int[]? from, int[]? to, int line)
    {
        if (from is null || to is null || line < 1) return Math.Max(1, line);
        if (line <= from.Length) return Math.Clamp(from[line - 1], 1, Math.Max(1, to.Length + 1));
        // Past the last line break (the empty last line of a text ending in one): keep the distance from the end.
        return Math.Max(1, line - from.Length + to.Length);
    }
}
