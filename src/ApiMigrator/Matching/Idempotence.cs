using System.Runtime.CompilerServices;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>
/// Idempotence per rule: a rule whose replacement contains its own pattern (<c>$1.week</c> →
/// <c>$1.isocalendar().week</c>, <c>$1.delete</c> → <c>$1.delete().where</c>) must not match the code it
/// produced, nor code already written on the new API — else <c>x.isocalendar().week</c> grows into
/// <c>x.isocalendar().isocalendar().week</c>. Where the pattern occurs inside the replacement is found once
/// per rule; at a match, the enclosing code at that depth is tried against the replacement.
/// </summary>
internal static class Idempotence
{
    private static readonly ConditionalWeakTable<MigrationRule, int[]> Depths = new();

    /// <summary>True when the match at <paramref name="node"/> sits inside an instance of the rule's own replacement.</summary>
    public static bool IsAlreadyNew(MigrationRule rule, SyntaxNode node, ModuleScope scope)
    {
        if (rule.ReplacePattern is not { } replacement) return false;
        foreach (var depth in Depths.GetValue(rule, SelfOccurrences))
        {
            SyntaxNode? at = node;
            for (int i = 0; i < depth && at is not null; i++) at = at.Value.Parent;
            if (at is { } outer && PatternMatcher.Match(replacement, outer, scope) is not null) return true;
        }
        return false;
    }

    /// <summary>How many levels below the replacement's root the match pattern occurs in it (empty: nowhere).</summary>
    private static int[] SelfOccurrences(MigrationRule rule)
    {
        var replacement = rule.ReplacePattern!;
        var scope = ModuleScope.Build(replacement.Tree);
        var depths = new List<int>();
        foreach (var n in replacement.Root.DescendantsAndSelf())
        {
            if (!n.IsNamed || PatternMatcher.Match(rule.MatchPattern, n, scope) is null) continue;
            int depth = 0;
            for (var p = n; p != replacement.Root && p.Parent is { } up; p = up) depth++;
            if (!depths.Contains(depth)) depths.Add(depth);
        }
        return [.. depths];
    }
}
