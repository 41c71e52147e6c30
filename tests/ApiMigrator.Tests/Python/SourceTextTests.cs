using System.Text;
using ApiMigrator.Python;

namespace ApiMigrator.Tests.Python;

public class SourceTextTests
{
    [Fact]
    public void Bom_is_split_off_and_restored_on_output()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("x = 1\n")];
        var src = SourceText.FromBytes(bytes);
        Assert.True(src.HasBom);
        Assert.Equal("x = 1\n", src.Text);
        Assert.Equal(bytes, src.ToBytes());
    }

    [Theory]
    [InlineData("a\nb\n", NewlineStyle.Lf, "\n")]
    [InlineData("a\r\nb\r\n", NewlineStyle.CrLf, "\r\n")]
    [InlineData("a\r\nb\n", NewlineStyle.Mixed, "\r\n")]
    [InlineData("a = 1", NewlineStyle.None, "\n")]
    public void Newline_style_is_detected(string text, NewlineStyle style, string newline)
    {
        var src = SourceText.From(text);
        Assert.Equal(style, src.Newline);
        Assert.Equal(newline, src.NewlineText);
    }

    [Fact]
    public void Positions_count_lines_from_one_and_columns_in_bytes()
    {
        var src = SourceText.From("ab\r\né = 1\n\tx\n");
        Assert.Equal(new LinePosition(1, 1), src.GetPosition(0));
        Assert.Equal(new LinePosition(2, 1), src.GetPosition(4));
        // 'é' is two UTF-8 bytes, so ' ' after it is byte column 3.
        Assert.Equal(new LinePosition(2, 3), src.GetPosition(6));
        Assert.Equal(new LinePosition(3, 2), src.GetPosition(src.Length - 2));
        for (int i = 0; i <= src.Length; i++)
            Assert.Equal(i, src.GetOffset(src.GetPosition(i)));
        Assert.Equal("é = 1", src.GetLineText(2));
    }

    [Fact]
    public void Invalid_utf8_is_a_typed_error_naming_the_position()
    {
        var bytes = Encoding.UTF8.GetBytes("x = 1\ny = '").Concat(new byte[] { 0xE9, (byte)'\'', (byte)'\n' }).ToArray();
        var r = SourceText.TryFrom(bytes, "latin1.py");
        Assert.Null(r.Text);
        Assert.Equal(SourceErrorKind.NotUtf8, r.Error!.Kind);
        Assert.Equal(new LinePosition(2, 6), r.Error.Position);
        Assert.StartsWith("latin1.py:2:6: file is not valid UTF-8", r.Error.ToString());
    }

    [Fact]
    public void Nul_bytes_mean_binary()
    {
        var r = SourceText.TryFrom([0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1]);
        Assert.Equal(SourceErrorKind.Binary, r.Error!.Kind);
    }

    [Fact]
    public void Files_over_the_limit_are_refused_before_decoding()
    {
        var r = SourceText.TryFrom(new byte[101], "big.py", maxBytes: 100);
        Assert.Equal(SourceErrorKind.TooLarge, r.Error!.Kind);
        Assert.Contains("over the 100-byte limit", r.Error.Message);
    }

    [Fact]
    public void FromBytes_throws_a_typed_exception_for_bad_input()
    {
        var e = Assert.Throws<SourceException>(() => SourceText.FromBytes([0xFF, 0xFE]));
        Assert.Equal(SourceErrorKind.NotUtf8, e.Error.Kind);
    }
}
