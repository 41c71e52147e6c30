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
public sealed class OverlappingEditsException(TextEdit first, TextEdit second)
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
