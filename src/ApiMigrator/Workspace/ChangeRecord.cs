using ApiMigrator.Hybrid;
using ApiMigrator.Rules;

namespace ApiMigrator.Workspace;

/// <summary>
/// A change made (or that would be made). Line and column are 1-based; the column counts characters
/// (UTF-16 code units, as editors and SARIF do). In a notebook, <see cref="Cell"/> is the 1-based cell
/// number and the line is counted within that cell.
/// </summary>
public sealed record ChangeRecord(string RuleId, RuleKind Kind, int Line, int Column, double Confidence, int? Cell = null)
{
    /// <summary>
    /// Which tier decided, and why (tier, rules, confidence, strategy, prompt hash …); set only when the run has a model
    /// (<see cref="MigrationSettings.Model"/>), for direct-tier changes too. Its own line counts in the text the tier saw.
    /// </summary>
    public SiteDecision? Decision { get; init; }
}
