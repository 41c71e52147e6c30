using DiffPlex;
using DiffPlex.Model;

namespace ApiMigrator.Diffs;

/// <summary>
/// The line diff behind diffs and line maps, in time about linear in the texts. DiffPlex's Myers diff costs
/// (lines × differences): a file with 80,000 changed lines is billions of steps. So: common first and last lines
/// are cut off; lines that occur once on each side anchor the rest (patience diffing), and the gaps between
/// anchors are diffed the same way; a gap small enough is left to Myers, and a large gap with no anchor is one
/// block of deletions and insertions (what Myers would show for lines that all changed, as they do in such a gap).
/// </summary>
internal static class LineDiff
{
    /// <summary>Gaps with at most this many line pairs (old × new) go to Myers.</summary>
    private const long MyersBudget = 4_000_000;

    public static DiffResult Compute(string oldText, string newText)
    {
        var a = TextLines.Split(oldText);
        var b = TextLines.Split(newText);
        var blocks = new List<DiffBlock>();
        var work = new Stack<(int A0, int A1, int B0, int B1)>();
        work.Push((0, a.Count, 0, b.Count));
        // Gaps are pushed last-first, so they come off in document order and the blocks need no sort.
        while (work.Count > 0)
        {
            var (a0, a1, b0, b1) = work.Pop();
            while (a0 < a1 && b0 < b1 && a[a0] == b[b0]) { a0++; b0++; }
            while (a0 < a1 && b0 < b1 && a[a1 - 1] == b[b1 - 1]) { a1--; b1--; }
            if (a0 == a1 && b0 == b1) continue;
            if (a0 == a1 || b0 == b1) { blocks.Add(new DiffBlock(a0, a1 - a0, b0, b1 - b0)); continue; }
            if ((long)(a1 - a0) * (b1 - b0) <= MyersBudget)
            {
                blocks.AddRange(Myers(a, a0, a1, b, b0, b1));
                continue;
            }
            var anchors = Anchors(a, a0, a1, b, b0, b1);
            if (anchors.Count == 0) { blocks.Add(new DiffBlock(a0, a1 - a0, b0, b1 - b0)); continue; }
            var gaps = new List<(int, int, int, int)>();
            int pa = a0, pb = b0;
            foreach (var (x, y) in anchors)
            {
                gaps.Add((pa, x, pb, y));
                pa = x + 1;
                pb = y + 1;
            }
            gaps.Add((pa, a1, pb, b1));
            for (int i = gaps.Count - 1; i >= 0; i--) work.Push(gaps[i]);
        }
        return new DiffResult(a.ToArray(), b.ToArray(), blocks);
    }

    /// <summary>Myers on one gap (DiffPlex), positions shifted back into the whole texts.</summary>
    private static IEnumerable<DiffBlock> Myers(List<string> a, int a0, int a1, List<string> b, int b0, int b1)
    {
        var oldGap = string.Concat(a.Skip(a0).Take(a1 - a0));
        var newGap = string.Concat(b.Skip(b0).Take(b1 - b0));
        var r = Differ.Instance.CreateDiffs(oldGap, newGap, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        return r.DiffBlocks.Select(d => new DiffBlock(d.DeleteStartA + a0, d.DeleteCountA, d.InsertStartB + b0, d.InsertCountB));
    }

    /// <summary>Lines that occur exactly once in each side of the gap, paired, longest run in order on both sides.</summary>
    private static List<(int A, int B)> Anchors(List<string> a, int a0, int a1, List<string> b, int b0, int b1)
    {
        var once = new Dictionary<string, (int CountA, int IndexA, int CountB, int IndexB)>(StringComparer.Ordinal);
        for (int i = a0; i < a1; i++)
        {
            once.TryGetValue(a[i], out var e);
            once[a[i]] = (e.CountA + 1, i, e.CountB, e.IndexB);
        }
        for (int j = b0; j < b1; j++)
        {
            if (!once.TryGetValue(b[j], out var e)) continue;
            once[b[j]] = (e.CountA, e.IndexA, e.CountB + 1, j);
        }
        var pairs = once.Values.Where(e => e.CountA == 1 && e.CountB == 1).Select(e => (A: e.IndexA, B: e.IndexB)).OrderBy(p => p.A).ToList();
        // Longest increasing run of B over pairs sorted by A (patience sorting, n log n).
        var tails = new List<int>();
        var previous = new int[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (pairs[tails[mid]].B < pairs[i].B) lo = mid + 1; else hi = mid;
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count) tails.Add(i); else tails[lo] = i;
        }
        var run = new List<(int, int)>();
        for (int k = tails.Count == 0 ? -1 : tails[^1]; k >= 0; k = previous[k]) run.Add(pairs[k]);
        run.Reverse();
        return run;
    }

    /// <summary>DiffPlex's view of a text as lines, split as <see cref="TextLines.Split"/> splits them.</summary>
    private sealed class LineChunker : IChunker
    {
        public static readonly LineChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => TextLines.Split(text);
    }
}
