using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Tests.Rewriting;

public class SourceEditsTests
{
    [Fact]
    public void Edits_replace_only_their_ranges()
    {
        var src = SourceText.From("a = np.float_(1)  # keep ✓\r\nb = np.float_\r\n");
        var tree = PythonParser.Parse(src);
        var edits = tree.AllNodes().Where(n => n.Kind == "attribute").Select(n => TextEdit.Replace(n, "np.float64"));
        var result = SourceEdits.Apply(src, edits);
        Assert.Equal("a = np.float64(1)  # keep ✓\r\nb = np.float64\r\n", result.Text);
    }

    [Fact]
    public void Overlapping_edits_are_refused()
    {
        var src = SourceText.From("abcdef");
        var e = Assert.Throws<OverlappingEditsException>(() => SourceEdits.Apply(src, [new TextEdit(0, 3, "x"), new TextEdit(2, 4, "y")]));
        Assert.Equal(0, e.First.Start);
        Assert.Throws<OverlappingEditsException>(() => SourceEdits.Apply(src, [TextEdit.Insert(2, "x"), TextEdit.Insert(2, "y")]));
        Assert.Throws<OverlappingEditsException>(() => SourceEdits.Apply(src, [new TextEdit(1, 4, "x"), TextEdit.Insert(2, "y")]));
    }

    [Fact]
    public void Adjacent_edits_and_boundary_inserts_are_fine()
    {
        var src = SourceText.From("abcdef");
        var r = SourceEdits.Apply(src, [new TextEdit(0, 2, "X"), new TextEdit(2, 4, "Y"), TextEdit.Insert(6, "!"), TextEdit.Insert(0, "^")]);
        Assert.Equal("^XYef!", r.Text);
    }

    [Fact]
    public void Edits_outside_the_text_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SourceEdits.Apply(SourceText.From("ab"), [new TextEdit(1, 3, "")]));
    }

    [Fact]
    public void Bom_survives_an_edit()
    {
        var src = SourceText.FromBytes([0xEF, 0xBB, 0xBF, (byte)'x']);
        var r = SourceEdits.Apply(src, [new TextEdit(0, 1, "y")]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'y' }, r.ToBytes());
    }
}
