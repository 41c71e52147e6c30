using ApiMigrator.Hybrid;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

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

/// <summary>Why a file was not migrated at all. Such a file is never modified.</summary>
public enum SkipReason
{
    /// <summary>Not valid UTF-8.</summary>
    NotUtf8,
    /// <summary>Contains NUL bytes.</summary>
    Binary,
    /// <summary>Over the size limit.</summary>
    TooLarge,
    /// <summary>Does not parse as Python.</summary>
    SyntaxError,
    /// <summary>Could not be read.</summary>
    Unreadable,
    /// <summary>Nests deeper than the engine walks.</summary>
    TooDeep,
    /// <summary>A FIFO, device or socket: never opened.</summary>
    NotRegularFile,
    /// <summary>Processing the file failed inside the engine (a bug): it was left unchanged and the run went on.</summary>
    InternalError,
    /// <summary>A .ipynb file that is not a readable nbformat 4 notebook.</summary>
    InvalidNotebook,
    /// <summary>A notebook whose kernel is not Python.</summary>
    NotPython,
    /// <summary>The file changed on disk while it was being migrated; the change was not written.</summary>
    ChangedOnDisk,
    /// <summary>Writing the change failed (permissions, disk full); the file is as it was.</summary>
    WriteFailed,
    /// <summary>The run was interrupted while the file waited on the model; the file is as it was.</summary>
    Interrupted,
}

/// <summary>A skipped file's reason, with the position of the problem when there is one.</summary>
public sealed record Skip(SkipReason Reason, string Message, int? Line = null, int? Column = null)
{
    /// <summary>The reason in words, for summaries (<c>syntax error</c>, <c>not UTF-8</c> …).</summary>
    public string ReasonText => Describe(Reason);

    /// <summary>A reason in words.</summary>
    public static string Describe(SkipReason reason) => reason switch
    {
        SkipReason.NotUtf8 => "not UTF-8",
        SkipReason.Binary => "binary",
        SkipReason.TooLarge => "too large",
        SkipReason.SyntaxError => "syntax error",
        SkipReason.Unreadable => "unreadable",
        SkipReason.TooDeep => "too deep",
        SkipReason.NotRegularFile => "not a regular file",
        SkipReason.InternalError => "internal error",
        SkipReason.InvalidNotebook => "invalid notebook",
        SkipReason.NotPython => "not a Python notebook",
        SkipReason.ChangedOnDisk => "changed on disk during the run",
        SkipReason.WriteFailed => "could not be written",
        SkipReason.Interrupted => "interrupted",
        _ => reason.ToString(),
    };
}

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

/// <summary>
/// A migration not made, and why (manual, unsafe, low confidence, opted out …). Positions as in
/// <see cref="ChangeRecord"/>. <see cref="RuleId"/> is <c>-</c> for a file-level finding.
/// </summary>
public sealed record FindingRecord(string RuleId, FindingKind Kind, int Line, int Column, string Message, double Confidence, int? Cell = null)
{
    /// <summary>The model tiers' decision at this site, when the model was asked here (a rejected answer, or one that left the site unchanged).</summary>
    public SiteDecision? Decision { get; init; }
}

/// <summary>One piece of a diff: the whole file, or one notebook cell (<see cref="Cell"/> 1-based).</summary>
public sealed record DiffSection(int? Cell, string OldText, string NewText);

/// <summary>
/// The outcome of migrating one document in memory. <see cref="WeakMatches"/> counts low-confidence
/// matches below the reporting floor (<see cref="MigrationSettings.MinReportedConfidence"/>): counted, not listed.
/// </summary>
public sealed record DocumentResult(
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
