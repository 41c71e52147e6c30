using ApiMigrator.Llm;
using ApiMigrator.Matching;

namespace ApiMigrator.Hybrid;

/// <summary>A site the model is to migrate, before it is asked (<see cref="SitePlanner"/>).</summary>
internal sealed record PlannedSite(MigrationTier Tier, MigrationSite Site, IReadOnlyList<RuleMatch> Matches, string Route)
{
    /// <summary>1-based byte column of the best match (0: none).</summary>
    public int Column { get; init; }

    /// <summary>The strategy to use; null: rule-guided for the guided tier, the plain strategy otherwise.</summary>
    public string? Strategy { get; init; }

    /// <summary>Overrides the tier's check (the strategy-alone experiments).</summary>
    public Func<RuleSet, HybridOptions, Func<string, string?>?>? Check { get; init; }

    /// <summary>Identifies <see cref="Check"/> in the memo key.</summary>
    public string? CheckKey { get; init; }

    /// <summary>Documented changes for a doc-guided prompt.</summary>
    public IReadOnlyList<DocHint> Docs { get; init; } = [];
}
