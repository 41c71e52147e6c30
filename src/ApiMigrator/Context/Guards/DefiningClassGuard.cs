using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A class that defines the name a rule migrates owns that name. Two places are left alone:
/// <list type="bullet">
/// <item><c>self.N</c> / <c>cls.N</c> / <c>ClassName.N</c> inside a class that defines <c>N</c> (a method or a class attribute):
/// it is the class's own attribute, not the library's, so a rule about <c>N</c> must not rename it;</item>
/// <item>a match on <c>self</c>/<c>cls</c> in the body of a method <c>def N</c> when the rule's replacement calls <c>N</c>:
/// <c>def ffill(self): return self.fillna(method="ffill")</c> rewritten to <c>self.ffill()</c> would call itself forever.</item>
/// </list>
/// Nested classes are inspected on their own; the walk over a class body skips them, so each node is looked at once.
/// </summary>
internal sealed class DefiningClassGuard : ContextGuard
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
                    SelfCalls(d, methodBody, className, n.Text, context, regions);
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

    /// <summary>
    /// In <c>def N(self, …)</c>, a match on <c>self</c>/<c>cls</c> (<c>self.fillna(method="ffill")</c>) whose rule's replacement
    /// calls <c>N</c> would make the method call itself. A match on another receiver (<c>datetime.utcnow()</c> in
    /// <c>Time.now</c>) calls someone else's <c>N</c> and is migrated.
    /// </summary>
    private void SelfCalls(SyntaxNode def, SyntaxNode body, string className, string method, GuardContext context, List<ProtectedRegion> regions)
    {
        var first = def.ChildByField("parameters") is { } ps ? GuardSyntax.Parts(ps).FirstOrNull() : null;
        var selfName = first is { Kind: "identifier" } f ? f.Text : "self";
        foreach (var m in context.Matches)
        {
            if (m.Node.StartByte < body.StartByte || m.Node.EndByte > body.EndByte || m.IsImportSite) continue;
            if (ReceiverRoot(m.Node) is not { } root || root.Text != selfName && root.Text is not ("self" or "cls")) continue;
            regions.Add(Region(m.Node, $"inside {className}.{method}, which the replacement would call: it would call itself",
                new RuleFilter { NewNames = new HashSet<string>(StringComparer.Ordinal) { method } }));
        }
    }

    /// <summary>The identifier a call/attribute/subscript chain starts from (<c>self</c> in <c>self.a.b(…)[0]</c>).</summary>
    private static SyntaxNode? ReceiverRoot(SyntaxNode n)
    {
        var cur = n;
        while (true)
        {
            var next = cur.Kind switch
            {
                "call" => cur.ChildByField("function"),
                "attribute" => cur.ChildByField("object"),
                "subscript" => cur.ChildByField("value"),
                _ => null,
            };
            if (next is not { } nx) return cur.Kind == "identifier" ? cur : null;
            cur = nx;
        }
    }
}
