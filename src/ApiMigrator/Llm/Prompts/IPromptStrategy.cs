namespace ApiMigrator.Llm.Prompts;

/// <summary>
/// Turns a site (and whatever hints the caller has) into a prompt. One strategy per file; each renders
/// its own versioned template (Llm/Templates/NAME.txt), and that version is recorded with every result.
/// </summary>
public interface IPromptStrategy
{
    /// <summary>The strategy's name as used on the command line and in results, e.g. <c>rule-guided</c>.</summary>
    string Name { get; }

    /// <summary>The version of the template this strategy renders (see <see cref="PromptTemplate.Version"/>).</summary>
    string TemplateVersion { get; }

    /// <summary>Builds the prompt; throws <see cref="ArgumentException"/> when the context lacks what the strategy needs.</summary>
    Prompt Build(PromptContext context);
}

/// <summary>The plumbing every strategy shares: its template and the values common to all of them.</summary>
internal abstract class TemplatePromptStrategy : IPromptStrategy
{
    private readonly PromptTemplate template;

    /// <summary>Loads the embedded template named like the strategy.</summary>
    protected TemplatePromptStrategy(string name)
    {
        template = PromptTemplate.Load(name);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string TemplateVersion => template.Version;

    /// <inheritdoc/>
    public Prompt Build(PromptContext context)
    {
        var site = context.Site;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["library"] = site.Library,
            ["from_version"] = site.FromVersion,
            ["to_version"] = site.ToVersion,
            ["imports"] = site.ImportLines.Count == 0 ? "# (no imports)" : string.Join("\n", site.ImportLines),
            ["code"] = site.Code.TrimEnd('\n', '\r'),
        };
        AddValues(context, values);
        return new Prompt(Name, TemplateVersion, template.Render(values));
    }

    /// <summary>Adds the strategy's own placeholder values.</summary>
    protected abstract void AddValues(PromptContext context, Dictionary<string, string> values);

    /// <summary>Code in a fenced block, as every template shows code.</summary>
    protected static string Fence(string code) => "```python\n" + code.TrimEnd('\n', '\r') + "\n```";
}
