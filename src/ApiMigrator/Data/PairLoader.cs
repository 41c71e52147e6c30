using System.Text.Json;

namespace ApiMigrator.Data;

/// <summary>A problem with one line of a dataset file (<see cref="Line"/> 0: the file as a whole, e.g. unreadable).</summary>
public sealed record DatasetError(string File, int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>Pairs read from one or more JSONL files, and the lines that could not be read.</summary>
public sealed record DatasetLoadResult(IReadOnlyList<MigrationPair> Pairs, IReadOnlyList<DatasetError> Errors);

/// <summary>
/// Reads migration pairs from JSONL. Never throws on bad content: a malformed line, a missing
/// required field or a wrongly typed field becomes a <see cref="DatasetError"/> naming the line.
/// </summary>
public static class PairLoader
{
    /// <summary>Loads files; a folder means every *.jsonl file in it (sorted).</summary>
    public static DatasetLoadResult Load(IEnumerable<string> paths)
    {
        var pairs = new List<MigrationPair>();
        var errors = new List<DatasetError>();
        foreach (var file in ExpandPaths(paths))
        {
            string[] lines;
            try { lines = File.ReadAllLines(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new DatasetError(file, 0, $"cannot read: {e.Message}"));
                continue;
            }
            for (int i = 0; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i])) continue;
                var (pair, error) = ParseLine(lines[i], file, i + 1);
                if (pair is not null) pairs.Add(pair);
                else errors.Add(error!);
            }
        }
        return new DatasetLoadResult(pairs, errors);
    }

    /// <summary>Expands folders into their *.jsonl files; a missing path is an error line, not an exception.</summary>
    public static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                foreach (var f in Directory.GetFiles(p, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal)) yield return f;
            }
            else yield return p;
        }
    }

    /// <summary>Parses one JSONL line into a pair, or an error naming the line.</summary>
    public static (MigrationPair? Pair, DatasetError? Error) ParseLine(string line, string file, int lineNumber)
    {
        DatasetError Err(string m) => new(file, lineNumber, m);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e)
        {
            // System.Text.Json appends its own "LineNumber: 0 | BytePositionInLine: n." (0-based, and always line 0
            // here since a record is one line); report the 1-based column instead.
            var message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            var column = e.BytePositionInLine is { } b ? $" at column {b + 1}" : "";
            return (null, Err($"malformed JSON{column}: {message}"));
        }
        using (doc)
        {
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return (null, Err("expected a JSON object"));
            string? Str(string name, out string? problem)
            {
                problem = null;
                if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.String) { problem = $"field '{name}' must be a string"; return null; }
                return v.GetString();
            }
            var problems = new List<string>();
            string? Get(string name) { var s = Str(name, out var p); if (p is not null) problems.Add(p); return s; }
            var id = Get("id");
            var before = Get("before");
            var after = Get("after");
            foreach (var (name, value) in new[] { ("id", id), ("before", before), ("after", after) })
                if (value is null && !problems.Any(p => p.Contains($"'{name}'", StringComparison.Ordinal))) problems.Add($"missing required field '{name}'");
            var kindText = Get("kind");
            var kind = PairKind.Other;
            if (kindText is not null && MigrationPair.ParseKind(kindText) is not { } k) problems.Add($"unknown kind '{kindText}' (expected {string.Join(", ", MigrationPair.KindNames.SkipLast(1))} or {MigrationPair.KindNames[^1]})");
            else if (kindText is not null) kind = MigrationPair.ParseKind(kindText)!.Value;
            bool negative = false;
            if (o.TryGetProperty("negative", out var neg))
            {
                if (neg.ValueKind is JsonValueKind.True or JsonValueKind.False) negative = neg.GetBoolean();
                else if (neg.ValueKind != JsonValueKind.Null) problems.Add("field 'negative' must be true or false");
            }
            var pair = problems.Count == 0
                ? new MigrationPair(id!, before!, after!, Get("library"), Get("from_version"), Get("to_version"),
                    kindText is null ? null : kind, Get("pattern"), Get("source"), Get("note"), negative)
                { Origin = $"{file}:{lineNumber}", OriginFile = file, OriginLine = lineNumber }
                : null;
            if (problems.Count > 0) return (null, Err(string.Join("; ", problems)));
            return (pair, null);
        }
    }
}
