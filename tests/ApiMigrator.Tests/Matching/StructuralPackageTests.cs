using ApiMigrator.Matching;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Matching;

/// <summary>
/// A library's rule whose pattern names nothing and constrains nothing (a learned <c>$1($2, name=$3)</c>) matches
/// by shape alone; that shape is everyone's code, so it counts only in a file that imports the library — and the
/// prefilter, which must never drop a file the matcher would match, asks the same.
/// </summary>
public class StructuralPackageTests
{
    private const string Rule = """
        - id: sqlalchemy.name-shape
          library: sqlalchemy
          kind: parameter
          match: $1($2, name=$3)
          replace: $1($2, key=$3)
          support: 3
        """;

    private const string StdlibRule = """
        - id: setDaemon
          kind: syntax
          library: stdlib
          match: $t.setDaemon($v)
          replace: $t.daemon = $v
        """;

    [Fact]
    public void A_shape_only_library_rule_does_not_match_where_the_library_is_not_imported()
    {
        MatchingHarness.AssertNoMatch(Rule, "logging.getLogger(x, name='a')\n");
        Assert.False(MayApply(Rule, "logging.getLogger(x, name='a')\n"));
    }

    [Theory]
    [InlineData("import sqlalchemy as sa\nc = Column(x, name='a')\n")]
    [InlineData("from sqlalchemy import Column\nc = Column(x, name='a')\n")]
    [InlineData("from sqlalchemy.orm import relationship\nc = Column(x, name='a')\n")]
    public void It_matches_structurally_where_the_library_is_imported(string code)
    {
        var m = MatchingHarness.AssertSingleMatch(Rule, code, "Column(x, name='a')");
        Assert.Contains("structural match only", m.Evidence);
        Assert.True(MayApply(Rule, code));
    }

    [Fact]
    public void Standard_library_and_named_rules_keep_matching_by_shape_anywhere()
    {
        var (rules, _) = RuleFile.Parse(StdlibRule);
        Assert.Null(Assert.Single(rules).StructuralPackage);
        MatchingHarness.AssertSingleMatch(StdlibRule, "t.setDaemon(True)\n", "t.setDaemon(True)");
        var (named, _) = RuleFile.Parse("""
            - id: numpy.float_
              library: numpy
              kind: api_rename
              match: numpy.float_
              replace: numpy.float64
            """);
        Assert.Null(Assert.Single(named).StructuralPackage);
    }

    private static bool MayApply(string yaml, string text) => PrefilterTests.MayApply(PrefilterTests.Rules(yaml), text);
}
