using ApiMigrator.Hybrid;
using ApiMigrator.Matching;
using ApiMigrator.Notebooks;
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

/// <summary>
/// The model tiers of a run. The run's settings decide the rest of the hybrid's options: the direct threshold is
/// <see cref="RewriteOptions.MinConfidence"/> and <c>--unsafe</c> is <see cref="RewriteOptions.Unsafe"/>; matches below the
/// reporting floor (<see cref="MigrationSettings.MinReportedConfidence"/>) and unsafe rules' matches without <c>--unsafe</c> never
/// reach the model; a file is never sent whole; an answer that leaves its site as it was is not spliced in.
/// </summary>
/// <param name="Hybrid">The three tiers over a configured model.</param>
/// <param name="Options">The guided threshold and the plain tier's strategy (the other options are set from the run's settings).</param>
public sealed record ModelTiers(HybridMigrator Hybrid, HybridOptions Options)
{
    /// <summary>What to tell the model when the routing rule names no library or versions.</summary>
    public FileContext Context { get; init; } = FileContext.Unknown;

    /// <summary>Requests the model takes at once (<see cref="Llm.LlmOptions.MaxConcurrency"/>; 1 for a local model).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>The hybrid's options for a run with <paramref name="settings"/>.</summary>
    public HybridOptions For(MigrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Options with
        {
            MinConfidence = settings.Rewrite.MinConfidence,
            GuidedThreshold = Math.Min(Options.GuidedThreshold, settings.Rewrite.MinConfidence),
            Unsafe = settings.Rewrite.Unsafe,
            ApplyRulesDirectly = true,
            WholeSnippetWhenNoMatch = false,
            MinModelConfidence = settings.MinReportedConfidence,
            UnsafeMatchesToModel = false,
            SpliceUnchangedAnswers = false,
        };
    }
}

/// <summary>
/// Migrates one document in memory — a Python file or a notebook — and never throws for bad input:
/// non-UTF-8, binary, too large and unparsable files come back skipped with a reason and their bytes
/// untouched. No file I/O here; <see cref="WorkspaceMigrator"/> reads and writes.
/// </summary>
public static class DocumentMigrator
{
    /// <summary>True when the path names a Jupyter notebook.</summary>
    public static bool IsNotebook(string path) => path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Migrates <paramref name="bytes"/> (a notebook when <paramref name="path"/> ends in .ipynb). With the rules alone this
    /// completes synchronously; with a model (<see cref="MigrationSettings.Model"/>) prefer <see cref="MigrateAsync"/>.
    /// </summary>
    public static DocumentResult Migrate(byte[] bytes, string path, MigrationSettings settings)
        => MigrateAsync(bytes, path, settings, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Migrates <paramref name="bytes"/>, waiting on the model without holding a thread when there is one.</summary>
    public static async Task<DocumentResult> MigrateAsync(byte[] bytes, string path, MigrationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = await MigrateAllAsync(bytes, path, settings, cancellationToken).ConfigureAwait(false);
        int weak = result.Findings.Count(IsWeak);
        return weak == 0 ? result : result with { Findings = [.. result.Findings.Where(f => !IsWeak(f))], WeakMatches = weak };

        bool IsWeak(FindingRecord f) => f.Kind == FindingKind.LowConfidence && f.Confidence < settings.MinReportedConfidence;
    }

    private static async Task<DocumentResult> MigrateAllAsync(byte[] bytes, string path, MigrationSettings settings, CancellationToken cancellationToken)
    {
        if (IsNotebook(path))
        {
            if (bytes.Length > settings.MaxNotebookBytes)
                return DocumentResult.SkippedWith(bytes, new Skip(SkipReason.TooLarge, $"notebook is {bytes.Length:N0} bytes, over the {settings.MaxNotebookBytes:N0}-byte limit"));
            return await NotebookMigrator.MigrateAsync(bytes, path, settings, cancellationToken).ConfigureAwait(false);
        }
        var read = SourceText.TryFrom(bytes, path, settings.MaxFileBytes);
        if (read.Error is { } err) return DocumentResult.SkippedWith(bytes, SkipOf(err));
        var source = read.Text!;
        var result = await ModuleMigration.MigrateAsync(source, settings, cancellationToken).ConfigureAwait(false);
        if (result.Refused is { } refused) return DocumentResult.SkippedWith(bytes, SkipOf(refused));
        var findings = result.Findings.Select(m => new FindingRecord(m.Finding.RuleId, m.Finding.Kind, m.Finding.Line, TextPositions.CharColumn(source, m.Finding.Line, m.Finding.Column),
            m.Finding.Message, m.Finding.Confidence) { Decision = m.Decision }).ToList();
        if (!result.Changed) return new DocumentResult(bytes, bytes, [], findings, null, []);
        var changes = result.Changes.Select(m => new ChangeRecord(m.Change.RuleId, m.Change.Kind, m.Change.Line, TextPositions.CharColumn(source, m.Change.Line, m.Change.Column),
            m.Change.Confidence) { Decision = m.Decision }).ToList();
        // The diff shows the file's bytes as they are: a BOM stays on the first line, so the patch applies to the file.
        var bom = source.HasBom ? "\uFEFF" : "";
        return new DocumentResult(bytes, result.Result.ToBytes(), changes, findings, null, [new DiffSection(null, bom + source.Text, bom + result.Result.Text)]);
    }

    /// <summary>The skip for a source error, position in characters.</summary>
    internal static Skip SkipOf(SourceError e)
    {
        var reason = e.Kind switch
        {
            SourceErrorKind.NotUtf8 => SkipReason.NotUtf8,
            SourceErrorKind.Binary => SkipReason.Binary,
            SourceErrorKind.TooLarge => SkipReason.TooLarge,
            SourceErrorKind.SyntaxError => SkipReason.SyntaxError,
            SourceErrorKind.TooDeep => SkipReason.TooDeep,
            _ => SkipReason.Unreadable,
        };
        return new Skip(reason, e.Message, e.Position?.Line, e.Position?.Column);
    }
}
