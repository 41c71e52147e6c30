using System.Globalization;
using System.Text;

namespace ApiMigrator.Llm.Prompts;

/// <summary>
/// <c>rule-guided</c>: the matched rule(s) spelled out — id, description, old and new form, an example
/// before/after, the matcher's confidence — and the exact part of the site to change. This is the middle
/// tier (confidence 0.6–0.85): the rule is probably right but not sure enough to apply blindly.
/// </summary>
internal sealed class RuleGuidedStrategy() : TemplatePromptStrategy("rule-guided")
{
    /// <inheritdoc/>
    protected override void AddValues(PromptContext context, Dictionary<string, string> values)
    {
        if (context.Rules.Count == 0) throw new ArgumentException("the rule-guided strategy needs at least one matched rule", nameof(context));
        values["rules"] = string.Join("\n\n", context.Rules.Select(Describe));
        var site = context.Site;
        values["site"] = site.Target is null
            ? "Change the code as the rule describes."
            : site.Line is { } line
                ? $"Change this part (line {line.ToString(CultureInfo.InvariantCulture)}): `{site.Target}`"
                : $"Change this part: `{site.Target}`";
    }

    private static string Describe(RuleHint rule)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Rule {rule.Id} (confidence {rule.Confidence:0.00}): {rule.Description}\n")
            .Append(CultureInfo.InvariantCulture, $"Old form: {rule.Pattern}\n")
            .Append(CultureInfo.InvariantCulture, $"New form: {rule.Replacement}");
        if (rule.ExampleBefore is not null && rule.ExampleAfter is not null)
            text.Append("\nExample before:\n").Append(Fence(rule.ExampleBefore)).Append("\nExample after:\n").Append(Fence(rule.ExampleAfter));
        return text.ToString();
    }
}
