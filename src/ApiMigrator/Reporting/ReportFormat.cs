namespace ApiMigrator.Reporting;

/// <summary>The report formats.</summary>
internal enum ReportFormat
{
    /// <summary>apimig's own JSON (docs in README, "Migrate a repository").</summary>
    Json,
    /// <summary>SARIF 2.1.0, for code-scanning UIs.</summary>
    Sarif,
}
