using System.Text;
using System.Text.Json;
using ApiMigrator.Notebooks;
using ApiMigrator.Rewriting;
using ApiMigrator.Tests.Workspace;
using ApiMigrator.Workspace;

namespace ApiMigrator.Tests.Notebooks;

public class NotebookMigratorTests
{
    private static DocumentResult Migrate(string json) => NotebookMigrator.Migrate(Encoding.UTF8.GetBytes(json), "nb.ipynb", TestRules.Set, new RewriteOptions());

    private static List<string> CodeSources(byte[] bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        return [.. doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))];
    }

    [Fact]
    public void Given_an_import_in_an_earlier_cell_When_migrating_Then_a_later_cell_resolves_it()
    {
        var result = Migrate(Nb.Json(Nb.Code("import numpy\n"), Nb.Markdown("numpy.float_ in prose\n"), Nb.Code("x = numpy.float_(1)\n")));

        Assert.True(result.Changed);
        Assert.Equal(["import numpy\n", "x = numpy.float64(1)\n"], CodeSources(result.Updated));
        var change = Assert.Single(result.Changes);
        Assert.Equal((3, 1, 5), (change.Cell!.Value, change.Line, change.Column));
    }

    [Fact]
    public void Given_line_magics_and_shell_escapes_When_migrating_Then_code_around_them_changes_and_they_come_back_byte_for_byte()
    {
        var cell = "import numpy as np\n%matplotlib inline\nfiles = !ls\nfor f in files:\n    !echo {f} \\\n      --flag\nnp.float_?\nx = np.float_(2)";
        var result = Migrate(Nb.Json(Nb.Code(cell)));

        Assert.Equal([cell.Replace("x = np.float_(2)", "x = np.float64(2)", StringComparison.Ordinal)], CodeSources(result.Updated));
    }

    [Fact]
    public void Given_a_cell_magic_When_migrating_Then_the_cell_is_left_alone_with_a_finding()
    {
        var json = Nb.Json(Nb.Code("import numpy as np\n"), Nb.Code("%%timeit\nnp.float_(1)\n"));

        var result = Migrate(json);

        Assert.False(result.Changed);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.NotApplied, finding.Kind);
        Assert.Equal(2, finding.Cell);
        Assert.Contains("%%timeit", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_cell_that_does_not_parse_When_migrating_Then_other_cells_still_migrate()
    {
        var result = Migrate(Nb.Json(Nb.Code("import numpy as np\n"), Nb.Code("x = np.float_(\n"), Nb.Code("y = np.NaN\n")));

        Assert.Equal(["import numpy as np\n", "x = np.float_(\n", "y = np.nan\n"], CodeSources(result.Updated));
        Assert.Contains(result.Findings, f => f.Kind == FindingKind.NotApplied && f.Cell == 2);
    }

    [Fact]
    public void Given_a_finding_in_a_cell_When_migrating_Then_its_position_is_counted_within_the_cell()
    {
        var result = Migrate(Nb.Json(Nb.Code("import numpy as np\n"), Nb.Code("a = 1\nm = np.matrix([[1]])\n")));

        var manual = Assert.Single(result.Findings, f => f.Kind == FindingKind.Manual);
        Assert.Equal((2, 2, 5), (manual.Cell!.Value, manual.Line, manual.Column));
    }

    [Fact]
    public void Given_a_notebook_of_another_language_When_migrating_Then_it_is_skipped()
    {
        var result = Migrate(Nb.Json("R", Nb.Code("x <- np.float_\n")));

        Assert.Equal(SkipReason.NotPython, result.Skipped?.Reason);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Given_nothing_to_migrate_When_migrating_Then_the_bytes_are_returned_untouched()
    {
        var json = Nb.Json(Nb.Code("import os\nprint(os.getcwd())\n"));

        var result = Migrate(json);

        Assert.False(result.Changed);
        Assert.Equal(Encoding.UTF8.GetBytes(json), result.Updated);
    }

    [Fact]
    public void Given_a_migrated_notebook_When_migrating_again_Then_nothing_changes()
    {
        var first = Migrate(Nb.Json(Nb.Code("import numpy as np\n%time x = 1\n"), Nb.Code("x = np.float_(1)\ny = np.NaN")));

        var second = NotebookMigrator.Migrate(first.Updated, "nb.ipynb", TestRules.Set, new RewriteOptions());

        Assert.True(first.Changed);
        Assert.False(second.Changed);
    }
}
