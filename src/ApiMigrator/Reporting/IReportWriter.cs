using ApiMigrator.Workspace;

namespace ApiMigrator.Reporting;

/// <summary>
/// A machine-readable report written as the run goes: one <see cref="Add"/> per file outcome, then
/// <see cref="Complete"/>. Writers stream, so a report over a large repository does not hold every file.
/// </summary>
public interface IReportWriter : IDisposable
{
    /// <summary>Adds one file's outcome.</summary>
    void Add(FileOutcome outcome);

    /// <summary>Writes the totals and closes the document.</summary>
    void Complete(MigrationSummary summary);
}
