using ApiMigrator.Python;

namespace ApiMigrator.Types;

// Classes defined in the file: their bases, methods' return annotations and `self.x = …` attributes.
internal sealed partial class TypeInference
{
    /// <summary>A member of a class in the file: a method's return annotation, or the join of its <c>self.x = …</c> assignments.</summary>
    private PyType? LocalMember(string localType, string name, bool call, int depth)
    {
        if (depth > MaxDepth) return PyType.Unknown;
        if (!LocalClasses().TryGetValue(localType, out var cls) || cls.ChildByField("body") is not { } body) return null;
        foreach (var stmt in body.NamedChildren)
        {
            var def = stmt.Kind == "decorated_definition" ? stmt.ChildByField("definition") : stmt;
            if (def is { Kind: "function_definition" } f && f.ChildByField("name")?.Text == name)
                return call && f.ChildByField("return_type") is { } rt ? Annotation(rt, depth + 1) : PyType.Unknown;
        }
        if (call) return null;
        var key = localType + "." + name;
        if (memberTypes.TryGetValue(key, out var known)) return known;
        // `self.frame = self.frame.append(x)` reads the attribute it assigns: the cycle adds nothing.
        if (!membersInProgress.Add(key)) return PyType.Nothing;
        var result = SelfAssignments(body, name, depth);
        membersInProgress.Remove(key);
        if (result is { IsKnown: true }) memberTypes[key] = result;
        return result;
    }

    private PyType? SelfAssignments(SyntaxNode body, string name, int depth)
    {
        var t = PyType.Nothing;
        bool found = false;
        foreach (var n in body.DescendantsAndSelf())
        {
            if (n.Kind != "attribute" || n.FieldName != "left" || n.Parent is not { Kind: "assignment" } a) continue;
            if (n.ChildByField("attribute")?.Text != name || n.ChildByField("object") is not { Kind: "identifier" } obj || obj.Text != "self") continue;
            found = true;
            t = a.ChildByField("type") is { } ann && Annotation(ann, depth + 1) is { IsUnknown: false } declared ? t.Join(declared)
                : a.ChildByField("right") is { } right ? t.Join(Of(right, depth + 1)) : t.Join(PyType.Unknown);
        }
        return found ? t.Names.Count == 0 ? PyType.Unknown : t : null;
    }

    private Dictionary<string, SyntaxNode> LocalClasses()
    {
        if (localClasses is not null) return localClasses;
        localClasses = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        foreach (var n in scope.Tree.Root.DescendantsAndSelf())
            if (n.Kind == "class_definition" && n.ChildByField("name") is { } name) localClasses.TryAdd(TypeNames.LocalPrefix + name.Text, n);
        return localClasses;
    }

    private static string LocalClass(SyntaxNode className) => TypeNames.LocalPrefix + className.Text;

    /// <summary>The bases of a class in the file, as type names (a library class named as a base need not be in the table).</summary>
    private IReadOnlyList<string> LocalBases(string localType)
    {
        if (!LocalClasses().TryGetValue(localType, out var cls) || cls.ChildByField("superclasses") is not { } bases) return [];
        var result = new List<string>();
        foreach (var b in bases.NamedChildren.Where(b => b.Kind is "identifier" or "attribute" or "subscript"))
        {
            var head = b.Kind == "subscript" ? b.ChildByField("value") ?? b : b;
            var r = scope.Resolve(head);
            if (r.Kind == ResolutionKind.Imported) result.Add(table.Canonical(r.QualifiedName!));
            else if (r.Kind == ResolutionKind.Unbound && ConventionalAliases.Expand(r.DottedText) is { } conv) result.Add(table.Canonical(conv));
            else if (head.Kind == "identifier" && LocalClasses().ContainsKey(TypeNames.LocalPrefix + head.Text)) result.Add(TypeNames.LocalPrefix + head.Text);
        }
        return result;
    }
}
