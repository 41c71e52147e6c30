using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// <c>if hasattr(np, "trapezoid"): … else: …</c> and <c>np.trapezoid if hasattr(np, "trapezoid") else np.trapz</c> choose
/// between the new and the old spelling at run time: every branch (and both arms) is left alone, for the rules of the
/// library tested. <c>getattr(np, "trapezoid", None) or np.trapz</c> is the same choice in one statement. When the
/// object tested is not a library (<c>hasattr(df, "iteritems")</c>), the rules that name the attribute are held back.
/// </summary>
internal sealed class HasattrGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "hasattr-branch";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.CompatibilityBranch;

    /// <inheritdoc/>
    public override string Description => "Every branch of if hasattr(lib, \"name\") (and both arms of a conditional expression so guarded, and a getattr(lib, \"name\", default) statement) keeps both spellings.";

    /// <inheritdoc/>
    public override string Example => "if hasattr(np, \"trapezoid\"):\n    area = np.trapezoid(y, x)\nelse:\n    area = np.trapz(y, x)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["if_statement", "conditional_expression", "call"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (node.Kind == "call")
        {
            // getattr(np, "trapezoid", None): the statement holding it picks a spelling.
            if (node.ChildByField("function") is not { Kind: "identifier", Text: "getattr" } || GuardSyntax.PositionalArguments(node) is not { Count: 3 } g) return;
            if (Tested(g[0], g[1], context.Scope) is not { } filter) return;
            regions.Add(Region(Statement(node), $"getattr({GuardSyntax.Short(g[0])}, {g[1].Text}, …) on line {GuardSyntax.Line(node)} falls back when the name is missing", filter));
            return;
        }
        foreach (var condition in VersionGuard.Conditions(node))
        {
            foreach (var n in condition.DescendantsAndSelf())
            {
                if (n.Kind != "call" || n.ChildByField("function") is not { Kind: "identifier", Text: "hasattr" }) continue;
                if (GuardSyntax.PositionalArguments(n) is not { Count: 2 } args || Tested(args[0], args[1], context.Scope) is not { } filter) continue;
                regions.Add(Branches(node, $"{(node.Kind == "if_statement" ? "branch" : "arm")} of `{GuardSyntax.Short(n)}` on line {GuardSyntax.Line(n)}", filter));
                return;
            }
        }
    }

    /// <summary>The rules a test of <paramref name="obj"/> for attribute <paramref name="name"/> holds back, or null if it is no such test.</summary>
    private static RuleFilter? Tested(SyntaxNode obj, SyntaxNode name, ModuleScope scope)
    {
        if (GuardSyntax.StringValue(name) is not { Length: > 0 } attr) return null;
        if (GuardSyntax.PackageOf(obj, scope) is { } package) return RuleFilter.ForPackages([package]);
        return new RuleFilter { Names = new HashSet<string>(StringComparer.Ordinal) { attr } };
    }

    /// <summary>The simple statement holding an expression (the expression itself at worst).</summary>
    private static SyntaxNode Statement(SyntaxNode n)
    {
        for (var p = n.Parent; p is { } a; p = a.Parent)
            if (a.Kind is "expression_statement" or "return_statement") return a;
            else if (a.Kind is "block" or "module") break;
        return n;
    }
}
