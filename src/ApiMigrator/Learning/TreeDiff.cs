using ApiMigrator.Python;

namespace ApiMigrator.Learning;

/// <summary>
/// Finds the smallest changed regions between two versions of a snippet: identical subtrees are
/// matched top-down; statements of a block are aligned by their text (LCS), so two independent
/// changes in one snippet give two regions. Import statements are left out: the learner compares
/// the import sets separately.
/// </summary>
internal static class TreeDiff
{
    /// <summary>The changed (before, after) node pairs; <paramref name="unsupported"/> is set when statements were added or removed.</summary>
    public static List<(SyntaxNode Before, SyntaxNode After)> Regions(SyntaxTree before, SyntaxTree after, out bool unsupported)
    {
        var regions = new List<(SyntaxNode, SyntaxNode)>();
        bool bad = false;
        Diff(before.Root, after.Root, regions, ref bad);
        unsupported = bad;
        return regions;
    }

    private static bool IsImport(SyntaxNode n) => n.Kind is "import_statement" or "import_from_statement" or "future_import_statement";

    private static List<SyntaxNode> Significant(SyntaxNode n) => n.Children.Where(c => !c.IsExtra).ToList();

    private static void Diff(SyntaxNode b, SyntaxNode a, List<(SyntaxNode, SyntaxNode)> regions, ref bool unsupported)
    {
        if (b.Text == a.Text) return;
        if (b.Kind is "module" or "block" && a.Kind == b.Kind)
        {
            Statements(b.NamedChildren.Where(c => !c.IsExtra && !IsImport(c)).ToList(),
                       a.NamedChildren.Where(c => !c.IsExtra && !IsImport(c)).ToList(), regions, ref unsupported);
            return;
        }
        if (b.Kind != a.Kind) { regions.Add((b, a)); return; }
        var bc = Significant(b);
        var ac = Significant(a);
        if (bc.Count != ac.Count || bc.Count == 0) { regions.Add((b, a)); return; }
        var diffs = Enumerable.Range(0, bc.Count).Where(i => bc[i].Text != ac[i].Text).ToList();
        if (diffs.Count == 0) return; // differs only in comments/extras: nothing to learn
        bool joint = diffs.Count > 1 && b.Kind is "call" or "argument_list" or "keyword_argument" or "subscript" or "binary_operator" or "decorator";
        if (joint) { regions.Add((b, a)); return; }
        if (b.Kind == "attribute")
        {
            // A dotted name is one unit: `pd.util.testing.x` → `pd.testing.x` is a rename of the whole chain.
            var obj = b.ChildByField("object");
            if (obj is { Kind: "identifier" or "attribute" } o && o.Text != a.ChildByField("object")?.Text) { regions.Add((b, a)); return; }
            if (diffs.Count > 1) { regions.Add((b, a)); return; }
        }
        foreach (var i in diffs) Diff(bc[i], ac[i], regions, ref unsupported);
    }

    private static void Statements(List<SyntaxNode> bs, List<SyntaxNode> @as, List<(SyntaxNode, SyntaxNode)> regions, ref bool unsupported)
    {
        // LCS over statement texts.
        int n = bs.Count, m = @as.Count;
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i, j] = bs[i].Text == @as[j].Text ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        int x = 0, y = 0;
        var runB = new List<SyntaxNode>();
        var runA = new List<SyntaxNode>();
        while (x < n || y < m)
        {
            if (x < n && y < m && bs[x].Text == @as[y].Text)
            {
                Flush(runB, runA, regions, ref unsupported);
                x++; y++;
            }
            else if (y >= m || (x < n && lcs[x + 1, y] >= lcs[x, y + 1])) runB.Add(bs[x++]);
            else runA.Add(@as[y++]);
        }
        Flush(runB, runA, regions, ref unsupported);
    }

    private static void Flush(List<SyntaxNode> runB, List<SyntaxNode> runA, List<(SyntaxNode, SyntaxNode)> regions, ref bool unsupported)
    {
        if (runB.Count == runA.Count)
            for (int i = 0; i < runB.Count; i++) Diff(runB[i], runA[i], regions, ref unsupported);
        else if (runB.Count > 0 || runA.Count > 0)
            unsupported = true;
        runB.Clear();
        runA.Clear();
    }
}
