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

/// <summary>The report formats.</summary>
public enum ReportFormat
{
    /// <summary>apimig's own JSON (docs in README, "Migrate a repository").</summary>
    Json,
    /// <summary>SARIF 2.1.0, for code-scanning UIs.</summary>
    Sarif,
}
