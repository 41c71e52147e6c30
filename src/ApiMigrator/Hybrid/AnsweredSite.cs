namespace ApiMigrator.Hybrid;

/// <summary>A planned site with the model's decision (not yet spliced in).</summary>
internal sealed record AnsweredSite(PlannedSite Planned, SiteDecision Decision);
