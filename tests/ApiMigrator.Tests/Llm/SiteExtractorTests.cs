using ApiMigrator.Llm;
using ApiMigrator.Python;

namespace ApiMigrator.Tests.Llm;

public class SiteExtractorTests
{
    private const string File = """
        import pandas as pd
        from os import path


        def load_all(paths):
            result = pd.DataFrame()
            for p in paths:
                result = result.append(
                    pd.read_csv(p),
                    ignore_index=True,
                )
            return result
        """;

    private static MigrationSite Extract(string source, string target)
    {
        var tree = PythonParser.Parse(source);
        int start = source.IndexOf(target, StringComparison.Ordinal);
        return SiteExtractor.Extract(tree, start, start + target.Length, "pandas", "1.5", "2.0");
    }

    [Fact]
    public void The_site_is_the_smallest_statement_dedented_with_the_module_imports()
    {
        var site = Extract(File, "result.append(");

        Assert.Equal("result = result.append(\n    pd.read_csv(p),\n    ignore_index=True,\n)", site.Code);
        Assert.Equal("        ", site.Indent);
        Assert.Equal(["import pandas as pd", "from os import path"], site.ImportLines);
        Assert.Equal("result.append(", site.Target);
        Assert.Equal(8, site.Line);
        Assert.Equal(("pandas", "1.5", "2.0"), (site.Library, site.FromVersion, site.ToVersion));
        Assert.False(PythonParser.Parse(site.Code).HasErrors);
    }

    [Fact]
    public void Reindenting_the_site_code_restores_the_statement_bytes()
    {
        var site = Extract(File, "result.append(");

        Assert.Equal(File[site.StartByte..site.EndByte], site.Reindent(site.Code));
    }

    [Fact]
    public void Lines_inside_a_multi_line_string_keep_their_spaces()
    {
        const string source = "def f():\n    x = call(\"\"\"\n    kept as is\n\"\"\")\n";
        var site = Extract(source, "call(");

        Assert.Equal("x = call(\"\"\"\n    kept as is\n\"\"\")", site.Code);
        Assert.Equal(source[site.StartByte..site.EndByte], site.Reindent(site.Code));
    }

    [Fact]
    public void A_site_in_a_compound_header_takes_the_whole_compound_statement()
    {
        var site = Extract("import numpy as np\nif np.float_(x):\n    pass\n", "np.float_");

        Assert.Equal("if np.float_(x):\n    pass", site.Code);
    }

    [Fact]
    public void A_range_outside_the_file_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => SiteExtractor.Extract(PythonParser.Parse("x = 1\n"), 3, 99, "l", "1", "2"));
}
