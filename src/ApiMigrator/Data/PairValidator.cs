using ApiMigrator.Python;

namespace ApiMigrator.Data;

/// <summary>What a validation run checks beyond the always-on rules.</summary>
/// <param name="Minimal">
/// Accept outside files that carry only <c>id</c>, <c>before</c> and <c>after</c>: the metadata
/// fields the shipped dataset requires (library, versions, kind, pattern, source) are not demanded.
/// </param>
public sealed record PairValidationOptions(bool Minimal = false)
{
    /// <summary>The rules for the shipped dataset (docs/DATASET.md).</summary>
    public static PairValidationOptions Shipped { get; } = new();

    /// <summary>The rules for outside files with only id/before/after.</summary>
    public static PairValidationOptions MinimalFields { get; } = new(Minimal: true);
}

/// <summary>The outcome of validating one or more dataset files.</summary>
/// <param name="Pairs">The pairs that could be read (valid or not).</param>
/// <param name="Errors">Every problem found, in file and line order.</param>
public sealed record PairValidationReport(IReadOnlyList<MigrationPair> Pairs, IReadOnlyList<DatasetError> Errors)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks migration pairs against docs/DATASET.md: the schema, ids unique across all files, both
/// sides parse with the engine's own parser (the one every rule and rewrite will run on, so a
/// snippet it rejects is useless whatever CPython says), <c>negative</c> consistent with
/// before/after, and no (before, after) pair twice. Never throws on bad content; every problem is
/// a <see cref="DatasetError"/> naming the file and line.
/// </summary>
public static class PairValidator
{
    /// <summary>The most lines a snippet may have in the shipped dataset.</summary>
    public const int MaxSnippetLines = 15;

    /// <summary>Loads and validates files; a folder means every *.jsonl file in it.</summary>
    public static PairValidationReport ValidateFiles(IEnumerable<string> paths, PairValidationOptions? options = null) =>
        Validate(PairLoader.Load(paths), options);

    /// <summary>Validates what a loader read: its line errors are kept, and every readable pair is checked.</summary>
    public static PairValidationReport Validate(DatasetLoadResult loaded, PairValidationOptions? options = null)
    {
        options ??= PairValidationOptions.Shipped;
        var errors = new List<DatasetError>(loaded.Errors);
        var firstById = new Dictionary<string, MigrationPair>(StringComparer.Ordinal);
        var firstByContent = new Dictionary<(string Before, string After), MigrationPair>();
        foreach (var pair in loaded.Pairs)
        {
            foreach (var message in CheckPair(pair, options)) errors.Add(At(pair, message));

            if (!firstById.TryAdd(pair.Id, pair))
                errors.Add(At(pair, $"duplicate id '{pair.Id}' (first at {Where(firstById[pair.Id])})"));
            // A repeated pair adds no information and, split across train and test, would leak the answer.
            if (!firstByContent.TryAdd((pair.Before, pair.After), pair))
                errors.Add(At(pair, $"same before/after as '{firstByContent[(pair.Before, pair.After)].Id}' at {Where(firstByContent[(pair.Before, pair.After)])}"));
        }
        var ordered = errors
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ToList();
        return new PairValidationReport(loaded.Pairs, ordered);
    }

    /// <summary>The problems with one pair on its own (no cross-pair checks), as messages without a position.</summary>
    public static IReadOnlyList<string> CheckPair(MigrationPair pair, PairValidationOptions? options = null)
    {
        options ??= PairValidationOptions.Shipped;
        var problems = new List<string>();
        if (!options.Minimal) CheckMetadata(pair, problems);

        CheckParses(pair.Before, "before", problems);
        CheckParses(pair.After, "after", problems);

        bool same = string.Equals(pair.Before, pair.After, StringComparison.Ordinal);
        // Read the flag itself, not IsNegative: IsNegative infers "negative" from equal sides, which is
        // exactly the unmarked case this check exists to catch.
        if (pair.Negative && !same)
            problems.Add("negative pair must have after == before (a negative is code that must stay unchanged)");
        else if (!pair.Negative && same)
            problems.Add("before == after: nothing migrates; mark it \"negative\": true if it is code that must stay unchanged");
        return problems;
    }

    private static void CheckMetadata(MigrationPair pair, List<string> problems)
    {
        var fields = new[]
        {
            ("library", pair.Library), ("from_version", pair.FromVersion), ("to_version", pair.ToVersion),
            ("kind", pair.Kind is null ? null : MigrationPair.KindName(pair.Kind)), ("pattern", pair.Pattern),
            ("source", pair.Source),
        };
        // One message for all missing fields: an outside file lacks them all, and six lines per pair would bury real problems.
        var missing = fields.Where(f => f.Item2 is null).Select(f => $"'{f.Item1}'").ToList();
        if (missing.Count > 0)
            problems.Add($"missing required field{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (the shipped dataset needs them; --minimal accepts files with only id/before/after)");
        foreach (var (name, _) in fields.Where(f => f.Item2 is { Length: 0 })) problems.Add($"field '{name}' is empty");
        if (pair.Id.Length == 0) problems.Add("field 'id' is empty");
        else if (!string.IsNullOrEmpty(pair.Library) && !pair.Id.StartsWith(pair.Library + "-", StringComparison.Ordinal))
            problems.Add($"id '{pair.Id}' should start with its library: '{pair.Library}-<short-pattern>-<NNN>'");
        if (!string.IsNullOrEmpty(pair.Source)
            && !pair.Source.StartsWith("https://", StringComparison.Ordinal)
            && !pair.Source.StartsWith("http://", StringComparison.Ordinal))
            problems.Add($"source '{pair.Source}' is not a URL");
        CheckShape(pair.Before, "before", problems);
        CheckShape(pair.After, "after", problems);
    }

    private static void CheckShape(string code, string side, List<string> problems)
    {
        if (code.Contains('\r', StringComparison.Ordinal)) problems.Add($"'{side}' has \\r line ends (the dataset uses \\n only)");
        int lines = LineCount(code);
        if (lines == 0) problems.Add($"'{side}' is empty");
        else if (lines > MaxSnippetLines) problems.Add($"'{side}' has {lines} lines (at most {MaxSnippetLines})");
    }

    /// <summary>Lines of text; a final "\n" ends the last line rather than starting a new one.</summary>
    internal static int LineCount(string code)
    {
        if (code.Length == 0) return 0;
        int newlines = code.Count(c => c == '\n');
        return code.EndsWith('\n') ? newlines : newlines + 1;
    }

    private static void CheckParses(string code, string side, List<string> problems)
    {
        var tree = PythonParser.Parse(code);
        if (!tree.HasErrors) return;
        // The first diagnostic is where the parser lost its way; later ones are usually fallout.
        var first = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0].ToString() : "syntax error";
        var more = tree.Diagnostics.Count > 1 ? $" (+{tree.Diagnostics.Count - 1} more)" : "";
        problems.Add($"'{side}' does not parse: snippet {first}{more}");
    }

    private static DatasetError At(MigrationPair pair, string message) =>
        new(pair.OriginFile ?? pair.Origin ?? "<memory>", pair.OriginLine, $"{pair.Id}: {message}");

    private static string Where(MigrationPair pair) =>
        pair.OriginFile is { } f ? $"{f}:{pair.OriginLine}" : pair.Origin ?? "<memory>";
}
