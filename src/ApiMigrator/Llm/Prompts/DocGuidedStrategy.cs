namespace ApiMigrator.Llm.Prompts;

/// <summary>
/// <c>doc-guided</c>: the documented change for the pattern at this site — the official page's URL and
/// what it says (the pair's or rule's <c>source</c> and <c>note</c>). Takes <see cref="PromptContext.Docs"/>
/// and the source/note of any rule hint.
/// </summary>
internal sealed class DocGuidedStrategy() : TemplatePromptStrategy("doc-guided")
{
    /// <inheritdoc/>
    protected override void AddValues(PromptContext context, Dictionary<string, string> values)
    {
        var docs = context.Docs
            .Concat(context.Rules.Where(r => r.Source is not null || r.Note is not null).Select(r => new DocHint(r.Id, r.Source, r.Note)))
            .DistinctBy(d => (d.Source, d.Note))
            .ToList();
        if (docs.Count == 0) throw new ArgumentException("the doc-guided strategy needs at least one documented change (a doc hint, or a rule with a source or note)", nameof(context));
        values["docs"] = string.Join("\n", docs.Select(d =>
            $"- {d.Note ?? $"({d.Pattern})"}" + (d.Source is null ? "" : $"\n  Source: {d.Source}")));
    }
}
