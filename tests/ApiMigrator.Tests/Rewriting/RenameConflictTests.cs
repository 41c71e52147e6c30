using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Rewriting;

/// <summary>Two rename rules for one name (a learned rule and a catalog entry): the import and the references follow the same rule.</summary>
public class RenameConflictTests
{
    private const string Learned = """
        - id: pydantic.validator-to-pydantic.field_validator
          kind: api_rename
          library: pydantic
          versions: {from: "1.10", to: "2.0"}
          match: pydantic.validator
          replace: pydantic.field_validator
          imports: [from pydantic import field_validator]
          safety: safe
          support: 4
        """;

    // Its id sorts first, so it used to take the import statement and, being unsafe, leave it alone.
    private const string Catalog = """
        - id: pydantic.validator
          kind: api_rename
          library: pydantic
          versions: {from: "1.10", to: "2.0", introduced: "2.0"}
          match: pydantic.validator
          replace: pydantic.field_validator
          safety: unsafe
        """;

    private const string Before = """
        from pydantic import BaseModel, validator


        class Range(BaseModel):
            low: int

            @validator("low")
            def non_negative(cls, v):
                return v

        """;

    private static string Rewrite(string rulesYaml, bool @unsafe = false)
    {
        var (rules, errors) = RuleFile.Parse(rulesYaml);
        Assert.Empty(errors);
        var result = Rewriter.Rewrite(SourceText.From(Before), new RuleSet(rules), new RewriteOptions { Unsafe = @unsafe });
        Assert.False(PythonParser.Parse(result.Result.Text).HasErrors);
        return result.Result.Text;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_a_safe_and_an_unsafe_rename_of_one_name_When_rewritten_Then_the_import_names_the_new_name(bool @unsafe)
    {
        // When (either order of the rule files)
        var after = Rewrite(Catalog + "\n" + Learned, @unsafe);

        // Then: the references and the import were both renamed, so field_validator is imported where it is used
        Assert.Contains("from pydantic import BaseModel, field_validator\n", after, StringComparison.Ordinal);
        Assert.Contains("@field_validator(\"low\")", after, StringComparison.Ordinal);
        Assert.Equal(after, Rewrite(Learned + "\n" + Catalog, @unsafe));
    }

    [Fact]
    public void Given_only_the_unsafe_rename_When_rewritten_without_unsafe_Then_nothing_changes()
        => Assert.Equal(Before, Rewrite(Catalog));
}
