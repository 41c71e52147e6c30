using System.Text.Json;

namespace ApiMigrator.Tests.Reporting;

/// <summary>
/// Checks a SARIF log against the 2.1.0 schema's shape for every object apimig writes: required
/// properties, types, enumerations, and no property the schema does not define (the schema says
/// additionalProperties: false almost everywhere).
/// </summary>
internal static class SarifShape
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["log"] = ["$schema", "version", "runs", "inlineExternalProperties", "properties"],
        ["run"] = ["tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts", "logicalLocations",
            "graphs", "results", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
            "newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations",
            "policies", "webRequests", "webResponses", "specialLocations", "properties"],
        ["tool"] = ["driver", "extensions", "properties"],
        ["toolComponent"] = ["guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName", "version",
            "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications",
            "rules", "taxa", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
            "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"],
        ["reportingDescriptor"] = ["id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription", "fullDescription",
            "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties"],
        ["multiformatMessageString"] = ["text", "markdown", "properties"],
        ["reportingConfiguration"] = ["enabled", "level", "rank", "parameters", "properties"],
        ["result"] = ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid", "correlationGuid",
            "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations",
            "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
            "webResponse", "properties"],
        ["message"] = ["text", "markdown", "id", "arguments", "properties"],
        ["location"] = ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"],
        ["physicalLocation"] = ["address", "artifactLocation", "region", "contextRegion", "properties"],
        ["artifactLocation"] = ["uri", "uriBaseId", "index", "description", "properties"],
        ["region"] = ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset", "byteLength", "snippet",
            "message", "sourceLanguage", "properties"],
        ["logicalLocation"] = ["name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"],
        ["suppression"] = ["guid", "kind", "status", "justification", "location", "properties"],
        ["invocation"] = ["commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode", "ruleConfigurationOverrides",
            "notificationConfigurationOverrides", "toolExecutionNotifications", "toolConfigurationNotifications", "exitCodeDescription",
            "exitSignalName", "exitSignalNumber", "processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
            "executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr", "stdoutStderr", "properties"],
        ["notification"] = ["locations", "message", "level", "threadId", "timeUtc", "exception", "descriptor", "associatedRule", "properties"],
        ["reportingDescriptorReference"] = ["id", "index", "guid", "toolComponent", "properties"],
    };

    private static readonly string[] Levels = ["none", "note", "warning", "error"];

    /// <summary>Asserts the log is SARIF 2.1.0 in shape; returns the first run.</summary>
    public static JsonElement Check(JsonElement log)
    {
        Obj(log, "log", "version", "runs");
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var runs = log.GetProperty("runs");
        Assert.Equal(JsonValueKind.Array, runs.ValueKind);
        foreach (var run in runs.EnumerateArray()) Run(run);
        return runs[0];
    }

    private static void Run(JsonElement run)
    {
        Obj(run, "run", "tool");
        Obj(run.GetProperty("tool"), "tool", "driver");
        var driver = run.GetProperty("tool").GetProperty("driver");
        Obj(driver, "toolComponent", "name");
        var rules = driver.TryGetProperty("rules", out var r) ? r.EnumerateArray().ToList() : [];
        foreach (var rule in rules)
        {
            Obj(rule, "reportingDescriptor", "id");
            foreach (var name in new[] { "shortDescription", "fullDescription", "help" })
                if (rule.TryGetProperty(name, out var text)) Obj(text, "multiformatMessageString", "text");
            if (rule.TryGetProperty("defaultConfiguration", out var config))
            {
                Obj(config, "reportingConfiguration");
                if (config.TryGetProperty("level", out var level)) Assert.Contains(level.GetString(), Levels);
            }
            if (rule.TryGetProperty("helpUri", out var helpUri)) Assert.True(Uri.IsWellFormedUriString(helpUri.GetString(), UriKind.Absolute));
        }
        Assert.Equal(rules.Count, rules.Select(x => x.GetProperty("id").GetString()).Distinct().Count());
        if (run.TryGetProperty("columnKind", out var columnKind)) Assert.Contains(columnKind.GetString(), new[] { "utf16CodeUnits", "unicodeCodePoints" });
        if (run.TryGetProperty("originalUriBaseIds", out var bases))
            foreach (var b in bases.EnumerateObject())
            {
                Obj(b.Value, "artifactLocation");
                Assert.EndsWith("/", b.Value.GetProperty("uri").GetString(), StringComparison.Ordinal);
            }
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Obj(result, "result", "message");
            Message(result.GetProperty("message"));
            if (result.TryGetProperty("level", out var level)) Assert.Contains(level.GetString(), Levels);
            if (result.TryGetProperty("ruleIndex", out var index))
            {
                int i = index.GetInt32();
                Assert.InRange(i, 0, rules.Count - 1);
                Assert.Equal(result.GetProperty("ruleId").GetString(), rules[i].GetProperty("id").GetString());
            }
            foreach (var location in result.GetProperty("locations").EnumerateArray()) Location(location);
            if (result.TryGetProperty("suppressions", out var suppressions))
                foreach (var s in suppressions.EnumerateArray())
                {
                    Obj(s, "suppression", "kind");
                    Assert.Contains(s.GetProperty("kind").GetString(), new[] { "inSource", "external" });
                }
        }
        if (run.TryGetProperty("invocations", out var invocations))
            foreach (var inv in invocations.EnumerateArray())
            {
                Obj(inv, "invocation", "executionSuccessful");
                Assert.Contains(inv.GetProperty("executionSuccessful").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
                if (!inv.TryGetProperty("toolExecutionNotifications", out var notes)) continue;
                foreach (var n in notes.EnumerateArray())
                {
                    Obj(n, "notification", "message");
                    Message(n.GetProperty("message"));
                    if (n.TryGetProperty("level", out var l)) Assert.Contains(l.GetString(), Levels);
                    if (n.TryGetProperty("descriptor", out var d)) Obj(d, "reportingDescriptorReference");
                    if (n.TryGetProperty("locations", out var locs)) foreach (var loc in locs.EnumerateArray()) Location(loc);
                }
            }
    }

    private static void Location(JsonElement location)
    {
        Obj(location, "location");
        var physical = location.GetProperty("physicalLocation");
        Obj(physical, "physicalLocation", "artifactLocation");
        var artifact = physical.GetProperty("artifactLocation");
        Obj(artifact, "artifactLocation", "uri");
        Assert.True(Uri.TryCreate(artifact.GetProperty("uri").GetString(), UriKind.RelativeOrAbsolute, out _));
        if (physical.TryGetProperty("region", out var region))
        {
            Obj(region, "region", "startLine");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            if (region.TryGetProperty("startColumn", out var col)) Assert.True(col.GetInt32() >= 1);
        }
        if (location.TryGetProperty("logicalLocations", out var logical))
            foreach (var l in logical.EnumerateArray()) Obj(l, "logicalLocation");
    }

    private static void Message(JsonElement message)
    {
        Obj(message, "message");
        Assert.True(message.TryGetProperty("text", out var text) && !string.IsNullOrEmpty(text.GetString()) || message.TryGetProperty("id", out _));
    }

    private static void Obj(JsonElement e, string definition, params string[] required)
    {
        Assert.Equal(JsonValueKind.Object, e.ValueKind);
        foreach (var name in required) Assert.True(e.TryGetProperty(name, out _), $"{definition} lacks required '{name}'");
        foreach (var p in e.EnumerateObject())
            Assert.True(Allowed[definition].Contains(p.Name), $"{definition} has '{p.Name}', which SARIF 2.1.0 does not define");
    }
}
