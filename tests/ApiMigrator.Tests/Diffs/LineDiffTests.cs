using System.Text;
using ApiMigrator.Diffs;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Tests.Diffs;

/// <summary>
/// The linear line diff: its blocks rebuild the new text from the old one, it agrees with Myers on minimal
/// size where Myers is cheap, and a file whose every line changed is one block (not billions of Myers steps).
/// </summary>
public class LineDiffTests
{
    private static string Rebuild(string oldText, DiffPlex.Model.DiffResult diff)
    {
        var sb = new StringBuilder();
        int a = 0;
        foreach (var block in diff.DiffBlocks)
        {
            Assert.True(block.DeleteStartA >= a, "blocks out of order");
            while (a < block.DeleteStartA) sb.Append(diff.PiecesOld[a++]);
            a += block.DeleteCountA;
            for (int k = 0; k < block.InsertCountB; k++) sb.Append(diff.PiecesNew[block.InsertStartB + k]);
        }
        while (a < diff.PiecesOld.Count) sb.Append(diff.PiecesOld[a++]);
        return sb.ToString();
    }

    [Fact]
    public void Given_random_edits_of_a_text_When_diffing_Then_the_blocks_rebuild_the_new_text()
    {
        var rng = new Random(15);
        for (int round = 0; round < 200; round++)
        {
            var lines = Enumerable.Range(0, rng.Next(1, 60)).Select(_ => $"line {rng.Next(12)}\n").ToList();
            var changed = lines.ToList();
            for (int k = rng.Next(6); k > 0 && changed.Count > 0; k--)
            {
                int at = rng.Next(changed.Count);
                switch (rng.Next(3))
                {
                    case 0: changed.RemoveAt(at); break;
                    case 1: changed.Insert(at, $"new {rng.Next(5)}\n"); break;
                    default: changed[at] = $"changed {rng.Next(5)}\n"; break;
                }
            }
            string oldText = string.Concat(lines), newText = string.Concat(changed);

            var diff = LineDiff.Compute(oldText, newText);

            Assert.Equal(newText, Rebuild(oldText, diff));
        }
    }

    [Fact]
    public void Given_a_large_file_whose_every_line_changed_When_diffing_Then_it_is_one_block_of_deletions_and_insertions()
    {
        var oldText = "import numpy as np\n" + string.Concat(Enumerable.Repeat("x = np.float_(1)\n", 50_000));
        var newText = "import numpy as np\n" + string.Concat(Enumerable.Repeat("x = np.float64(1)\n", 50_000));

        var diff = LineDiff.Compute(oldText, newText);

        var block = Assert.Single(diff.DiffBlocks);
        Assert.Equal((1, 50_000, 1, 50_000), (block.DeleteStartA, block.DeleteCountA, block.InsertStartB, block.InsertCountB));
    }

    [Fact]
    public void Given_a_large_file_with_unique_lines_and_a_few_changes_When_diffing_Then_only_the_changed_lines_are_in_blocks()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => $"# comment {i}\n").ToList();
        var changed = lines.ToList();
        changed[100] = "x = 1\n";
        changed.Insert(15_000, "import os\n");

        var diff = LineDiff.Compute(string.Concat(lines), string.Concat(changed));

        Assert.Equal(2, diff.DiffBlocks.Count);
        Assert.Equal(string.Concat(changed), Rebuild(string.Concat(lines), diff));
    }
}

/// <summary>The interval set behind a rewrite step's overlap checks agrees with checking every pair.</summary>
public class DisjointEditsTests
{
    [Fact]
    public void Given_random_edits_When_adding_those_that_overlap_none_Then_the_set_agrees_with_a_check_of_every_pair()
    {
        var rng = new Random(15);
        for (int round = 0; round < 100; round++)
        {
            var set = new DisjointEdits();
            var list = new List<TextEdit>();
            for (int k = 0; k < 40; k++)
            {
                int start = rng.Next(50), length = rng.Next(3) == 0 ? 0 : rng.Next(1, 6);
                var e = new TextEdit(start, start + length, rng.Next(2) == 0 ? "a" : "b");

                bool overlaps = set.OverlapsAny(e);

                Assert.Equal(list.Any(x => x.Overlaps(e)), overlaps);
                Assert.Equal(list.Contains(e), set.Contains(e));
                if (!overlaps) { set.Add(e); list.Add(e); }
            }
            Assert.Equal(list, set.Items);
        }
    }
}
