using System.Text.Encodings.Web;
using System.Text.Json;
using ApiMigrator.Hybrid;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Workspace;

namespace ApiMigrator.Reporting;

/// <summary>
/// A SARIF 2.1.0 log (the OASIS standard that GitHub code scanning, Azure DevOps and IDE viewers read):
/// one run; <c>tool.driver.rules</c> describes each rule that has a result (what, why, example, safety,
/// support, source); every change and finding is a <c>result</c> with <c>ruleId</c>, <c>level</c>,
/// <c>message.text</c> and a physical location (path relative to <c>%SRCROOT%</c>, start line and
/// column in UTF-16 units). Opted-out findings carry an in-source suppression; skipped files are tool
/// execution notifications. Results stream; the rules are written after them. With a model, a result's
/// properties also say which tier decided (<c>tier</c>, <c>ruleIds</c>, <c>route</c>, and for the model tiers
/// <c>strategy</c>, <c>templateVersion</c>, <c>promptHash</c>, <c>model</c>, <c>outcome</c>).
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    /// <summary>The rule id of file-level findings (a rewrite dropped because it did not verify, a cell left out …).</summary>
    public const string NotAppliedRuleId = "apimig.not-applied";

    private readonly Utf8JsonWriter json;
    private readonly MigrationMode mode;
    private readonly string toolVersion;
    private readonly string baseDirectory;
    private readonly Dictionary<string, MigrationRule> rulesById;
    private readonly Dictionary<string, int> ruleIndex = new(StringComparer.Ordinal);
    private readonly List<string> usedRules = [];
    private readonly List<(string Path, Skip Skip)> skipped = [];

    /// <summary>Starts the log on <paramref name="output"/> (left open).</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="rules">The rules of the run, for the rule descriptions.</param>
    /// <param name="mode">The run's mode (changes are "would change" or "changed").</param>
    /// <param name="toolVersion">apimig's version.</param>
    /// <param name="baseDirectory">The folder relative paths are relative to (<c>%SRCROOT%</c>).</param>
    public SarifReportWriter(Stream output, IEnumerable<MigrationRule> rules, MigrationMode mode, string toolVersion, string baseDirectory)
    {
        this.mode = mode;
        this.toolVersion = toolVersion;
        this.baseDirectory = baseDirectory;
        rulesById = rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartArray("results");
    }

    /// <inheritdoc/>
    public void Add(FileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Skipped is { } skip) skipped.Add((outcome.DisplayPath, skip));
        foreach (var c in outcome.Changes)
        {
            var what = Describe(c.RuleId);
            var by = c.Decision is { Tier: not MigrationTier.Direct } d ? $" The model made the change ({ReportNames.Of(d.Tier)} tier, {d.Strategy}); it was verified." : "";
            var text = mode == MigrationMode.Write
                ? $"Migrated: {what}{by}"
                : $"Outdated API: {what} Fix available: apimig migrate --write (confidence {c.Confidence:F2}).{by}";
            WriteResult(c.RuleId, mode == MigrationMode.Write ? "note" : "warning", text, outcome.DisplayPath, c.Cell, c.Line, c.Column, suppressed: false, c.Decision,
                ("confidence", c.Confidence), ("status", mode == MigrationMode.Write ? "changed" : "fixable"));
        }
        foreach (var f in outcome.Findings)
        {
            var level = f.Kind switch
            {
                FindingKind.LowConfidence or FindingKind.Ignored or FindingKind.Skipped => "note",
                _ => "warning",
            };
            WriteResult(f.RuleId, level, f.Message, outcome.DisplayPath, f.Cell, f.Line, f.Column, suppressed: f.Kind == FindingKind.Ignored, f.Decision,
                ("confidence", f.Confidence), ("status", ReportNames.Of(f.Kind)));
        }
        json.Flush();
    }

    /// <inheritdoc/>
    public void Complete(MigrationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        json.WriteEndArray(); // results
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "apimig");
        json.WriteString("fullName", "ApiMigrator");
        json.WriteString("version", toolVersion);
        json.WriteString("semanticVersion", toolVersion);
        json.WriteStartArray("rules");
        foreach (var id in usedRules) WriteRule(id);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject("%SRCROOT%");
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory)) + "/").AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var (path, skip) in skipped)
        {
            json.WriteStartObject();
            json.WriteString("level", skip.Reason is SkipReason.WriteFailed or SkipReason.ChangedOnDisk ? "error" : "warning");
            json.WriteStartObject("message");
            json.WriteString("text", $"Skipped ({skip.ReasonText}): {skip.Message}");
            json.WriteEndObject();
            json.WriteStartObject("descriptor");
            json.WriteString("id", ReportNames.Of(skip.Reason));
            json.WriteEndObject();
            json.WriteStartArray("locations");
            WriteLocation(path, null, skip.Line, skip.Column);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray(); // invocations
        json.WriteStartObject("properties");
        json.WriteNumber("filesScanned", summary.FilesScanned);
        json.WriteNumber("filesChanged", summary.FilesChanged);
        json.WriteNumber("filesSkipped", summary.FilesSkipped);
        json.WriteNumber("changes", summary.Changes);
        json.WriteNumber("findings", summary.Findings);
        json.WriteNumber("weakMatches", summary.WeakMatches);
        if (summary.CountsTiers)
        {
            json.WriteStartObject("changesByTier");
            foreach (var (tier, n) in summary.ChangesByTier) json.WriteNumber(ReportNames.Of(tier), n);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject(); // run
        json.WriteEndArray(); // runs
        json.WriteEndObject();
        json.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => json.Dispose();

    private void WriteResult(string ruleId, string level, string message, string path, int? cell, int line, int column, bool suppressed, SiteDecision? decision,
        params (string Name, object Value)[] properties)
    {
        var id = ruleId == "-" ? NotAppliedRuleId : ruleId;
        if (!ruleIndex.TryGetValue(id, out var index))
        {
            index = usedRules.Count;
            ruleIndex[id] = index;
            usedRules.Add(id);
        }
        json.WriteStartObject();
        json.WriteString("ruleId", id);
        json.WriteNumber("ruleIndex", index);
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", cell is { } c && !message.Contains($"cell {c} ", StringComparison.Ordinal) ? $"{message} (cell {c})" : message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        WriteLocation(path, cell, line, column);
        json.WriteEndArray();
        if (suppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            json.WriteString("justification", "# apimig: ignore");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("properties");
        if (cell is { } cellNumber) json.WriteNumber("cell", cellNumber);
        foreach (var (name, value) in properties)
        {
            if (value is double d) json.WriteNumber(name, Math.Round(d, 3));
            else json.WriteString(name, value.ToString());
        }
        if (decision is { } site)
        {
            json.WriteString("tier", ReportNames.Of(site.Tier));
            json.WriteStartArray("ruleIds");
            foreach (var r in site.RuleIds) json.WriteStringValue(r);
            json.WriteEndArray();
            json.WriteString("route", site.Route);
            if (site.Strategy is { } strategy) json.WriteString("strategy", strategy);
            if (site.TemplateVersion is { } version) json.WriteString("templateVersion", version);
            if (site.PromptHash is { } hash) json.WriteString("promptHash", hash);
            if (site.ModelId is { } model) json.WriteString("model", model);
            if (site.Outcome is { } outcome) json.WriteString("outcome", ReportNames.Of(outcome));
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteLocation(string path, int? cell, int? line, int? column)
    {
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        if (Path.IsPathRooted(path)) json.WriteString("uri", new Uri(path).AbsoluteUri);
        else
        {
            json.WriteString("uri", string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
            json.WriteString("uriBaseId", "%SRCROOT%");
        }
        json.WriteEndObject();
        if (line is { } l)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, l));
            json.WriteNumber("startColumn", Math.Max(1, column ?? 1));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (cell is { } c)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", $"cell {c}");
            json.WriteString("kind", "element");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private string Describe(string ruleId)
    {
        if (!rulesById.TryGetValue(ruleId, out var r)) return ruleId;
        var what = r.Description.Length > 0 ? r.Description : $"{r.Match} → {r.Replace}";
        return what.EndsWith('.') ? what : what + ".";
    }

    private void WriteRule(string id)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        if (!rulesById.TryGetValue(id, out var r))
        {
            json.WriteStartObject("shortDescription");
            json.WriteString("text", id == NotAppliedRuleId
                ? "A migration apimig found but could not apply safely (a rewrite that did not verify, a notebook cell it could not parse)."
                : id);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", "warning");
            json.WriteEndObject();
            json.WriteEndObject();
            return;
        }
        var what = r.Description.Length > 0 ? r.Description : $"{r.Match} → {r.Replace ?? "(keyword changes)"}";
        json.WriteStartObject("shortDescription");
        json.WriteString("text", what);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", $"{what} Pattern: {r.Match}{(r.Replace is null ? "" : " → " + r.Replace)}. Safety: {r.Safety.ToString().ToLowerInvariant()}.");
        json.WriteEndObject();
        if (r.Source is { } source && Uri.TryCreate(source, UriKind.Absolute, out var uri)) json.WriteString("helpUri", uri.AbsoluteUri);
        if (r.Example is { } ex)
        {
            json.WriteStartObject("help");
            json.WriteString("text", $"Before:\n{ex.Before}\nAfter:\n{ex.After}");
            json.WriteString("markdown", $"Before:\n```python\n{ex.Before}```\nAfter:\n```python\n{ex.After}```");
            json.WriteEndObject();
        }
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", "warning");
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("library", r.Library);
        json.WriteString("kind", RuleRegistry.Name(r.Kind));
        json.WriteString("safety", r.Safety.ToString().ToLowerInvariant());
        json.WriteNumber("support", r.Support);
        if (r.FromVersion is not null) json.WriteString("fromVersion", r.FromVersion);
        if (r.ToVersion is not null) json.WriteString("toVersion", r.ToVersion);
        json.WriteStartArray("tags");
        json.WriteStringValue("migration");
        json.WriteStringValue(r.Library);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
