using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Matching;

public class MatcherTypeTests
{
    private static IReadOnlyList<RuleMatch> Matches(string rulesYaml, string code)
    {
        var (rules, errors) = RuleFile.Parse(rulesYaml);
        Assert.Empty(errors);
        return Matcher.FindMatches(new RuleSet(rules), ModuleScope.Build(PythonParser.Parse(code)));
    }

    private const string Week = """
        - id: week
          kind: api_rename
          library: pandas
          match: $d.week
          replace: $d.isocalendar().week
        """;

    [Fact]
    public void A_rule_does_not_match_code_already_in_its_replacement_form()
    {
        // Given a rule whose replacement contains its own pattern, with no type constraint
        // When it meets code already on the new API
        var matches = Matches(Week, "import pandas as pd\nw = s.dt.isocalendar().week\n");

        // Then it does not match (else it would grow isocalendar().isocalendar()…)
        Assert.Empty(matches);
    }

    [Fact]
    public void The_same_rule_still_matches_the_old_spelling()
    {
        var m = Assert.Single(Matches(Week, "import pandas as pd\nw = s.dt.week\n"));
        Assert.Equal("s.dt.week", m.Node.Text);
    }

    [Fact]
    public void A_rule_whose_replacement_wraps_its_pattern_deeper_does_not_match_inside_it()
    {
        const string rule = """
            - id: delete
              kind: api_rename
              library: sqlalchemy
              match: $t.delete
              replace: $t.delete().where
            """;
        // (The file imports the library: a rule that names nothing matches by shape only there.)
        Assert.Empty(Matches(rule, "import sqlalchemy as sa\nq = users.delete().where(users.c.id == 5)\n"));
        Assert.Single(Matches(rule, "import sqlalchemy as sa\nq = users.delete(users.c.id == 5)\n"));
    }

    [Fact]
    public void An_absent_keyword_present_in_the_call_prevents_the_match()
    {
        const string rule = """
            - id: asarray
              kind: parameter
              library: numpy
              match: numpy.array($x, copy=False, $*rest)
              replace: numpy.asarray($x, $*rest)
              absent: [ndmin]
            """;
        const string imports = "import numpy as np\n";
        Assert.Empty(Matches(rule, imports + "a = np.array(x, copy=False, ndmin=1)\n"));
        Assert.Empty(Matches(rule, imports + "a = np.array(x, copy=False, **kw)\n"));
        Assert.Single(Matches(rule, imports + "a = np.array(x, copy=False, dtype=float)\n"));
    }

    [Fact]
    public void A_rest_of_arguments_carried_into_a_function_must_be_parameters_it_accepts()
    {
        // Given a learned-style rule with no stated constraint: the type table knows np.asarray's parameters
        const string rule = """
            - id: asarray-learned
              kind: parameter
              library: numpy
              match: numpy.array($1, copy=False, $*rest)
              replace: numpy.asarray($1, $*rest)
            """;
        const string imports = "import numpy as np\n";
        Assert.Empty(Matches(rule, imports + "a = np.array(x, copy=False, subok=True)\n"));
        Assert.Empty(Matches(rule, imports + "a = np.array(x, dtype=float, copy=False, ndmin=1)\n"));
        Assert.Single(Matches(rule, imports + "a = np.array(x, copy=False, dtype=float)\n"));
    }

    [Fact]
    public void A_typed_rule_names_the_receiver_type_in_its_evidence()
    {
        const string rule = """
            - id: pad
              kind: api_rename
              library: pandas
              match: $df.pad
              replace: $df.ffill
              where: {df: [pandas.DataFrame, pandas.Series]}
            """;
        var m = Assert.Single(Matches(rule, "import pandas as pd\ndf = pd.read_csv('x')\ndf.pad()\ns = pd.Series(['a'])\ns.str.pad(5)\n"));
        Assert.Contains(m.Evidence, e => e.Contains("pandas.DataFrame", StringComparison.Ordinal));
        Assert.Equal(0.95, m.Confidence, 6);
    }
}
