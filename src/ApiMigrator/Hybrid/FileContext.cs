using ApiMigrator.Llm;

namespace ApiMigrator.Hybrid;

/// <summary>
/// What the caller knows about a file that the rules may not: its library and versions (used when the
/// routing rule does not say, and for sites no rule matched) and documented changes for doc-guided prompts.
/// </summary>
/// <param name="Library">e.g. <c>pandas</c>.</param>
/// <param name="FromVersion">e.g. <c>1.5</c>.</param>
/// <param name="ToVersion">e.g. <c>2.0</c>.</param>
public sealed record FileContext(string Library, string FromVersion, string ToVersion)
{
    /// <summary>What to say when nothing is known (an outside dataset with only id/before/after).</summary>
    public static FileContext Unknown { get; } = new("the Python library", "(old API)", "(new API)");

    /// <summary>Documented changes that may apply to this file (doc-guided prompts).</summary>
    public IReadOnlyList<DocHint> Docs { get; init; } = [];
}
