namespace ApiMigrator.Llm;

/// <summary>
/// One place to migrate, as the model sees it: the smallest enclosing statement (dedented so it parses
/// on its own), the module's import lines for context, and the library versions. Never the whole file:
/// the answer replaces exactly <see cref="StartByte"/>..<see cref="EndByte"/> of the file (after
/// <see cref="Reindent"/>). Build one from a parsed file with <see cref="SiteExtractor.Extract"/>, or
/// directly from a snippet (then the byte range is unknown, -1).
/// </summary>
/// <param name="Code">The statement's text, dedented (its first line starts at column 0).</param>
/// <param name="Library">Library name as in the dataset, e.g. <c>pandas</c>.</param>
/// <param name="FromVersion">Version the code is written for, e.g. <c>1.5</c>.</param>
/// <param name="ToVersion">Version to migrate to, e.g. <c>2.0</c>.</param>
public sealed record MigrationSite(string Code, string Library, string FromVersion, string ToVersion)
{
    /// <summary>The module's import statements (context only; the model is told not to repeat them).</summary>
    public IReadOnlyList<string> ImportLines { get; init; } = [];

    /// <summary>The exact text to change inside <see cref="Code"/>, e.g. <c>df.append(feb)</c> (null: the statement as a whole).</summary>
    public string? Target { get; init; }

    /// <summary>1-based line of <see cref="Target"/> (or of the statement) in the file, for the prompt and reports.</summary>
    public int? Line { get; init; }

    /// <summary>The file the site is in, for reports only (never sent to the model).</summary>
    public string? FilePath { get; init; }

    /// <summary>The statement's indentation in the file; <see cref="Reindent"/> puts it back.</summary>
    public string Indent { get; init; } = "";

    /// <summary>Start byte of the statement in the file, or -1 for a snippet.</summary>
    public int StartByte { get; init; } = -1;

    /// <summary>End byte (exclusive) of the statement in the file, or -1 for a snippet.</summary>
    public int EndByte { get; init; } = -1;

    /// <summary>
    /// Whether the code must change (true for a real site). When true, an answer identical to
    /// <see cref="Code"/> is rejected; false is for negative cases where "unchanged" is the right answer.
    /// </summary>
    public bool ChangeRequired { get; init; } = true;

    /// <summary>
    /// Turns migrated (dedented) code back into text that replaces <see cref="StartByte"/>..<see cref="EndByte"/>:
    /// every line after the first gets <see cref="Indent"/> again, except lines inside multi-line strings.
    /// </summary>
    public string Reindent(string code) => SiteExtractor.Indent(code, Indent);
}

/// <summary>
/// A matched rule, as the rule-guided prompt shows it. The rule engine fills this from its own rule
/// model; the LLM layer only needs the text.
/// </summary>
/// <param name="Id">Rule id, e.g. <c>pandas.DataFrame.append-removed</c>.</param>
/// <param name="Description">What the rule does, one sentence.</param>
/// <param name="Pattern">The old API form, e.g. <c>$df.append($other)</c>.</param>
/// <param name="Replacement">The new API form, e.g. <c>pandas.concat([$df, $other])</c>.</param>
/// <param name="Confidence">The matcher's confidence for this site, 0–1.</param>
public sealed record RuleHint(string Id, string Description, string Pattern, string Replacement, double Confidence)
{
    /// <summary>An example before the migration (optional).</summary>
    public string? ExampleBefore { get; init; }

    /// <summary>The same example after the migration (optional).</summary>
    public string? ExampleAfter { get; init; }

    /// <summary>URL of the documentation that states the change (optional; the doc-guided prompt uses it too).</summary>
    public string? Source { get; init; }

    /// <summary>The documented change in words (optional; the doc-guided prompt uses it too).</summary>
    public string? Note { get; init; }
}

/// <summary>A documented change: the pattern id, the official page that states it, and what it says.</summary>
/// <param name="Pattern">Pattern id, e.g. <c>numpy.float_-removed</c>.</param>
/// <param name="Source">URL of the page (with its #section) that states the change.</param>
/// <param name="Note">The change in words.</param>
public sealed record DocHint(string Pattern, string? Source, string? Note)
{
    /// <summary>
    /// The documented changes of the given pattern ids, taken from dataset pairs (pairs of one pattern
    /// share a source and a note); one hint per pattern, in the order given.
    /// </summary>
    public static IReadOnlyList<DocHint> FromPairs(IEnumerable<Data.MigrationPair> pairs, IEnumerable<string> patterns)
    {
        var byPattern = pairs
            .Where(p => p.Pattern is not null && (p.Source is not null || p.Note is not null))
            .GroupBy(p => p.Pattern!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return patterns.Distinct(StringComparer.Ordinal)
            .Where(byPattern.ContainsKey)
            .Select(p => new DocHint(p, byPattern[p].Source, byPattern[p].Note))
            .ToList();
    }
}

/// <summary>Everything a prompt strategy may use for one site; strategies take what they need.</summary>
/// <param name="Site">The site to migrate.</param>
public sealed record PromptContext(MigrationSite Site)
{
    /// <summary>Matched rules (rule-guided), best first.</summary>
    public IReadOnlyList<RuleHint> Rules { get; init; } = [];

    /// <summary>Documented changes (doc-guided).</summary>
    public IReadOnlyList<DocHint> Docs { get; init; } = [];
}

/// <summary>Who says a prompt message.</summary>
public enum PromptRole
{
    /// <summary>Instructions.</summary>
    System,
    /// <summary>The task.</summary>
    User,
    /// <summary>A previous answer (fed back when asking for a correction).</summary>
    Assistant,
}

/// <summary>One message of a prompt.</summary>
public sealed record PromptMessage(PromptRole Role, string Text);

/// <summary>A rendered prompt and the template it came from.</summary>
/// <param name="Strategy">Strategy name, e.g. <c>few-shot</c>.</param>
/// <param name="TemplateVersion">Version of the template text, recorded with every result and part of the cache key.</param>
/// <param name="Messages">The messages, in order.</param>
public sealed record Prompt(string Strategy, string TemplateVersion, IReadOnlyList<PromptMessage> Messages);
