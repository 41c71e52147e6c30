using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Rules;

namespace ApiMigrator.Hybrid;

/// <summary>Turns the rule engine's rules and matches into the text the LLM layer shows the model.</summary>
internal static class RuleHints
{
    /// <summary>The rule of a match as the rule-guided prompt shows it, with the match's confidence.</summary>
    public static RuleHint From(RuleMatch match)
    {
        var rule = match.Rule;
        return new RuleHint(rule.Id, rule.Description, rule.MatchSummary, rule.ReplaceSummary, match.Confidence)
        {
            ExampleBefore = rule.Example?.Before,
            ExampleAfter = rule.Example?.After,
            Source = rule.Source,
            Note = null,
        };
    }

    /// <summary>The documented change behind a rule (its source and description), for doc-guided prompts.</summary>
    public static DocHint? Doc(MigrationRule rule)
        => rule.Source is null && rule.Description.Length == 0
            ? null
            : new DocHint(rule.Patterns.Count > 0 ? rule.Patterns[0] : rule.Id, rule.Source, rule.Description.Length == 0 ? null : rule.Description);
}
