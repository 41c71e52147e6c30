using System.Text;
using ApiMigrator.Matching;
using ApiMigrator.Python;

namespace ApiMigrator.Context;

/// <summary>Small syntax questions the guards share. Every walk here is a loop: input nesting never grows the stack.</summary>
internal static class GuardSyntax
{
    /// <summary><c>pytest.warns</c> for an identifier/attribute chain, else null.</summary>
    public static string? DottedName(SyntaxNode n)
    {
        var parts = new List<string>();
        var cur = n;
        while (cur.Kind == "attribute")
        {
            if (cur.ChildByField("attribute") is not { } a || cur.ChildByField("object") is not { } o) return null;
            parts.Add(a.Text);
            cur = o;
        }
        if (cur.Kind != "identifier") return null;
        parts.Add(cur.Text);
        parts.Reverse();
        return string.Join('.', parts);
    }

    /// <summary>The dotted name of a call's callee (<c>pytest.warns</c> in <c>pytest.warns(…)</c>), else null.</summary>
    public static string? CalleeName(SyntaxNode call)
        => call.Kind == "call" && call.ChildByField("function") is { } f ? DottedName(f) : null;

    /// <summary>The last component of a dotted name.</summary>
    public static string Last(string dotted) => dotted[(dotted.LastIndexOf('.') + 1)..];

    /// <summary>The identifier an attribute chain starts from (<c>np</c> in <c>np.testing.assert_warns</c>), else null.</summary>
    public static SyntaxNode? Root(SyntaxNode n)
    {
        var cur = n;
        while (cur.Kind == "attribute")
        {
            if (cur.ChildByField("object") is not { } o) return null;
            cur = o;
        }
        return cur.Kind == "identifier" ? cur : null;
    }

    /// <summary>
    /// The top-level package an expression's name chain comes from: through the imports (<c>np</c> → numpy), or
    /// a conventional alias with no import in sight; null when it is not a library name.
    /// </summary>
    public static string? PackageOf(SyntaxNode expr, ModuleScope scope)
    {
        if (Root(expr) is not { } root) return null;
        var r = scope.Resolve(root);
        if (r.Kind == ResolutionKind.Imported && r.QualifiedName is { } q && !q.StartsWith('.')) return q.Split('.')[0];
        if (r.Kind == ResolutionKind.Unbound && ConventionalAliases.ByAlias.TryGetValue(root.Text, out var module)) return module.Split('.')[0];
        return null;
    }

    /// <summary>The text of a plain string literal (no f-string parts), else null.</summary>
    public static string? StringValue(SyntaxNode n)
    {
        if (n.Kind == "concatenated_string")
        {
            var all = new StringBuilder();
            foreach (var part in n.NamedChildren)
            {
                if (StringValue(part) is not { } s) return null;
                all.Append(s);
            }
            return all.ToString();
        }
        if (n.Kind != "string") return null;
        var sb = new StringBuilder();
        foreach (var c in n.NamedChildren)
        {
            if (c.Kind == "interpolation") return null;
            if (c.Kind == "string_content") sb.Append(c.Text);
        }
        return sb.ToString();
    }

    /// <summary>The node's text on one line, cut to <paramref name="max"/> characters, for a finding's detail.</summary>
    public static string Short(SyntaxNode n, int max = 60)
    {
        var text = n.Text;
        int nl = text.IndexOfAny(['\r', '\n']);
        if (nl >= 0) text = text[..nl].TrimEnd() + " …";
        return text.Length > max ? text[..max] + "…" : text;
    }

    /// <summary>1-based line of a node.</summary>
    public static int Line(SyntaxNode n) => n.Start.Line;

    /// <summary>The named children of a node that are not comments.</summary>
    public static IEnumerable<SyntaxNode> Parts(SyntaxNode n) => n.NamedChildren.Where(c => !c.IsExtra);

    /// <summary>The positional arguments of a call (no keywords, no splats).</summary>
    public static List<SyntaxNode> PositionalArguments(SyntaxNode call)
        => call.ChildByField("arguments") is { Kind: "argument_list" } args
            ? Parts(args).Where(a => a.Kind is not ("keyword_argument" or "list_splat" or "dictionary_splat")).ToList()
            : [];

    /// <summary>The innermost enclosing class definition, or null.</summary>
    public static SyntaxNode? EnclosingClass(SyntaxNode n)
    {
        for (var p = n.Parent; p is { } a; p = a.Parent)
            if (a.Kind == "class_definition") return a;
        return null;
    }
}
