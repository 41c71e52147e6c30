using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>Settings for a migration run.</summary>
public sealed record MigrationSettings
{
    /// <summary>The rules to apply.</summary>
    public required RuleSet Rules { get; init; }

    /// <summary>Confidence threshold and whether unsafe rules apply.</summary>
    public RewriteOptions Rewrite { get; init; } = new();

    /// <summary>Diff, check or write.</summary>
    public MigrationMode Mode { get; init; } = MigrationMode.Diff;

    /// <summary>Python files over this size are skipped unread.</summary>
    public int MaxFileBytes { get; init; } = SourceText.DefaultMaxBytes;

    /// <summary>Notebooks over this size are skipped unread (their outputs can be large; only code cells are parsed).</summary>
    public int MaxNotebookBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Files migrated at once; all cores by default.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Paths under this folder are shown relative to it; the current folder by default.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>
    /// Low-confidence matches below this are counted but not listed: a rule's pattern that fits but with
    /// no evidence (a list's <c>.append</c> for pandas' <c>DataFrame.append</c>) is noise in a report.
    /// </summary>
    public double MinReportedConfidence { get; init; } = DefaultMinReportedConfidence;

    /// <summary>The default of <see cref="MinReportedConfidence"/>.</summary>
    public const double DefaultMinReportedConfidence = 0.5;

    /// <summary>Lines of context around each diff hunk.</summary>
    public int DiffContext { get; init; } = 3;

    /// <summary>
    /// The model tiers (<c>apimig migrate --llm-*</c>); null: the rules alone, the direct tier only. With a model the
    /// direct threshold is still <see cref="RewriteOptions.MinConfidence"/> of <see cref="Rewrite"/>.
    /// </summary>
    public ModelTiers? Model { get; init; }

    /// <summary>
    /// Files in flight at once: <see cref="Parallelism"/>, plus the model's concurrency when there is a model, so that
    /// files waiting on the model do not leave the cores idle. It bounds memory either way.
    /// </summary>
    public int FilesInFlight => Math.Max(1, Parallelism) + (Model is { } m ? Math.Max(1, m.Concurrency) : 0);

    /// <summary>
    /// The settings of one file, from its project's configuration and target versions
    /// (<see cref="Configuration.ProjectSettings.For"/>); null: these settings for every file.
    /// </summary>
    public Func<string, MigrationSettings>? FileSettings { get; init; }

    /// <summary>The settings <paramref name="path"/> is migrated with.</summary>
    public MigrationSettings For(string path) => FileSettings is { } f ? f(path) : this;
}
