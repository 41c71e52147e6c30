using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Matching;

/// <summary>Runs one YAML rule over one Python snippet, the way <see cref="Matcher"/> runs it over a file.</summary>
internal static class MatchingHarness
{
    /// <summary>Every match of the rules in <paramref name="rulesYaml"/> in <paramref name="code"/>, import sites included.</summary>
    public static IReadOnlyList<RuleMatch> AllMatches(string rulesYaml, string code)
    {
        var (rules, errors) = RuleFile.Parse(rulesYaml);
        Assert.Empty(errors);
        Assert.False(PythonParser.Parse(code).HasErrors, "a test snippet must parse: " + code);
        return Matcher.FindMatches(new RuleSet(rules), ModuleScope.Build(PythonParser.Parse(code)));
    }

    /// <summary>The matches in code (not at import statements).</summary>
    public static IReadOnlyList<RuleMatch> CodeMatches(string rulesYaml, string code)
        => [.. AllMatches(rulesYaml, code).Where(m => !m.IsImportSite)];

    /// <summary>Asserts exactly one match in code, on <paramref name="matchedText"/>, and returns it.</summary>
    public static RuleMatch AssertSingleMatch(string rulesYaml, string code, string matchedText)
    {
        var matches = CodeMatches(rulesYaml, code);
        var m = Assert.Single(matches);
        Assert.Equal(matchedText, m.Node.Text);
        return m;
    }

    /// <summary>Asserts that nothing in code matches.</summary>
    public static void AssertNoMatch(string rulesYaml, string code)
    {
        var matches = CodeMatches(rulesYaml, code);
        Assert.True(matches.Count == 0,
            $"expected no match, got: {string.Join("; ", matches.Select(m => $"'{m.Node.Text}' at {m.Line}:{m.Column} ({m.Confidence:0.###})"))}");
    }
}
