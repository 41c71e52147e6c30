namespace ApiMigrator.Versions;

/// <summary>
/// The versions a project allows, read from a PEP 440 specifier set (<c>&gt;=2.0,&lt;2.1</c>, <c>~=1.22</c>,
/// <c>==2.0.*</c>): a lower and an upper bound, either open. <c>!=</c> clauses do not move the bounds.
/// </summary>
public sealed record VersionRange
{
    /// <summary>The lowest allowed version, or null for no lower bound.</summary>
    public ReleaseVersion? Lower { get; init; }

    /// <summary>True when <see cref="Lower"/> itself is allowed (<c>&gt;=</c>), false for <c>&gt;</c>.</summary>
    public bool LowerInclusive { get; init; } = true;

    /// <summary>The highest bound, or null for no upper bound.</summary>
    public ReleaseVersion? Upper { get; init; }

    /// <summary>True when <see cref="Upper"/> itself is allowed (<c>&lt;=</c>, <c>==</c>), false for <c>&lt;</c>.</summary>
    public bool UpperInclusive { get; init; }

    /// <summary>Every version.</summary>
    public static readonly VersionRange Any = new();

    /// <summary>From <paramref name="v"/> on, with no upper bound.</summary>
    public static VersionRange AtLeast(ReleaseVersion v) => new() { Lower = v };

    /// <summary>
    /// Parses a specifier set; a bare version (<c>2.0</c>, as in <c>--target pandas=2.0</c>) means that release
    /// series (<c>==2.0.*</c>). Null with <paramref name="error"/> set when it does not parse or allows nothing.
    /// </summary>
    public static VersionRange? TryParse(string text, out string? error)
    {
        error = null;
        var s = text.Trim();
        if (s.Length == 0) return Any;
        if (char.IsAsciiDigit(s[0]) || s[0] is 'v' or 'V') s = "==" + s + (s.EndsWith(".*", StringComparison.Ordinal) ? "" : ".*");
        var range = Any;
        foreach (var raw in s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var clause = raw.Replace(" ", "", StringComparison.Ordinal);
            string op = clause.StartsWith("===", StringComparison.Ordinal) ? "===" :
                clause.Length >= 2 && clause[..2] is ">=" or "<=" or "==" or "!=" or "~=" ? clause[..2] :
                clause.Length >= 1 && clause[0] is '>' or '<' ? clause[..1] : "";
            if (op.Length == 0) { error = $"'{raw}' is not a version specifier (expected >=, <, ==, ~= … and a version)"; return null; }
            var rest = clause[op.Length..];
            bool wildcard = rest.EndsWith(".*", StringComparison.Ordinal);
            var v = ReleaseVersion.TryParse(wildcard ? rest[..^2] : rest);
            if (v is null) { error = $"'{raw}' has no version number"; return null; }
            switch (op)
            {
                case ">=": range = range.Above(v, true); break;
                case ">": range = range.Above(v, false); break;
                case "<=": range = range.Below(v, true); break;
                case "<": range = range.Below(v, false); break;
                case "~=":
                    if (v.Parts.Count < 2) { error = $"'{raw}': ~= needs at least two version components"; return null; }
                    range = range.Above(v, true).Below(v.Bump(v.Parts.Count - 2), false);
                    break;
                case "==" or "===":
                    range = wildcard ? range.Above(v, true).Below(v.Bump(v.Parts.Count - 1), false) : range.Above(v, true).Below(v, true);
                    break;
                default: break; // != excludes single versions; the bounds stay
            }
        }
        if (range.IsEmpty) { error = $"'{text}' allows no version"; return null; }
        return range;
    }

    private VersionRange Above(ReleaseVersion v, bool inclusive)
        => Lower is null || v > Lower || (v == Lower && !inclusive) ? this with { Lower = v, LowerInclusive = inclusive } : this;

    private VersionRange Below(ReleaseVersion v, bool inclusive)
        => Upper is null || v < Upper || (v == Upper && !inclusive) ? this with { Upper = v, UpperInclusive = inclusive } : this;

    /// <summary>True when no version satisfies both bounds.</summary>
    public bool IsEmpty => Lower is not null && Upper is not null && (Lower > Upper || (Lower == Upper && !(LowerInclusive && UpperInclusive)));

    /// <summary>True when some allowed version is <paramref name="v"/> or newer (the project can be on <paramref name="v"/>'s API).</summary>
    public bool ReachesAtLeast(ReleaseVersion v) => Upper is null || Upper > v || (Upper == v && UpperInclusive);

    /// <summary>True when every allowed version is <paramref name="v"/> or newer (something new in <paramref name="v"/> exists everywhere).</summary>
    public bool AllAtLeast(ReleaseVersion v) => Lower is not null && Lower >= v;

    /// <summary>The smallest range containing both (a library declared twice, say in dependencies and an extra).</summary>
    public VersionRange Hull(VersionRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var lower = Lower is null || other.Lower is null ? null : Lower <= other.Lower ? this : other;
        var upper = Upper is null || other.Upper is null ? null : Upper >= other.Upper ? this : other;
        return new VersionRange
        {
            Lower = lower?.Lower, LowerInclusive = lower?.LowerInclusive ?? true,
            Upper = upper?.Upper, UpperInclusive = upper?.UpperInclusive ?? false,
        };
    }

    /// <summary>The specifier set (<c>&gt;=2.0, &lt;2.1</c>); <c>any version</c> when unbounded.</summary>
    public override string ToString()
    {
        if (Lower is null && Upper is null) return "any version";
        if (Lower is not null && Upper is not null && Lower == Upper && LowerInclusive && UpperInclusive) return $"=={Lower}";
        var parts = new List<string>();
        if (Lower is not null) parts.Add((LowerInclusive ? ">=" : ">") + Lower);
        if (Upper is not null) parts.Add((UpperInclusive ? "<=" : "<") + Upper);
        return string.Join(", ", parts);
    }
}
