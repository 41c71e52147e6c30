using ApiMigrator.Hybrid;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>Totals of a run, built from its outcomes one at a time (it keeps counts, and the skipped files' reasons).</summary>
public sealed class MigrationSummary
{
    private readonly SortedDictionary<string, int> changesByRule = new(StringComparer.Ordinal);
    private readonly SortedDictionary<FindingKind, int> findingsByKind = [];
    private readonly SortedDictionary<SkipReason, int> skippedByReason = [];
    private readonly List<(string Path, Skip Skip)> skippedFiles = [];
    private readonly SortedDictionary<MigrationTier, int> changesByTier = [];

    /// <summary>Whether the run has a model, so that changes are counted per tier (<see cref="ChangesByTier"/>).</summary>
    public bool CountsTiers { get; init; }

    /// <summary>Changes per tier — direct, guided, plain, each present — when <see cref="CountsTiers"/>; empty otherwise.</summary>
    public IReadOnlyDictionary<MigrationTier, int> ChangesByTier
        => CountsTiers ? Enum.GetValues<MigrationTier>().ToDictionary(t => t, t => changesByTier.GetValueOrDefault(t)) : new Dictionary<MigrationTier, int>();

    /// <summary>Files looked at.</summary>
    public int FilesScanned { get; private set; }

    /// <summary>Files changed (or that would change).</summary>
    public int FilesChanged { get; private set; }

    /// <summary>Files with nothing to change.</summary>
    public int FilesUnchanged { get; private set; }

    /// <summary>Files not migrated (see <see cref="SkippedFiles"/>).</summary>
    public int FilesSkipped { get; private set; }

    /// <summary>Changes made (or that would be made).</summary>
    public int Changes { get; private set; }

    /// <summary>Findings (migrations not made), opted-out ones included.</summary>
    public int Findings { get; private set; }

    /// <summary>Low-confidence matches below the reporting floor (counted, not listed).</summary>
    public int WeakMatches { get; private set; }

    /// <summary>Changes per rule id, sorted by id.</summary>
    public IReadOnlyDictionary<string, int> ChangesByRule => changesByRule;

    /// <summary>Findings per kind.</summary>
    public IReadOnlyDictionary<FindingKind, int> FindingsByKind => findingsByKind;

    /// <summary>Skipped files per reason.</summary>
    public IReadOnlyDictionary<SkipReason, int> SkippedByReason => skippedByReason;

    /// <summary>Every skipped file with its reason, in run order.</summary>
    public IReadOnlyList<(string Path, Skip Skip)> SkippedFiles => skippedFiles;

    /// <summary>Counts one file's outcome.</summary>
    public void Add(FileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        FilesScanned++;
        WeakMatches += outcome.WeakMatches;
        switch (outcome.Status)
        {
            case FileStatus.Changed: FilesChanged++; break;
            case FileStatus.Unchanged: FilesUnchanged++; break;
            default: FilesSkipped++; break;
        }
        foreach (var c in outcome.Changes)
        {
            Changes++;
            changesByRule[c.RuleId] = changesByRule.GetValueOrDefault(c.RuleId) + 1;
            if (c.Decision is { } d) changesByTier[d.Tier] = changesByTier.GetValueOrDefault(d.Tier) + 1;
        }
        foreach (var f in outcome.Findings)
        {
            Findings++;
            findingsByKind[f.Kind] = findingsByKind.GetValueOrDefault(f.Kind) + 1;
        }
        if (outcome.Skipped is { } skip)
        {
            skippedByReason[skip.Reason] = skippedByReason.GetValueOrDefault(skip.Reason) + 1;
            skippedFiles.Add((outcome.DisplayPath, skip));
        }
    }
}
