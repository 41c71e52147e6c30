using System.Text;
using ApiMigrator.Python;

namespace ApiMigrator.Rewriting;

/// <summary>Replace the bytes [Start, End) of the original content with <see cref="NewText"/>. Start == End inserts.</summary>
public sealed record TextEdit(int Start, int End, string NewText)
{
    /// <summary>An insertion at <paramref name="offset"/>.</summary>
    public static TextEdit Insert(int offset, string text) => new(offset, offset, text);

    /// <summary>Replaces exactly the bytes of a node.</summary>
    public static TextEdit Replace(SyntaxNode node, string text) => new(node.StartByte, node.EndByte, text);

    /// <summary>Whether the two edits touch the same bytes, or are two insertions at one point (whose order would be a guess).</summary>
    public bool Overlaps(TextEdit other)
    {
        if (Start == End && other.Start == other.End) return Start == other.Start;
        return Start < other.End && other.Start < End
            || (Start == End && other.Start < Start && Start < other.End)
            || (other.Start == other.End && Start < other.Start && other.Start < End);
    }
}

/// <summary>Two edits of one set touch the same bytes; applying either order would be a guess.</summary>
internal sealed class OverlappingEditsException(TextEdit first, TextEdit second)
    : Exception($"overlapping edits: [{first.Start},{first.End}) and [{second.Start},{second.End})")
{
    /// <summary>The earlier edit.</summary>
    public TextEdit First { get; } = first;
    /// <summary>The edit that overlaps it.</summary>
    public TextEdit Second { get; } = second;
}

/// <summary>Applies a set of byte-range edits to the original text. Bytes outside the edits are copied unchanged.</summary>
public static class SourceEdits
{
    /// <summary>Sorted, validated copy of the edits; throws <see cref="OverlappingEditsException"/> on overlap.</summary>
    public static IReadOnlyList<TextEdit> Normalize(SourceText source, IEnumerable<TextEdit> edits)
    {
        var sorted = edits.OrderBy(e => e.Start).ThenBy(e => e.End).ToList();
        foreach (var e in sorted)
        {
            if (e.Start < 0 || e.End < e.Start || e.End > source.Length)
                throw new ArgumentOutOfRangeException(nameof(edits), $"edit [{e.Start},{e.End}) is outside the text (length {source.Length})");
        }
        for (int i = 1; i < sorted.Count; i++)
            if (sorted[i - 1].Overlaps(sorted[i])) throw new OverlappingEditsException(sorted[i - 1], sorted[i]);
        return sorted;
    }

    /// <summary>Applies the edits and returns new content bytes (BOM not included).</summary>
    public static byte[] ApplyToBytes(SourceText source, IEnumerable<TextEdit> edits)
    {
        var sorted = Normalize(source, edits);
        var content = source.Content;
        using var ms = new MemoryStream(content.Length + 64);
        int pos = 0;
        foreach (var e in sorted)
        {
            ms.Write(content[pos..e.Start]);
            ms.Write(Encoding.UTF8.GetBytes(e.NewText));
            pos = e.End;
        }
        ms.Write(content[pos..]);
        return ms.ToArray();
    }

    /// <summary>Applies the edits and returns a new source with the same BOM and path.</summary>
    public static SourceText Apply(SourceText source, IEnumerable<TextEdit> edits)
        => source.WithContent(ApplyToBytes(source, edits));
}

/// <summary>
/// Edits chosen so far in one step, none overlapping another: whether a new edit is already there or overlaps
/// one, in logarithmic time. A file with 80,000 matches checks each against the others; a scan of the list
/// would make that quadratic.
/// </summary>
internal sealed class DisjointEdits
{
    private static readonly Comparer<TextEdit> ByRange = Comparer<TextEdit>.Create((a, b) =>
        a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));

    // Disjoint edits have distinct ranges (two with one range overlap), so the range orders them fully.
    private readonly SortedSet<TextEdit> sorted = new(ByRange);
    private readonly List<TextEdit> inOrder = [];

    /// <summary>The edits, in the order they were added.</summary>
    public IReadOnlyList<TextEdit> Items => inOrder;

    public int Count => inOrder.Count;

    /// <summary>True when exactly this edit (range and text) is in the set.</summary>
    public bool Contains(TextEdit edit) => sorted.TryGetValue(edit, out var found) && found == edit;

    /// <summary>True when <paramref name="edit"/> overlaps an edit in the set.</summary>
    public bool OverlapsAny(TextEdit edit)
    {
        // The edits are disjoint, so their ends rise with their starts: only the last edit starting before
        // this one can reach into it, and only edits starting inside it (or at an insertion's point) can meet it.
        var before = sorted.GetViewBetween(new TextEdit(int.MinValue, int.MinValue, ""), new TextEdit(edit.Start - 1, int.MaxValue, ""));
        // (Max, not Count: a view's Count walks the whole view.)
        if (before.Max is { } previous && previous.Overlaps(edit)) return true;
        foreach (var e in sorted.GetViewBetween(new TextEdit(edit.Start, int.MinValue, ""), new TextEdit(edit.End, int.MaxValue, "")))
            if (e.Overlaps(edit)) return true;
        return false;
    }

    /// <summary>True when an edit in the set shares a byte with [<paramref name="start"/>, <paramref name="end"/>) (an insertion on a boundary does not), in logarithmic time.</summary>
    public bool AnyWithin(int start, int end)
    {
        // As in OverlapsAny: the last edit starting before the range may reach into it; edits starting inside it meet it unless empty at its start.
        var before = sorted.GetViewBetween(new TextEdit(int.MinValue, int.MinValue, ""), new TextEdit(start - 1, int.MaxValue, ""));
        if (before.Max is { } previous && previous.End > start) return true;
        if (end <= start) return false;
        foreach (var e in sorted.GetViewBetween(new TextEdit(start, int.MinValue, ""), new TextEdit(end - 1, int.MaxValue, "")))
            if (start < e.End) return true;
        return false;
    }

    /// <summary>Adds an edit that overlaps none in the set.</summary>
    public void Add(TextEdit edit)
    {
        sorted.Add(edit);
        inOrder.Add(edit);
    }
}
