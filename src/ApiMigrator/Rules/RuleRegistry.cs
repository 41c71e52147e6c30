namespace ApiMigrator.Rules;

/// <summary>
/// The one explicit list of rule kinds (as Stryker lists its mutators): the YAML name of each kind
/// and how to build it. Adding a kind means one file plus one line here.
/// </summary>
public static class RuleRegistry
{
    /// <summary>YAML kind name → kind.</summary>
    public static readonly IReadOnlyDictionary<string, RuleKind> Kinds = new Dictionary<string, RuleKind>(StringComparer.Ordinal)
    {
        ["api_rename"] = RuleKind.ApiRename,
        ["parameter"] = RuleKind.Parameter,
        ["syntax"] = RuleKind.Syntax,
    };

    /// <summary>The YAML name of a kind.</summary>
    public static string Name(RuleKind kind) => Kinds.First(kv => kv.Value == kind).Key;

    /// <summary>Creates an empty rule of a kind, to be filled with <c>with</c>.</summary>
    public static MigrationRule Create(RuleKind kind, string id, string match) => kind switch
    {
        RuleKind.ApiRename => new ApiRenameRule { Id = id, Match = match },
        RuleKind.Parameter => new ParameterRule { Id = id, Match = match },
        RuleKind.Syntax => new SyntaxRule { Id = id, Match = match },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
