using System.Runtime.CompilerServices;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Context;

/// <summary>
/// What a guard needs to know about a rule: the top-level packages it is about, the names its pattern
/// mentions (<c>fillna</c> in <c>$df.fillna(method="ffill")</c>) and the names its replacement introduces
/// (<c>ffill</c>). Computed once per rule.
/// </summary>
internal sealed record RuleNames(IReadOnlySet<string> Packages, IReadOnlySet<string> OldNames, IReadOnlySet<string> NewNames)
{
    /// <summary>Top-level packages the replacement names (<c>importlib</c> for <c>imp.reload</c> → <c>importlib.reload</c>).</summary>
    public IReadOnlySet<string> NewPackages { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    private static readonly ConditionalWeakTable<MigrationRule, RuleNames> Cache = [];

    /// <summary>The names of one rule.</summary>
    public static RuleNames Of(MigrationRule rule) => Cache.GetValue(rule, Compute);

    private static RuleNames Compute(MigrationRule rule)
    {
        var packages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in rule.MatchPattern.QualifiedNames) packages.Add(q.Split('.')[0]);
        packages.UnionWith(rule.ReceiverPackages);
        if (rule.Library is { Length: > 0 } lib && lib is not "unknown" and not "stdlib") packages.Add(lib);
        var newPackages = new HashSet<string>(StringComparer.Ordinal);
        if (rule.ReplacePattern is { } rp) foreach (var q in rp.QualifiedNames) newPackages.Add(q.Split('.')[0]);
        return new RuleNames(packages, NamesIn(rule.MatchPattern), rule.ReplacePattern is { } r ? NamesIn(r) : new HashSet<string>(StringComparer.Ordinal))
        {
            NewPackages = newPackages,
        };
    }

    /// <summary>Last components of the pattern's qualified names, and its attribute names (not keyword names).</summary>
    private static HashSet<string> NamesIn(Pattern pattern)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in pattern.QualifiedNames) names.Add(q[(q.LastIndexOf('.') + 1)..]);
        foreach (var n in pattern.Root.DescendantsAndSelf())
            if (n.Kind == "attribute" && n.ChildByField("attribute") is { } a) names.Add(a.Text);
        return names;
    }
}

/// <summary>
/// Which rules a <see cref="ProtectedRegion"/> holds back: all of them (<see cref="Any"/>), or those about
/// some packages, or those that mention or introduce some names. Every condition given must hold.
/// </summary>
internal sealed record RuleFilter
{
    /// <summary>Every rule.</summary>
    public static RuleFilter Any { get; } = new();

    /// <summary>The rule is about one of these top-level packages, or its replacement names one (null: any).</summary>
    public IReadOnlySet<string>? Packages { get; init; }

    /// <summary>The rule's pattern or replacement mentions one of these names (null: any).</summary>
    public IReadOnlySet<string>? Names { get; init; }

    /// <summary>The rule's pattern mentions one of these names (null: any).</summary>
    public IReadOnlySet<string>? OldNames { get; init; }

    /// <summary>The rule's replacement introduces one of these names (null: any).</summary>
    public IReadOnlySet<string>? NewNames { get; init; }

    /// <summary>Rules about one of <paramref name="packages"/>; every rule when the set is null or empty.</summary>
    public static RuleFilter ForPackages(IEnumerable<string>? packages)
    {
        var set = packages?.ToHashSet(StringComparer.Ordinal);
        return set is { Count: > 0 } ? new RuleFilter { Packages = set } : Any;
    }

    /// <summary>Whether the filter admits a rule with these names.</summary>
    public bool Admits(RuleNames rule)
        => (Packages is null || Packages.Overlaps(rule.Packages) || Packages.Overlaps(rule.NewPackages))
           && (Names is null || Names.Overlaps(rule.OldNames) || Names.Overlaps(rule.NewNames))
           && (OldNames is null || OldNames.Overlaps(rule.OldNames))
           && (NewNames is null || NewNames.Overlaps(rule.NewNames));

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Packages is not null) parts.Add("packages " + string.Join("/", Packages.Order(StringComparer.Ordinal)));
        if (Names is not null) parts.Add("names " + string.Join("/", Names.Order(StringComparer.Ordinal)));
        if (OldNames is not null) parts.Add("old names " + string.Join("/", OldNames.Order(StringComparer.Ordinal)));
        if (NewNames is not null) parts.Add("new names " + string.Join("/", NewNames.Order(StringComparer.Ordinal)));
        return parts.Count == 0 ? "any rule" : string.Join(", ", parts);
    }
}
