namespace ApiMigrator.Llm.Prompts;

/// <summary><c>zero-shot</c>: the task, the library and versions, and the code — the baseline the others are compared with.</summary>
internal sealed class ZeroShotStrategy() : TemplatePromptStrategy("zero-shot")
{
    /// <inheritdoc/>
    protected override void AddValues(PromptContext context, Dictionary<string, string> values) { }
}
