namespace ApiMigrator.Data;

/// <summary>The shape of a change, as labelled in the dataset (the learner classifies its own and reports disagreement).</summary>
public enum PairKind
{
    /// <summary>A name or module path moved or was renamed.</summary>
    ApiRename,
    /// <summary>A call's arguments changed (keyword renamed/removed, value mapped, call reshaped).</summary>
    Parameter,
    /// <summary>A structural rewrite.</summary>
    Syntax,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>
/// One before/after migration pair (docs/DATASET.md). Only <see cref="Id"/>, <see cref="Before"/>
/// and <see cref="After"/> are required; outside datasets may omit the rest (null = "unknown").
/// </summary>
public sealed record MigrationPair(
    string Id,
    string Before,
    string After,
    string? Library = null,
    string? FromVersion = null,
    string? ToVersion = null,
    PairKind? Kind = null,
    string? Pattern = null,
    string? Source = null,
    string? Note = null,
    bool Negative = false)
{
    /// <summary>Where the pair was read from (file and 1-based line), for messages.</summary>
    public string? Origin { get; init; }

    /// <summary>The file the pair was read from (as the user named it), for "file:line" messages; null for in-memory pairs.</summary>
    public string? OriginFile { get; init; }

    /// <summary>The 1-based line the pair was read from; 0 for in-memory pairs.</summary>
    public int OriginLine { get; init; }

    /// <summary>A negative pair: code that looks like a pattern but must stay unchanged.</summary>
    public bool IsNegative => Negative || string.Equals(Before, After, StringComparison.Ordinal);

    /// <summary>The dataset spelling of a kind.</summary>
    public static string KindName(PairKind? kind) => kind switch
    {
        PairKind.ApiRename => "api_rename",
        PairKind.Parameter => "parameter",
        PairKind.Syntax => "syntax",
        PairKind.Other => "other",
        _ => "unknown",
    };

    /// <summary>Parses the dataset spelling of a kind; null if unknown.</summary>
    public static PairKind? ParseKind(string? s) => s switch
    {
        "api_rename" => PairKind.ApiRename,
        "parameter" => PairKind.Parameter,
        "syntax" => PairKind.Syntax,
        "other" => PairKind.Other,
        _ => null,
    };
}
