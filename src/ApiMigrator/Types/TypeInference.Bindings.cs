using ApiMigrator.Python;

namespace ApiMigrator.Types;

// Flow within a scope: which bindings of a name reach a use, and what an assignment, a for/with target or a parameter binds.
internal sealed partial class TypeInference
{
    /// <summary>
    /// The bindings of a name that reach a use: the last one that dominates it (a statement of a block that
    /// contains the use), every later one before the use, and in a loop the ones later in the loop body.
    /// With none before the use, all of them (a global read in a function, a name bound later in a loop).
    /// </summary>
    private static IReadOnlyList<Binding> Reaching(IReadOnlyList<Binding> bindings, SyntaxNode use, Scope bindingScope)
    {
        if (bindings.Count == 1) return bindings;
        var before = bindings.Where(b => Effective(b) <= use.StartByte).OrderBy(Effective).ToList();
        if (before.Count == 0) return bindings;
        int dominator = -1;
        for (int i = before.Count - 1; i >= 0; i--)
            if (Dominates(before[i], use)) { dominator = i; break; }
        var result = dominator < 0 ? before : before.Skip(dominator).ToList();
        foreach (var b in bindings)
        {
            if (Effective(b) <= use.StartByte) continue;
            // A later assignment in a loop that holds the use reaches it on the next iteration.
            foreach (var a in use.Ancestors())
            {
                if (a == bindingScope.Node) break;
                if (a.Kind is "for_statement" or "while_statement" && a.Contains(b.Node)) { result.Add(b); break; }
            }
        }
        return result;
    }

    /// <summary>Where a binding takes effect: after its whole statement (<c>df = df.append(x)</c> reads the old <c>df</c>).</summary>
    private static int Effective(Binding b)
    {
        if (b.Kind == BindingKind.Parameter) return 0;
        foreach (var a in b.Node.Ancestors())
        {
            if (a.Kind is "for_statement" or "with_statement" or "for_in_clause" or "as_pattern") return b.Node.EndByte;
            if (a.Kind is "expression_statement" or "class_definition" or "function_definition" or "decorated_definition") return a.EndByte;
            if (a.Kind is "block" or "module") break;
        }
        return b.Node.EndByte;
    }

    private static bool Dominates(Binding b, SyntaxNode use)
    {
        if (b.Kind == BindingKind.Parameter) return true;
        foreach (var a in b.Node.Ancestors())
            if (a.Parent is { Kind: "block" or "module" } block) return block.Contains(use);
        return false;
    }

    private static Scope? FindBindingScope(string name, Scope from)
    {
        bool skipClasses = false;
        for (var s = from; s is not null; s = s.Parent)
        {
            if (!(skipClasses && s.Kind == ScopeKind.Class) && s.Lookup(name).Count > 0) return s;
            if (s.Kind != ScopeKind.Class) skipClasses = true;
        }
        return null;
    }

    private PyType OfBinding(Binding b, int depth)
    {
        if (depth > MaxDepth) return PyType.Unknown;
        int key = b.Node.Index;
        if (bindingTypes.TryGetValue(key, out var known)) return known;
        // A binding whose type depends on itself (`x = x.copy()` in a loop) adds nothing to the join.
        if (!inProgress.Add(key)) return PyType.Nothing;
        var t = b.Kind switch
        {
            BindingKind.Assignment => OfAssignment(b.Node, depth),
            BindingKind.Parameter => OfParameter(b.Node, depth),
            BindingKind.Definition => b.Node.Parent is { Kind: "class_definition" } ? PyType.Of($"type[{LocalClass(b.Node)}]") : PyType.Unknown,
            BindingKind.Import => b.Import is { } imp ? OfQualified(imp.QualifiedName) : PyType.Unknown,
            _ => PyType.Unknown,
        };
        inProgress.Remove(key);
        if (depth <= 1 || t.IsKnown) bindingTypes[key] = t;
        return t;
    }

    private PyType OfAssignment(SyntaxNode target, int depth)
    {
        var t = target;
        int index = -1;
        if (t.Parent is { Kind: "pattern_list" or "tuple_pattern" or "expression_list" or "list_pattern" } unpack)
        {
            var items = unpack.NamedChildren.Where(c => !c.IsExtra).ToList();
            index = items.IndexOf(t);
            t = unpack;
        }
        var p = t.Parent;
        if (p is { Kind: "assignment" } a && a.ChildByField("left") == t)
        {
            if (index < 0 && a.ChildByField("type") is { } annotation && Annotation(annotation, depth) is { IsUnknown: false } declared) return declared;
            if (a.ChildByField("right") is not { } right) return PyType.Unknown;
            // `x = y = value`: the right side is the inner assignment.
            while (right.Kind == "assignment" && right.ChildByField("right") is { } inner) right = inner;
            return index < 0 ? Of(right, depth + 1) : Element(right, index, depth);
        }
        if (p is { Kind: "augmented_assignment" }) return PyType.Nothing;
        if (p is { Kind: "for_statement" or "for_in_clause" } f && f.ChildByField("left") == t && f.ChildByField("right") is { } iterable)
        {
            var element = ElementOf(iterable, depth + 1);
            return index < 0 ? element : ItemOf(element, index);
        }
        if (target.Parent is { Kind: "as_pattern_target" } apt && apt.Parent is { Kind: "as_pattern" } ap
            && ap.Parent is { Kind: "with_item" } && ap.NamedChildren.FirstOrNull() is { } value)
            return Of(value, depth + 1);
        if (target.Parent is { Kind: "named_expression" } ne && ne.ChildByField("value") is { } nv) return Of(nv, depth + 1);
        return PyType.Unknown;
    }

