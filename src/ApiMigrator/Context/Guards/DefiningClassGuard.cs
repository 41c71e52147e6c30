using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A class that defines the name a rule migrates owns that name. Two places are left alone:
/// <list type="bullet">
/// <item><c>self.N</c> / <c>cls.N</c> / <c>ClassName.N</c> inside a class that defines <c>N</c> (a method or a class attribute):
/// it is the class's own attribute, not the library's, so a rule about <c>N</c> must not rename it;</item>
/// <item>the body of a method <c>def N</c> when the rule's replacement calls <c>N</c>: <c>def ffill(self): return
/// self.fillna(method="ffill")</c> rewritten to <c>self.ffill()</c> would call itself forever.</item>
/// </list>
/// Nested classes are inspected on their own; the walk over a class body skips them, so each node is looked at once.
/// </summary>
public sealed class DefiningClassGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "defining-class";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DefinesApi;

    /// <inheritdoc/>
    public override string Description => "Inside a class that defines the migrated name, self.<name> is the class's own attribute; a method named like the replacement must not be rewritten to call itself.";

    /// <inheritdoc/>
    public override string Example => "class MyFrame(pd.DataFrame):\n    def ffill(self):\n        return self.fillna(method=\"ffill\")";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["class_definition"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (node.ChildByField("body") is not { } body || node.ChildByField("name") is not { } nameNode) return;
        var className = nameNode.Text;
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stmt in GuardSyntax.Parts(body))
        {
            var def = stmt.Kind == "decorated_definition" ? stmt.ChildByField("definition") : stmt;
            if (def is { Kind: "function_definition" or "class_definition" } d && d.ChildByField("name") is { } n)
            {
                defined.Add(n.Text);
                if (d.Kind == "function_definition" && d.ChildByField("body") is { } methodBody)
                    regions.Add(Region(methodBody, $"inside {className}.{n.Text}, which the replacement would call: it would call itself",
                        new RuleFilter { NewNames = new HashSet<string>(StringComparer.Ordinal) { n.Text } }));
            }
            else if (stmt.Kind == "expression_statement" && GuardSyntax.Parts(stmt).FirstOrNull() is { Kind: "assignment" } a
                     && a.ChildByField("left") is { Kind: "identifier" } left)
                defined.Add(left.Text);
        }
        if (defined.Count == 0) return;
        var tree = node.Tree;
        int end = body.SubtreeEnd();
        for (int i = body.Index + 1; i < end; i++)
        {
            var n = new SyntaxNode(tree, i);
            if (n.Kind == "class_definition") { i = n.SubtreeEnd() - 1; continue; }
            if (n.Kind != "attribute" || n.ChildByField("object") is not { Kind: "identifier" } obj || n.ChildByField("attribute") is not { } attr) continue;
            if (obj.Text is not ("self" or "cls") && obj.Text != className) continue;
            if (!defined.Contains(attr.Text)) continue;
            regions.Add(Region(n, $"{className} defines {attr.Text} itself; {obj.Text}.{attr.Text} is its own attribute",
                new RuleFilter { OldNames = new HashSet<string>(StringComparer.Ordinal) { attr.Text } }));
        }
    }
}
