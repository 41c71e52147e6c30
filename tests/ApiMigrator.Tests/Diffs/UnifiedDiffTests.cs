using ApiMigrator.Diffs;
using ApiMigrator.Tests.Reporting;

namespace ApiMigrator.Tests.Diffs;

public class UnifiedDiffTests
{
    [Fact]
    public void Given_one_changed_line_When_rendering_Then_the_hunk_has_three_lines_of_context()
    {
        var old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        var diff = UnifiedDiff.Render("a.py", "a.py", old, old.Replace("5\n", "five\n", StringComparison.Ordinal));

        Assert.Equal("--- a.py\n+++ a.py\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", diff);
    }

    [Fact]
    public void Given_equal_texts_When_rendering_Then_the_diff_is_empty()
    {
        Assert.Equal("", UnifiedDiff.Render("a", "a", "x\n", "x\n"));
    }

    [Fact]
    public void Given_changes_far_apart_When_rendering_Then_there_are_two_hunks()
    {
        var old = string.Concat(Enumerable.Range(1, 30).Select(i => $"{i}\n"));
        var changed = old.Replace("\n3\n", "\nthree\n", StringComparison.Ordinal).Replace("\n27\n", "\ntwenty-seven\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Render("a", "a", old, changed);

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Equal(changed, PatchApplier.Apply(old, diff));
    }

    [Fact]
    public void Given_a_last_line_without_a_line_break_When_rendering_Then_it_is_marked()
    {
        var diff = UnifiedDiff.Render("a", "a", "x = 1", "x = 2");

        Assert.Equal("--- a\n+++ a\n@@ -1 +1 @@\n-x = 1\n\\ No newline at end of file\n+x = 2\n\\ No newline at end of file\n", diff);
    }

    [Fact]
    public void Given_crlf_text_When_rendering_Then_lines_keep_their_crlf_and_the_patch_applies()
    {
        var old = "import numpy as np\r\nx = np.float_\r\ny = 1\r\n";
        var changed = "import numpy as np\r\nx = np.float64\r\ny = 1\r\n";

        var diff = UnifiedDiff.Render("a", "a", old, changed);

        Assert.Contains("-x = np.float_\r\n+x = np.float64\r\n", diff, StringComparison.Ordinal);
        Assert.Equal(changed, PatchApplier.Apply(old, diff));
    }

    [Fact]
    public void Given_random_edits_When_rendering_and_applying_Then_the_new_text_comes_back()
    {
        var random = new Random(42);
        for (int round = 0; round < 200; round++)
        {
            var oldLines = Enumerable.Range(0, random.Next(0, 40)).Select(_ => $"line {random.Next(8)}\n").ToList();
            var newLines = new List<string>(oldLines);
            for (int e = random.Next(1, 6); e > 0; e--)
            {
                int at = random.Next(newLines.Count + 1);
                switch (random.Next(3))
                {
                    case 0: newLines.Insert(at, $"new {random.Next(100)}\n"); break;
                    case 1 when at < newLines.Count: newLines.RemoveAt(at); break;
                    default: if (at < newLines.Count) newLines[at] = $"changed {random.Next(100)}\n"; break;
                }
            }
            var old = string.Concat(oldLines);
            var changed = string.Concat(newLines);
            if (random.Next(4) == 0 && changed.Length > 0) changed = changed[..^1]; // sometimes no final line break
            var diff = UnifiedDiff.Render("a", "a", old, changed, context: random.Next(0, 4));
            Assert.Equal(changed, old == changed ? old : PatchApplier.Apply(old, diff));
        }
    }
}
