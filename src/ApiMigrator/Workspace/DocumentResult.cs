using ApiMigrator.Diffs;

namespace ApiMigrator.Workspace;

/// <summary>
/// The outcome of migrating one document in memory. <see cref="WeakMatches"/> counts low-confidence
/// matches below the reporting floor (<see cref="MigrationSettings.MinReportedConfidence"/>): counted, not listed.
/// </summary>
internal sealed record DocumentResult(
    byte[] Original,
    byte[] Updated,
    IReadOnlyList<ChangeRecord> Changes,
    IReadOnlyList<FindingRecord> Findings,
    Skip? Skipped,
    IReadOnlyList<DiffSection> Sections,
    int WeakMatches = 0)
{
    /// <summary>True when the new bytes differ from the old.</summary>
    public bool Changed => Skipped is null && !Original.AsSpan().SequenceEqual(Updated);

    /// <summary>A skipped document: nothing changes.</summary>
    public static DocumentResult SkippedWith(byte[] original, Skip skip, IReadOnlyList<FindingRecord>? findings = null)
        => new(original, original, [], findings ?? [], skip, []);
}
