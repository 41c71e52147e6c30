using System.Globalization;

namespace ApiMigrator.Workspace;

/// <summary>
/// The line before a run's diff that says which tier made a change, and why: <c># apimig: path[:cell N]:line:col: guided RULE
/// (confidence 0.71, rule-guided 1+3fa9c2d1, prompt 5e0c…, model NAME)</c>. The <c>#</c> line is text around the patch to
/// <c>patch</c> and <c>git apply</c>, so the diff still applies.
/// </summary>
internal static class DecisionLine
{
    /// <summary>The decision line of <paramref name="change"/> in the file shown as <paramref name="displayPath"/>.</summary>
    public static string For(string displayPath, ChangeRecord change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var d = change.Decision;
        var cell = change.Cell is { } c ? $":cell {c}" : "";
        var details = new List<string>();
        var confidence = d?.Confidence ?? change.Confidence;
        details.Add("confidence " + confidence.ToString("0.00", CultureInfo.InvariantCulture));
        if (d?.Strategy is { } strategy) details.Add(d.TemplateVersion is { } v ? $"{strategy} {v}" : strategy);
        if (d?.PromptHash is { Length: > 0 } hash) details.Add($"prompt {hash[..Math.Min(12, hash.Length)]}");
        if (d?.ModelId is { } model) details.Add($"model {model}");
        if (d?.FromCache == true) details.Add("cached answer");
        var rules = d is { RuleIds.Count: > 0 } ? string.Join(",", d.RuleIds) : change.RuleId;
        // The tier's name as reports spell it (Reporting's ReportNames: direct, guided, plain).
        var tier = d is null ? "direct" : d.Tier.ToString().ToLowerInvariant();
        return $"# apimig: {displayPath}{cell}:{change.Line}:{change.Column}: {tier} {rules} ({string.Join(", ", details)})";
    }
}
