using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>
/// Constraints on a call's arguments that a pattern cannot say: keywords that must be absent
/// (<c>absent: [ndmin]</c> — <c>np.asarray</c> has no <c>ndmin</c>), and, for a replacement that passes
/// <c>$*rest</c> on to a library function whose parameters the type table lists, only keywords that
/// function accepts (a learned <c>np.array($1, copy=False, $*rest)</c> → <c>np.asarray($1, $*rest)</c> must not
/// carry <c>subok=True</c> along). Literal kinds (<c>kinds</c>) and types (<c>where</c>) of bound arguments are
/// checked with the other hole constraints.
/// </summary>
internal static class ArgumentConstraints
{
    /// <summary>True when the call at (or around) <paramref name="node"/> meets the rule's argument constraints.</summary>
    public static bool Hold(MigrationRule rule, SyntaxNode node, IReadOnlyDictionary<string, Capture> bindings)
        => HasNoAbsentKeyword(rule, node) && RestFitsTheNewCallee(rule, bindings);

    private static bool RestFitsTheNewCallee(MigrationRule rule, IReadOnlyDictionary<string, Capture> bindings)
    {
        if (rule.ReplacePattern is not { } replacement) return true;
        foreach (var call in replacement.Root.DescendantsAndSelf())
        {
            if (call.Kind != "call" || call.ChildByField("function") is not { } fn || Pattern.AtomName(fn) is not { } callee) continue;
            if (Types.TypeTable.Shipped.Parameters(callee) is not { } accepted) continue;
            if (call.ChildByField("arguments") is not { Kind: "argument_list" } args) continue;
            foreach (var a in args.NamedChildren)
            {
                if (Pattern.SplatName(a) is not { } splat || !bindings.TryGetValue(splat, out var rest)) continue;
                foreach (var carried in rest.Nodes)
                {
                    if (carried.Kind == "dictionary_splat") return false;
                    if (carried.Kind == "keyword_argument" && carried.ChildByField("name") is { } name && !accepted.Contains(name.Text)) return false;
                }
            }
        }
        return true;
    }

    private static bool HasNoAbsentKeyword(MigrationRule rule, SyntaxNode node)
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
