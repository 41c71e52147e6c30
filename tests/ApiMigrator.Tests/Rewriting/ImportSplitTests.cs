using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Rewriting;

/// <summary>A from-import of which only some names move is split: the names that stay keep the line, the moved ones follow.</summary>
public class ImportSplitTests
{
    private const string Rule = """
        - id: settings-moved
          kind: api_rename
          library: pydantic
          match: pydantic.BaseSettings
          replace: pydantic_settings.BaseSettings
        """;

    [Fact]
    public void Given_one_moved_name_before_one_staying_name_When_rewritten_Then_the_staying_import_comes_first()
    {
        var (rules, errors) = RuleFile.Parse(Rule);
        Assert.Empty(errors);
        const string before = "from pydantic import BaseSettings, Field\n\n\nclass S(BaseSettings):\n    x: int = Field(1)\n";

        var after = Rewriter.Rewrite(SourceText.From(before), new RuleSet(rules)).Result.Text;

        Assert.Equal("from pydantic import Field\nfrom pydantic_settings import BaseSettings\n\n\nclass S(BaseSettings):\n    x: int = Field(1)\n", after);
    }
}
