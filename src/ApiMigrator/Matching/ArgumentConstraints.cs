using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>
/// Constraints on a call's arguments that a pattern cannot say: keywords that must be absent
/// (<c>absent: [ndmin]</c> — <c>np.asarray</c> has no <c>ndmin</c>). Literal kinds (<c>kinds</c>) and types
/// (<c>where</c>) of bound arguments are checked with the other hole constraints.
/// </summary>
internal static class ArgumentConstraints
{
    /// <summary>True when the call at (or around) <paramref name="node"/> has none of the rule's absent keywords.</summary>
    public static bool Hold(MigrationRule rule, SyntaxNode node)
    {
        if (rule.AbsentKeywords.Count == 0) return true;
        var call = node.Kind == "call" ? node : node.Parent is { Kind: "call" } p && node.FieldName == "function" ? p : (SyntaxNode?)null;
        if (call?.ChildByField("arguments") is not { Kind: "argument_list" } args) return true;
        foreach (var a in args.NamedChildren)
        {
            // `**options` could hold any keyword: the rule cannot know it is safe.
            if (a.Kind == "dictionary_splat") return false;
            if (a.Kind == "keyword_argument" && a.ChildByField("name") is { } name && rule.AbsentKeywords.Contains(name.Text)) return false;
        }
        return true;
    }
}