    private PyType Element(SyntaxNode right, int index, int depth)
    {
        if (right.Kind is "tuple" or "expression_list" or "list" or "pattern_list")
        {
            var items = right.NamedChildren.Where(c => !c.IsExtra).ToList();
            return index < items.Count && !items.Any(i => i.Kind == "list_splat") ? Of(items[index], depth + 1) : PyType.Unknown;
        }
        return ItemOf(Of(right, depth + 1), index);
    }

    /// <summary>Item <paramref name="index"/> of a tuple type.</summary>
    private static PyType ItemOf(PyType t, int index)
    {
        var result = PyType.Nothing;
        foreach (var n in t.Names)
        {
            if (TypeNames.Base(n) != "tuple") return PyType.Unknown;
            var args = TypeNames.Arguments(n);
            if (index >= args.Count) return PyType.Unknown;
            result = result.Join(TypeNames.Parse(args[index]));
        }
        return t.Open || result.Names.Count == 0 ? PyType.Unknown : result;
    }

    /// <summary>What iterating over <paramref name="iterable"/> yields.</summary>
    private PyType ElementOf(SyntaxNode iterable, int depth)
    {
        if (depth > MaxDepth) return PyType.Unknown;
        switch (iterable.Kind)
        {
            case "list" or "tuple" or "set":
                return Join(iterable.NamedChildren.Where(c => !c.IsExtra), depth) is { Names.Count: > 0 } t ? t : PyType.Unknown;
            case "list_comprehension" or "set_comprehension" or "generator_expression":
                return iterable.ChildByField("body") is { } body ? Of(body, depth + 1) : PyType.Unknown;
            case "parenthesized_expression":
                return iterable.NamedChildren.FirstOrNull(c => !c.IsExtra) is { } inner ? ElementOf(inner, depth + 1) : PyType.Unknown;
            case "call" when iterable.ChildByField("function") is { Kind: "identifier" } fn && scope.Resolve(fn).Kind == ResolutionKind.Builtin
                && iterable.ChildByField("arguments") is { } args && args.NamedChildren.FirstOrNull(c => !c.IsExtra) is { } first:
                return fn.Text switch
                {
                    "enumerate" => PyType.Of($"tuple[builtins.int, {Written(ElementOf(first, depth + 1))}]"),
                    "reversed" or "sorted" or "list" or "tuple" or "set" or "iter" => ElementOf(first, depth + 1),
                    _ => PyType.Unknown,
                };
        }
        var container = Of(iterable, depth + 1);
        var result = PyType.Nothing;
        foreach (var n in container.Names)
        {
            var args = TypeNames.Arguments(n);
            var b = table.Canonical(TypeNames.Base(n));
            if (TypeNames.IsLibraryValue(n)) result = result.Join(PyType.Of(n));
            else if (b is "builtins.list" or "builtins.set" or "numpy.ndarray" && args.Count == 1) result = result.Join(TypeNames.Parse(args[0]));
            else if (b == "tuple") foreach (var a in args) result = result.Join(TypeNames.Parse(a));
            else if (table.Class(b)?.Iterates is { } it) result = result.Join(Substitute(it, n));
            else return PyType.Unknown;
        }
        return container.Open || result.Names.Count == 0 ? PyType.Unknown : result;
    }

    private PyType OfParameter(SyntaxNode name, int depth)
    {
        var p = name.Parent;
        if (p is { Kind: "typed_parameter" or "typed_default_parameter" } tp && tp.ChildByField("type") is { } type
            && Annotation(type, depth) is { IsUnknown: false } declared)
            return declared;
        var param = p is { Kind: "typed_parameter" or "typed_default_parameter" or "default_parameter" } ? p.Value : name;
        // `self` / `cls`: the first parameter of a method stands for the enclosing class.
        if (param.Parent is { Kind: "parameters" } ps && ps.NamedChildren.FirstOrNull(c => !c.IsExtra) == param
            && ps.Parent is { Kind: "function_definition" } fn && EnclosingClass(fn) is { } cls && cls.ChildByField("name") is { } className)
        {
            var decorators = fn.Parent is { Kind: "decorated_definition" } d ? d.NamedChildren.Where(c => c.Kind == "decorator").Select(c => c.Text).ToList() : [];
            if (decorators.Any(x => x.Contains("staticmethod", StringComparison.Ordinal))) return PyType.Unknown;
            var local = LocalClass(className);
            return decorators.Any(x => x.Contains("classmethod", StringComparison.Ordinal)) ? PyType.Of($"type[{local}]") : PyType.Of(local);
        }
        return PyType.Unknown;
    }

    private static SyntaxNode? EnclosingClass(SyntaxNode function)
    {
        var container = function.Parent is { Kind: "decorated_definition" } d ? d.Parent : function.Parent;
        return container is { Kind: "block" } block && block.Parent is { Kind: "class_definition" } cls ? cls : null;
    }
}
