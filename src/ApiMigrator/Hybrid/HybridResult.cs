using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Hybrid;

/// <summary>The hybrid's outcome for one file.</summary>
/// <param name="Original">The input.</param>
/// <param name="Result">The migrated text (the input when nothing was applied or the file was refused).</param>
/// <param name="Decisions">One per site, in the order the tiers decided (direct first, then the model's sites in document order).</param>
/// <param name="Findings">What the direct tier reported (low confidence, manual, cannot rewrite …).</param>
/// <param name="Refused">Set when the file does not parse; nothing was tried.</param>
public sealed record HybridResult(
    SourceText Original, SourceText Result, IReadOnlyList<SiteDecision> Decisions, IReadOnlyList<Finding> Findings, SourceError? Refused)
{
    /// <summary>True when the output differs from the input.</summary>
    public bool Changed => Refused is null && !Original.Content.SequenceEqual(Result.Content);

    /// <summary>
    /// The direct tier's own result (its changes, findings and text, which is what the model tiers saw and what
    /// <see cref="SiteDecision.SiteStartByte"/> counts in); null when the direct tier was off or the file was refused.
    /// </summary>
    public FileRewriteResult? DirectTier { get; init; }
}
