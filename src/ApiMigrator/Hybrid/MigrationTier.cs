namespace ApiMigrator.Hybrid;

/// <summary>The three tiers, most certain first.</summary>
public enum MigrationTier
{
    /// <summary>The rule applied itself (confidence ≥ the direct threshold).</summary>
    Direct,
    /// <summary>The model migrated the site with the matched rule in its prompt (guided threshold ≤ confidence &lt; direct threshold).</summary>
    Guided,
    /// <summary>The model migrated the site with a plain prompt (confidence below the guided threshold, or no rule).</summary>
    Plain,
}
