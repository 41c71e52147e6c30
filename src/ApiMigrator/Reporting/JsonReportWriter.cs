using System.Text.Encodings.Web;
using System.Text.Json;
using ApiMigrator.Hybrid;
using ApiMigrator.Rules;
using ApiMigrator.Workspace;

namespace ApiMigrator.Reporting;

/// <summary>
/// apimig's JSON report: <c>tool</c>, <c>mode</c>, <c>files</c> (only files with changes, findings or a
/// skip reason: path, status, changes, findings, skipped, diff) and <c>summary</c>. Streamed. With a model,
/// changes and the findings the model was asked about carry the tier decision (tier, rules, route, strategy,
/// template version, prompt hash, model, outcome, raw answers) and the summary counts changes per tier.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    private readonly Utf8JsonWriter json;

    /// <summary>Starts the document on <paramref name="output"/> (left open).</summary>
    public JsonReportWriter(Stream output, MigrationMode mode, string toolVersion)
    {
        json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteString("name", "apimig");
        json.WriteString("version", toolVersion);
        json.WriteEndObject();
        json.WriteString("mode", ReportNames.Of(mode));
        json.WriteStartArray("files");
    }

    /// <inheritdoc/>
    public void Add(FileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status == FileStatus.Unchanged && outcome.Findings.Count == 0) return;
        json.WriteStartObject();
        json.WriteString("path", outcome.DisplayPath);
        json.WriteString("status", ReportNames.Of(outcome.Status));
        json.WriteStartArray("changes");
        foreach (var c in outcome.Changes)
        {
            json.WriteStartObject();
            json.WriteString("rule", c.RuleId);
            json.WriteString("kind", RuleRegistry.Name(c.Kind));
            WritePosition(c.Cell, c.Line, c.Column);
            json.WriteNumber("confidence", Math.Round(c.Confidence, 3));
            if (c.Decision is { } d) WriteDecision(d);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var f in outcome.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", f.RuleId);
            json.WriteString("kind", ReportNames.Of(f.Kind));
            WritePosition(f.Cell, f.Line, f.Column);
            json.WriteString("message", f.Message);
            json.WriteNumber("confidence", Math.Round(f.Confidence, 3));
            if (f.Decision is { } d) WriteDecision(d);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (outcome.Skipped is { } skip)
        {
            json.WriteStartObject("skipped");
            json.WriteString("reason", ReportNames.Of(skip.Reason));
            json.WriteString("message", skip.Message);
            if (skip.Line is { } l) json.WriteNumber("line", l);
            if (skip.Column is { } col) json.WriteNumber("column", col);
            json.WriteEndObject();
        }
        if (outcome.Diff is { } diff) json.WriteString("diff", diff);
        json.WriteEndObject();
        json.Flush();
    }

    /// <inheritdoc/>
    public void Complete(MigrationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("filesScanned", summary.FilesScanned);
        json.WriteNumber("filesChanged", summary.FilesChanged);
        json.WriteNumber("filesUnchanged", summary.FilesUnchanged);
        json.WriteNumber("filesSkipped", summary.FilesSkipped);
        json.WriteNumber("changes", summary.Changes);
        json.WriteNumber("findings", summary.Findings);
        json.WriteNumber("weakMatches", summary.WeakMatches);
        json.WriteStartObject("changesByRule");
        foreach (var (rule, n) in summary.ChangesByRule) json.WriteNumber(rule, n);
        json.WriteEndObject();
        if (summary.CountsTiers)
        {
            json.WriteStartObject("changesByTier");
            foreach (var (tier, n) in summary.ChangesByTier) json.WriteNumber(ReportNames.Of(tier), n);
            json.WriteEndObject();
        }
        json.WriteStartObject("findingsByKind");
        foreach (var (kind, n) in summary.FindingsByKind) json.WriteNumber(ReportNames.Of(kind), n);
        json.WriteEndObject();
        json.WriteStartObject("skippedByReason");
        foreach (var (reason, n) in summary.SkippedByReason) json.WriteNumber(ReportNames.Of(reason), n);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => json.Dispose();

    /// <summary>The tier decision behind a change or finding: which tier, which rules and why; for the model tiers the prompt and the answers.</summary>
    private void WriteDecision(SiteDecision d)
    {
        json.WriteString("tier", ReportNames.Of(d.Tier));
        json.WriteStartArray("rules");
        foreach (var id in d.RuleIds) json.WriteStringValue(id);
        json.WriteEndArray();
        json.WriteString("route", d.Route);
        if (d.Tier == MigrationTier.Direct) return;
        WriteOptional("strategy", d.Strategy);
        WriteOptional("templateVersion", d.TemplateVersion);
        WriteOptional("promptHash", d.PromptHash);
        WriteOptional("model", d.ModelId);
        if (d.Outcome is { } outcome) json.WriteString("outcome", ReportNames.Of(outcome));
        json.WriteBoolean("verified", d.Verified);
        if (d.Reason is { } reason) json.WriteString("reason", reason);
        json.WriteBoolean("fromCache", d.FromCache);
        json.WriteStartArray("answers");
        foreach (var a in d.RawAnswers) json.WriteStringValue(a);
        json.WriteEndArray();
    }

    private void WriteOptional(string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private void WritePosition(int? cell, int line, int column)
    {
        if (cell is { } c) json.WriteNumber("cell", c);
        json.WriteNumber("line", line);
        json.WriteNumber("column", column);
    }
}
