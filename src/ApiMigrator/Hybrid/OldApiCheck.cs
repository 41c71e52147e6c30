using System.Text;
using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Python;

namespace ApiMigrator.Hybrid;

/// <summary>
/// The hybrid's last word on a model's answer: "the rule matcher finds no old API left". The matcher runs
/// with the same rules over the snippet the verifier hands it (module imports, new imports, migrated code);
/// only matches in the answer's own lines count — the module's import lines are context, not the answer.
/// </summary>
internal static class OldApiCheck
{
    /// <summary>
    /// Guided tier: the answer is rejected while any of <paramref name="routingRuleIds"/> (the rules that
    /// routed the site) still matches it, at any confidence.
    /// </summary>
    public static Func<string, string?> RoutingRulesGone(RuleSet rules, IReadOnlyCollection<string> routingRuleIds, MigrationSite site)
        => snippet => Describe(Left(rules, snippet, site).FirstOrDefault(m => routingRuleIds.Contains(m.Rule.Id)));

    /// <summary>
    /// Plain tier: the answer is rejected while any rule matches it at or above <paramref name="directThreshold"/> —
    /// old API the rules know for certain. Weaker matches may stay: the model may rightly leave a look-alike alone.
    /// </summary>
    public static Func<string, string?> NoConfidentMatch(RuleSet rules, double directThreshold, MigrationSite site)
        => snippet => Describe(Left(rules, snippet, site).FirstOrDefault(m => m.Confidence >= directThreshold && m.Rule.Safety != Rules.Safety.Manual));

    private static IEnumerable<RuleMatch> Left(RuleSet rules, string snippet, MigrationSite site)
    {
        var tree = PythonParser.Parse(snippet);
        // The verifier has already parsed the code alone; a snippet that does not parse with the imports is not judged here.
        if (tree.HasErrors) return [];
        int answerStart = site.ImportLines.Count == 0 ? 0 : Encoding.UTF8.GetByteCount(string.Join("\n", site.ImportLines)) + 1;
        return Matcher.FindMatches(rules, ModuleScope.Build(tree)).Where(m => m.Node.StartByte >= answerStart);
    }

    private static string? Describe(RuleMatch? m)
        => m is null ? null : $"the old API is still used: rule {m.Rule.Id} still matches `{Shorten(m.Node.Text)}`";

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 80 ? line[..80] + "…" : line;
    }
}
