namespace ApiMigrator.Llm.Prompts;

/// <summary>The registry of prompt strategies: every strategy is listed here, by name.</summary>
internal static class PromptStrategies
{
    /// <summary>The strategy names, in the order experiments report them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zero-shot", "few-shot", "rule-guided", "doc-guided"];

    /// <summary>
    /// The strategy of that name. <c>few-shot</c> needs a <paramref name="retriever"/> over training pairs
    /// and shows <paramref name="k"/> examples.
    /// </summary>
    public static IPromptStrategy Create(string name, Bm25Retriever? retriever = null, int k = 3) => name switch
    {
        "zero-shot" => new ZeroShotStrategy(),
        "few-shot" => new FewShotStrategy(retriever ?? throw new ArgumentException("the few-shot strategy needs a retriever over training pairs", nameof(retriever)), k),
        "rule-guided" => new RuleGuidedStrategy(),
        "doc-guided" => new DocGuidedStrategy(),
        _ => throw new ArgumentException($"unknown prompt strategy '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };
}
