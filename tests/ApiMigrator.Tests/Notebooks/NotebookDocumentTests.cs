using System.Text;
using System.Text.Json;
using ApiMigrator.Notebooks;

namespace ApiMigrator.Tests.Notebooks;

public class NotebookDocumentTests
{
    private static NotebookDocument Parse(string json)
    {
        var (nb, error) = NotebookDocument.TryParse(Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        return nb!;
    }

    [Fact]
    public void Given_a_notebook_When_parsing_Then_cells_sources_and_language_are_read()
    {
        var nb = Parse(Nb.Json(Nb.Markdown("# Title\n"), Nb.Code("import numpy as np\nx = 1")));

        Assert.Equal(4, nb.FormatMajor);
        Assert.Equal("python", nb.Language);
        Assert.Equal(["markdown", "code"], nb.Cells.Select(c => c.CellType));
        Assert.Equal("import numpy as np\nx = 1", nb.CodeCells.Single().Source);
        Assert.True(nb.Cells[1].IsList);
    }

    [Fact]
    public void Given_a_new_source_for_one_cell_When_splicing_Then_only_that_line_of_the_json_changes()
    {
        var json = Nb.Json(Nb.Code("import numpy as np\n"), Nb.Code("x = np.float_(1)  # caf\u00e9\ny = 2"));
        var nb = Parse(json);

        var output = Encoding.UTF8.GetString(nb.WithSources(new Dictionary<int, string> { [1] = "x = np.float64(1)  # caf\u00e9\ny = 2" }));

        Assert.Equal(json.Replace("\"x = np.float_(1)", "\"x = np.float64(1)", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Given_a_source_stored_as_one_string_When_splicing_Then_it_stays_one_string()
    {
        var json = "{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},\"outputs\":[],\"source\":\"a = 1\\nb = 2\"}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":2}";
        var nb = Parse(json);

        var output = Encoding.UTF8.GetString(nb.WithSources(new Dictionary<int, string> { [0] = "a = 1\nb = 3" }));

        Assert.Equal(json.Replace("b = 2", "b = 3", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Given_lines_added_and_removed_When_splicing_Then_unchanged_lines_keep_their_original_escapes_and_the_layout_is_copied()
    {
        var json = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"s = \\\"caf\\u00e9\\\"\\n\",\n    \"t = 1\"\n   ]\n  }\n ],\n \"nbformat\": 4\n}\n";
        var nb = Parse(json);

        var output = Encoding.UTF8.GetString(nb.WithSources(new Dictionary<int, string> { [0] = "import x\ns = \"caf\u00e9\"\nt = 2" }));

        Assert.Contains("   \"source\": [\n    \"import x\\n\",\n    \"s = \\\"caf\\u00e9\\\"\\n\",\n    \"t = 2\"\n   ]\n", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("import x\ns = \"caf\u00e9\"\nt = 2", string.Concat(doc.RootElement.GetProperty("cells")[0].GetProperty("source").EnumerateArray().Select(e => e.GetString())));
    }

    [Fact]
    public void Given_an_ascii_only_notebook_When_a_rewritten_line_has_non_ascii_text_Then_it_is_escaped()
    {
        var json = "{\"cells\":[{\"cell_type\":\"code\",\"source\":[\"a = 1\"]}],\"nbformat\":4}";
        var nb = Parse(json);

        var output = Encoding.UTF8.GetString(nb.WithSources(new Dictionary<int, string> { [0] = "a = '\u00e9'" }));

        Assert.Contains("\"a = '\\u00e9'\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_empty_source_list_When_filling_it_Then_nbformat_layout_is_used()
    {
        var json = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": []\n  }\n ],\n \"nbformat\": 4\n}\n";
        var nb = Parse(json);

        var output = Encoding.UTF8.GetString(nb.WithSources(new Dictionary<int, string> { [0] = "a = 1\n" }));

        Assert.Contains("   \"source\": [\n    \"a = 1\\n\"\n   ]\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_byte_order_mark_When_parsing_and_splicing_Then_offsets_account_for_it()
    {
        var json = "\uFEFF{\"cells\":[{\"cell_type\":\"code\",\"source\":\"a = 1\"}],\"nbformat\":4}";
        var bytes = Encoding.UTF8.GetBytes(json);
        var (nb, error) = NotebookDocument.TryParse(bytes);
        Assert.Null(error);

        var output = nb!.WithSources(new Dictionary<int, string> { [0] = "a = 2" });

        Assert.Equal(Encoding.UTF8.GetBytes(json.Replace("a = 1", "a = 2", StringComparison.Ordinal)), output);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"cells\": 3, \"nbformat\": 4}")]
    [InlineData("{\"nbformat\": 4}")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": 7}], \"nbformat\": 4}")]
    [InlineData("{\"worksheets\": [], \"cells\": [], \"nbformat\": 3}")]
    public void Given_malformed_or_old_notebooks_When_parsing_Then_an_error_is_returned_not_thrown(string json)
    {
        var (nb, error) = NotebookDocument.TryParse(Encoding.UTF8.GetBytes(json));

        Assert.Null(nb);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
