using ApiMigrator.Rules;

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

    /// <summary>The dataset spelling of <see cref="PairKind.Other"/>, the one kind that is no rule kind.</summary>
    public const string OtherKindName = "other";

    /// <summary>The dataset spellings of the kinds: the rule kinds' YAML names from <see cref="RuleRegistry"/>, then <c>other</c>.</summary>
    public static IReadOnlyList<string> KindNames { get; } = [.. RuleRegistry.Kinds.Keys, OtherKindName];

    /// <summary>The dataset spelling of a kind.</summary>
    public static string KindName(PairKind? kind) => kind switch
    {
        PairKind.Other => OtherKindName,
        { } k when RuleKindOf(k) is { } rule => RuleRegistry.Name(rule),
        _ => "unknown",
    };

    /// <summary>Parses the dataset spelling of a kind; null if unknown.</summary>
    public static PairKind? ParseKind(string? s) => s switch
    {
        null => null,
        OtherKindName => PairKind.Other,
        _ => RuleRegistry.Kinds.TryGetValue(s, out var rule) ? PairKindOf(rule) : null,
    };

    // A pair is labelled with the kind of rule that would migrate it: every pair kind but Other is the rule
    // kind of the same name, so the dataset spells kinds as the registry does and a new rule kind needs only
    // its PairKind member (tests check the two enums stay in step).
    internal static RuleKind? RuleKindOf(PairKind kind)
        => kind != PairKind.Other && Enum.TryParse<RuleKind>(kind.ToString(), out var rule) && Enum.IsDefined(rule) ? rule : null;

    internal static PairKind? PairKindOf(RuleKind kind)
        => Enum.TryParse<PairKind>(kind.ToString(), out var pair) && Enum.IsDefined(pair) && pair != PairKind.Other ? pair : null;
}
