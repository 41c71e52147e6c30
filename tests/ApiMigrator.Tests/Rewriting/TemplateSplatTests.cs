using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Rewriting;

/// <summary>A template's <c>$*rest</c> placed after a keyword: the positional arguments it carries go before the keyword.</summary>
public class TemplateSplatTests
{
    private const string Rule = """
        - id: hide
          kind: parameter
          library: pandas
          match: '$styler.hide_index($*args)'
          replace: '$styler.hide(axis="index", $*args)'
          where: {styler: [pandas.io.formats.style.Styler]}
        """;

    private static string Rewrite(string line)
    {
        var (rules, errors) = RuleFile.Parse(Rule);
        Assert.Empty(errors);
        var code = "import pandas as pd\n\n" + line + "\n";
        var result = Rewriter.Rewrite(SourceText.From(code), new RuleSet(rules)).Result.Text;
        Assert.False(PythonParser.Parse(result).HasErrors);
        return result["import pandas as pd\n\n".Length..].TrimEnd('\n');
    }

    [Theory]
    [InlineData("s = pd.DataFrame(d).style.hide_index()", "s = pd.DataFrame(d).style.hide(axis=\"index\")")]
    [InlineData("s = pd.DataFrame(d).style.hide_index(names=True)", "s = pd.DataFrame(d).style.hide(axis=\"index\", names=True)")]
    [InlineData("s = pd.DataFrame(d).style.hide_index([\"a\"])", "s = pd.DataFrame(d).style.hide([\"a\"], axis=\"index\")")]
    [InlineData("s = pd.DataFrame(d).style.hide_index([\"a\"], names=True)", "s = pd.DataFrame(d).style.hide([\"a\"], axis=\"index\", names=True)")]
    [InlineData("s = pd.DataFrame(d).style.hide_index(*cols)", "s = pd.DataFrame(d).style.hide(axis=\"index\", *cols)")]
    public void Given_a_keyword_before_the_splat_When_rewritten_Then_no_positional_argument_follows_a_keyword(string before, string after)
        => Assert.Equal(after, Rewrite(before));
}
