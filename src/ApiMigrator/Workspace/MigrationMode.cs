namespace ApiMigrator.Workspace;

/// <summary>What a run does with the changes it finds.</summary>
public enum MigrationMode
{
    /// <summary>Print a unified diff; change no file.</summary>
    Diff,
    /// <summary>Like <see cref="Diff"/>; the caller fails when anything would change (CI).</summary>
    Check,
    /// <summary>Write the changes in place, atomically.</summary>
    Write,
}
