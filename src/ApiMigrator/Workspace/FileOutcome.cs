namespace ApiMigrator.Workspace;

/// <summary>The outcome for one file of a run, as the report and the summary see it (no syntax trees, no file contents).</summary>
/// <param name="Path">Absolute path (or the stdin name).</param>
/// <param name="DisplayPath">The path as shown to the user: relative to the base folder when under it, with '/' separators.</param>
/// <param name="Status">What happened.</param>
/// <param name="Changes">Changes made or that would be made.</param>
/// <param name="Findings">Migrations not made, and why.</param>
/// <param name="Skipped">Why the file was not migrated, when it was not.</param>
/// <param name="Diff">The unified diff of the change (diff and check modes), or null.</param>
/// <param name="WeakMatches">Low-confidence matches below the reporting floor: counted, not listed.</param>
public sealed record FileOutcome(
    string Path,
    string DisplayPath,
    FileStatus Status,
    IReadOnlyList<ChangeRecord> Changes,
    IReadOnlyList<FindingRecord> Findings,
    Skip? Skipped,
    string? Diff,
    int WeakMatches = 0);
