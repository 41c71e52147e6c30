using ApiMigrator.Hybrid;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>
/// A migration not made, and why (manual, unsafe, low confidence, opted out …). Positions as in
/// <see cref="ChangeRecord"/>. <see cref="RuleId"/> is <c>-</c> for a file-level finding.
/// </summary>
public sealed record FindingRecord(string RuleId, FindingKind Kind, int Line, int Column, string Message, double Confidence, int? Cell = null)
{
    /// <summary>The model tiers' decision at this site, when the model was asked here (a rejected answer, or one that left the site unchanged).</summary>
    public SiteDecision? Decision { get; init; }
}
