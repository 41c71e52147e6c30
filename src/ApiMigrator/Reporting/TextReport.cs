using System.Globalization;
using System.Text;
using ApiMigrator.Hybrid;
using ApiMigrator.Rewriting;
using ApiMigrator.Workspace;

namespace ApiMigrator.Reporting;

/// <summary>The human-readable lines of a run: findings, skipped files, changed files and the closing summary.</summary>
public static class TextReport
{
    /// <summary><c>path[:cell N]:line:col: kind RULE: message</c> — the form editors and CI logs link.</summary>
    public static string Finding(FileOutcome outcome, FindingRecord finding)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(finding);
        var cell = finding.Cell is { } c ? $":cell {c}" : "";
        var rule = finding.RuleId == "-" ? "" : finding.RuleId + ": ";
        return $"{outcome.DisplayPath}{cell}:{finding.Line}:{finding.Column}: {ReportNames.Of(finding.Kind)} {rule}{finding.Message}";
    }

    /// <summary><c>path[:line:col]: skipped (reason): message</c>.</summary>
    public static string Skipped(string displayPath, Skip skip)
    {
        ArgumentNullException.ThrowIfNull(skip);
        var where = skip.Line is { } l ? $":{l}:{skip.Column ?? 1}" : "";
        return $"{displayPath}{where}: skipped ({skip.ReasonText}): {skip.Message}";
    }

    /// <summary><c>migrated path (N changes)</c> or <c>would migrate path (N changes)</c>.</summary>
    public static string Changed(FileOutcome outcome, MigrationMode mode)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var verb = mode == MigrationMode.Write ? "migrated" : "would migrate";
        return $"{verb} {outcome.DisplayPath} ({Count(outcome.Changes.Count, "change")})";
    }

    /// <summary>The line that opens a run with a model: the model and what each tier takes.</summary>
    public static string ModelSetup(string modelId, HybridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        static string F(double d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        return $"model {modelId}: confidence ≥ {F(options.MinConfidence)} the rule applies (direct), ≥ {F(options.GuidedThreshold)} the rule guides the model (guided), " +
               $"≥ {F(options.MinModelConfidence)} a {options.PlainStrategy} prompt (plain); an answer is applied only when verified";
    }

    /// <summary>The closing summary: files scanned, changed, skipped (with reasons), changes by rule, findings by kind.</summary>
    public static string Summary(MigrationSummary s, MigrationMode mode, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder();
        var changed = mode == MigrationMode.Write ? "changed" : "would change";
        sb.Append(CultureInfo.InvariantCulture, $"{Count(s.FilesScanned, "file")} scanned in {elapsed.TotalSeconds:F1}s: {s.FilesChanged} {changed}, {s.FilesUnchanged} unchanged, {s.FilesSkipped} skipped\n");
        if (s.Changes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Count(s.Changes, "change")} by rule:\n");
            foreach (var (rule, n) in s.ChangesByRule.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append(CultureInfo.InvariantCulture, $"  {n,5}  {rule}\n");
        }
        if (s.CountsTiers)
            sb.Append("changes by tier: ").Append(string.Join(", ", s.ChangesByTier.Select(kv => $"{kv.Value} {ReportNames.Of(kv.Key)}"))).Append('\n');
        if (s.Findings > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Count(s.Findings, "finding")} (migrations not made): ");
            sb.Append(string.Join(", ", s.FindingsByKind.Select(kv => $"{kv.Value} {ReportNames.Of(kv.Key)}"))).Append('\n');
        }
        if (s.WeakMatches > 0)
            sb.Append(CultureInfo.InvariantCulture, $"{Count(s.WeakMatches, "weak match", "weak matches")} (a rule's pattern fits, with little evidence it is that library's API) not listed; --show-weak lists them\n");
        if (s.FilesSkipped > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Count(s.FilesSkipped, "file")} skipped (never modified): ");
            sb.Append(string.Join(", ", s.SkippedByReason.Select(kv => $"{kv.Value} {Skip.Describe(kv.Key)}"))).Append('\n');
        }
        if (mode != MigrationMode.Write && s.FilesChanged > 0) sb.Append("run with --write to apply the changes\n");
        return sb.ToString();
    }

    /// <summary>"1 file", "3 files".</summary>
    public static string Count(int n, string noun, string? plural = null)
        => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {plural ?? noun + "s"}";

    /// <summary>Whether a finding is worth a line of its own (opted-out ones are only counted).</summary>
    public static bool IsShown(FindingRecord finding) => finding?.Kind != FindingKind.Ignored;
}
