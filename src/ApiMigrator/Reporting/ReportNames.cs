using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Rewriting;
using ApiMigrator.Workspace;

namespace ApiMigrator.Reporting;

/// <summary>The stable, kebab-case names reports use for kinds and reasons (JSON values, SARIF properties, text).</summary>
internal static class ReportNames
{
    /// <summary><c>manual</c>, <c>unsafe</c>, <c>low-confidence</c>, <c>cannot-rewrite</c>, <c>ignored</c>, <c>not-applied</c>, <c>model-not-applied</c>, <c>target-version</c>, <c>breaking</c>, <c>skipped</c>.</summary>
    public static string Of(FindingKind kind) => kind switch
    {
        FindingKind.Manual => "manual",
        FindingKind.Unsafe => "unsafe",
        FindingKind.LowConfidence => "low-confidence",
        FindingKind.CannotRewrite => "cannot-rewrite",
        FindingKind.Ignored => "ignored",
        FindingKind.NotApplied => "not-applied",
        FindingKind.ModelNotApplied => "model-not-applied",
        FindingKind.TargetVersion => "target-version",
        FindingKind.Breaking => "breaking",
        FindingKind.Skipped => "skipped",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary><c>not-utf8</c>, <c>binary</c>, <c>too-large</c>, <c>syntax-error</c> ….</summary>
    public static string Of(SkipReason reason) => reason switch
    {
        SkipReason.NotUtf8 => "not-utf8",
        SkipReason.Binary => "binary",
        SkipReason.TooLarge => "too-large",
        SkipReason.SyntaxError => "syntax-error",
        SkipReason.Unreadable => "unreadable",
        SkipReason.TooDeep => "too-deep",
        SkipReason.NotRegularFile => "not-regular-file",
        SkipReason.InternalError => "internal-error",
        SkipReason.InvalidNotebook => "invalid-notebook",
        SkipReason.NotPython => "not-python",
        SkipReason.ChangedOnDisk => "changed-on-disk",
        SkipReason.WriteFailed => "write-failed",
        SkipReason.Interrupted => "interrupted",
        _ => reason.ToString().ToLowerInvariant(),
    };

    /// <summary><c>accepted</c>, <c>empty-answer</c>, <c>syntax-error</c>, <c>unchanged</c>, <c>check-failed</c>, <c>request-failed</c>.</summary>
    public static string Of(LlmOutcome outcome) => outcome switch
    {
        LlmOutcome.Accepted => "accepted",
        LlmOutcome.EmptyAnswer => "empty-answer",
        LlmOutcome.SyntaxError => "syntax-error",
        LlmOutcome.Unchanged => "unchanged",
        LlmOutcome.CheckFailed => "check-failed",
        LlmOutcome.RequestFailed => "request-failed",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary><c>direct</c>, <c>guided</c>, <c>plain</c>.</summary>
    public static string Of(MigrationTier tier) => tier.ToString().ToLowerInvariant();

    /// <summary><c>unchanged</c>, <c>changed</c>, <c>skipped</c>.</summary>
    public static string Of(FileStatus status) => status.ToString().ToLowerInvariant();

    /// <summary><c>diff</c>, <c>check</c>, <c>write</c>.</summary>
    public static string Of(MigrationMode mode) => mode.ToString().ToLowerInvariant();
}
