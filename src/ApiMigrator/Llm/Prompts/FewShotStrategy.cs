using ApiMigrator.Data;

namespace ApiMigrator.Llm.Prompts;

/// <summary>
/// <c>few-shot</c>: the zero-shot task preceded by the <see cref="K"/> training pairs of the same library
/// whose code is most similar to the site (BM25 over code tokens; there is no embedding model here).
/// Build the retriever over training pairs only, so a test pair never shows up as its own example.
/// </summary>
internal sealed class FewShotStrategy : TemplatePromptStrategy
{
    private readonly Bm25Retriever retriever;

    /// <summary>A few-shot strategy that shows <paramref name="k"/> examples (e.g. 3).</summary>
    public FewShotStrategy(Bm25Retriever retriever, int k = 3) : base("few-shot")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        this.retriever = retriever;
        K = k;
    }

    /// <summary>How many examples a prompt shows.</summary>
    public int K { get; }

    /// <inheritdoc/>
    protected override void AddValues(PromptContext context, Dictionary<string, string> values)
    {
        var site = context.Site;
        var examples = retriever.Search(site.Code, K, site.Library);
        values["examples"] = examples.Count == 0
            ? "(no examples available)"
            : string.Join("\n\n", examples.Select((e, i) => Example(i + 1, e.Pair)));
    }

    private static string Example(int number, MigrationPair pair)
        => $"Example {number}:\nBefore:\n{Fence(pair.Before)}\nAfter:\n{Fence(pair.After)}";
}
