using System.Runtime.CompilerServices;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Versions;

/// <summary>
/// The Python a typing rule's output needs at runtime, derived from the rule itself so that learned rules
/// (which record no <c>introduced</c>) are judged too: a replacement with a PEP 604 union (<c>$1 | None</c>)
/// needs 3.10; one with a PEP 585 builtin generic (<c>list[$1]</c>, <c>collections.abc.Iterable[$1]</c>) needs 3.9.
/// Both parse on every Python 3 and need nothing where the annotation is never evaluated (PEP 563), so there
/// they need only 3.7, the first Python with <c>from __future__ import annotations</c>.
/// </summary>
/// <param name="Runtime">Python needed where the output is evaluated.</param>
/// <param name="Feature">What needs it, for messages (<c>a PEP 604 union (X | None)</c>).</param>
/// <param name="UnionOperands">Metavariables the template uses as operands of <c>|</c>: a string or a non-class there fails at runtime.</param>
public sealed record PythonSyntaxRequirement(ReleaseVersion Runtime, string Feature, IReadOnlyList<string> UnionOperands)
{
    /// <summary>Python needed where the output is never evaluated.</summary>
    public static readonly ReleaseVersion Deferred = ReleaseVersion.Of(3, 7);

    private static readonly ConditionalWeakTable<MigrationRule, StrongBox<PythonSyntaxRequirement?>> Cache = [];

    private static readonly HashSet<string> BuiltinGenerics = new(StringComparer.Ordinal) { "list", "dict", "tuple", "set", "frozenset", "type" };

    /// <summary>The requirement of <paramref name="rule"/>'s output, or null when it uses no such syntax (or is not a typing rule).</summary>
    public static PythonSyntaxRequirement? Of(MigrationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Cache.GetValue(rule, r => new StrongBox<PythonSyntaxRequirement?>(Derive(r))).Value;
    }

    private static PythonSyntaxRequirement? Derive(MigrationRule rule)
    {
        if (rule.ReplacePattern is not { } replace) return null;
        if (!rule.MatchPattern.QualifiedNames.Any(q => q.StartsWith("typing.", StringComparison.Ordinal) || q.StartsWith("typing_extensions.", StringComparison.Ordinal)))
            return null;
        bool union = false, generic = false;
        var operands = new List<string>();
        foreach (var n in replace.Root.DescendantsAndSelf())
        {
            if (n.Kind == "binary_operator" && n.Children.Any(c => c.Kind == "|"))
            {
                union = true;
                foreach (var side in new[] { n.ChildByField("left"), n.ChildByField("right") })
                    if (side is { } s && Pattern.HoleName(s) is { } hole && !operands.Contains(hole)) operands.Add(hole);
            }
            if (n.Kind is "subscript" or "generic_type" && n.NamedChildren.FirstOrDefault() is { Tree: not null } head
                && (BuiltinGenerics.Contains(head.Text) || head.Text.StartsWith("collections.", StringComparison.Ordinal)))
                generic = true;
        }
        if (union) return new PythonSyntaxRequirement(ReleaseVersion.Of(3, 10), "a PEP 604 union (X | Y)", operands);
        if (generic) return new PythonSyntaxRequirement(ReleaseVersion.Of(3, 9), "a PEP 585 builtin generic (list[X])", []);
        return null;
    }
}
