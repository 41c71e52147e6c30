namespace ApiMigrator.Workspace;

/// <summary>What happened to a file in a run.</summary>
public enum FileStatus
{
    /// <summary>Nothing to change.</summary>
    Unchanged,
    /// <summary>Changed (written under <see cref="MigrationMode.Write"/>, would change otherwise).</summary>
    Changed,
    /// <summary>Not migrated; see <see cref="FileOutcome.Skipped"/>.</summary>
    Skipped,
}
