using ApiMigrator.Python;

namespace ApiMigrator.Matching;

/// <summary>
/// The alias conventions of the scientific Python world. A snippet or notebook cell that says
/// <c>np.float_</c> with no import in sight almost certainly means NumPy — medium evidence, never strong.
/// </summary>
public static class ConventionalAliases
{
    /// <summary>Alias → module.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByAlias = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["np"] = "numpy", ["pd"] = "pandas", ["tf"] = "tensorflow", ["plt"] = "matplotlib.pyplot", ["mpl"] = "matplotlib",
        ["sa"] = "sqlalchemy", ["sns"] = "seaborn",
    };

    /// <summary>Module → alias (for adding an import in the conventional style).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByModule = ByAlias.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Maps dotted text whose root is a conventional alias to a qualified name (<c>np.float_</c> → <c>numpy.float_</c>).</summary>
    public static string? Expand(string? dotted)
    {
        if (dotted is null) return null;
        int dot = dotted.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? dotted : dotted[..dot];
        return ByAlias.TryGetValue(root, out var module) ? module + (dot < 0 ? "" : dotted[dot..]) : null;
    }
}

/// <summary>What is known about where a value comes from.</summary>
public sealed record Origin(IReadOnlySet<string> Packages, string? Literal)
{
    /// <summary>Nothing known.</summary>
    public static readonly Origin Unknown = new(new HashSet<string>(), null);

    /// <summary>True when nothing is known.</summary>
    public bool IsUnknown => Packages.Count == 0 && Literal is null;
}

/// <summary>
/// Local, flow-insensitive evidence about the receiver of a method call: <c>df = pd.read_csv(…)</c>
/// makes <c>df</c> a pandas value; <c>self</c> in <c>class T(unittest.TestCase)</c> is unittest's;
/// a list literal is a list. Used to raise or lower the confidence of receiver-typed patterns.
/// </summary>
public static class ReceiverEvidence
{
    private const int MaxDepth = 5;

    /// <summary>Where the value of <paramref name="expr"/> comes from, as top-level packages or a literal kind.</summary>
    public static Origin Of(SyntaxNode expr, ModuleScope scope) => Of(expr, scope, 0);

    private static Origin Of(SyntaxNode expr, ModuleScope scope, int depth)
    {
        if (depth > MaxDepth) return Origin.Unknown;
        switch (expr.Kind)
        {
            case "list" or "list_comprehension": return new Origin(new HashSet<string>(), "list");
            case "dictionary" or "dictionary_comprehension": return new Origin(new HashSet<string>(), "dict");
            case "set" or "set_comprehension": return new Origin(new HashSet<string>(), "set");
            case "tuple": return new Origin(new HashSet<string>(), "tuple");
            case "string" or "concatenated_string": return new Origin(new HashSet<string>(), "str");
            case "integer" or "float": return new Origin(new HashSet<string>(), "number");
            case "parenthesized_expression" or "await":
                return expr.NamedChildren.FirstOrNull() is { } inner ? Of(inner, scope, depth + 1) : Origin.Unknown;
            case "subscript":
                return expr.ChildByField("value") is { } v ? Of(v, scope, depth + 1) : Origin.Unknown;
            case "call":
            {
                var fn = expr.ChildByField("function");
                if (fn is null) return Origin.Unknown;
                var r = scope.Resolve(fn.Value);
                if (r.Kind == ResolutionKind.Imported) return Packages(r.QualifiedName!);
                if (r.Kind == ResolutionKind.Unbound && ConventionalAliases.Expand(r.DottedText) is { } conv) return Packages(conv);
                if (fn.Value.Kind == "attribute" && fn.Value.ChildByField("object") is { } recv) return Of(recv, scope, depth + 1);
                if (fn.Value.Kind == "identifier") return OfName(fn.Value, scope, depth);
                return Origin.Unknown;
            }
            case "attribute":
            {
                var r = scope.Resolve(expr);
                if (r.Kind == ResolutionKind.Imported) return Packages(r.QualifiedName!);
                return expr.ChildByField("object") is { } obj ? Of(obj, scope, depth + 1) : Origin.Unknown;
            }
            case "identifier":
                return OfName(expr, scope, depth);
            default:
                return Origin.Unknown;
        }
    }

    private static Origin OfName(SyntaxNode id, ModuleScope scope, int depth)
    {
        var r = scope.Resolve(id);
        if (r.Kind == ResolutionKind.Imported) return Packages(r.QualifiedName!);
        if (r.Kind == ResolutionKind.Unbound && ConventionalAliases.Expand(r.DottedText) is { } conv) return Packages(conv);
        if (r.Kind != ResolutionKind.Local) return Origin.Unknown;
        var bindingScope = FindBindingScope(id.Text, scope.ScopeOf(id));
        if (bindingScope is null) return Origin.Unknown;
        var packages = new HashSet<string>(StringComparer.Ordinal);
        string? literal = null;
        foreach (var b in bindingScope.Lookup(id.Text))
        {
            Origin o = b.Kind switch
            {
                BindingKind.Assignment => OfAssignment(b.Node, scope, depth),
                BindingKind.Parameter => OfParameter(b.Node, scope, depth),
                BindingKind.Definition => OfClass(b.Node, scope, depth),
                _ => Origin.Unknown,
            };
            packages.UnionWith(o.Packages);
            literal ??= o.Literal;
        }
        return new Origin(packages, packages.Count > 0 ? null : literal);
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

    private static Origin OfAssignment(SyntaxNode target, ModuleScope scope, int depth)
    {
        // x = <value>  |  x, y = <value>  |  for x in <value>  |  with <value> as x
        var t = target;
        while (t.Parent is { Kind: "pattern_list" or "tuple_pattern" or "tuple" or "list_pattern" or "list" or "expression_list" or "parenthesized_expression" } up) t = up;
        var p = t.Parent;
        if (p is { Kind: "assignment" } a && a.ChildByField("left") == t && a.ChildByField("right") is { } right)
            return Of(right, scope, depth + 1);
        if (p is { Kind: "for_statement" or "for_in_clause" } f && f.ChildByField("left") == t && f.ChildByField("right") is { } iterable)
            return ElementOf(iterable, scope, depth + 1);
        p = target.Parent;
        if (p is { Kind: "as_pattern_target" } && p.Value.Parent is { Kind: "as_pattern" } ap && ap.NamedChildren.FirstOrNull() is { } value)
            return Of(value, scope, depth + 1);
        return Origin.Unknown;
    }

    /// <summary>Where the elements of an iterable come from: `for t in tasks` with `tasks = [Task(…) for …]` gives Task's package.</summary>
    private static Origin ElementOf(SyntaxNode iterable, ModuleScope scope, int depth)
    {
        if (depth > MaxDepth) return Origin.Unknown;
        switch (iterable.Kind)
        {
            case "list" or "tuple" or "set":
            {
                var packages = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in iterable.NamedChildren.Where(c => !c.IsExtra)) packages.UnionWith(Of(e, scope, depth + 1).Packages);
                return new Origin(packages, null);
            }
            case "list_comprehension" or "set_comprehension" or "generator_expression":
                return iterable.ChildByField("body") is { } body ? Of(body, scope, depth + 1) : Origin.Unknown;
            case "parenthesized_expression":
                return iterable.NamedChildren.FirstOrNull() is { } inner ? ElementOf(inner, scope, depth + 1) : Origin.Unknown;
            case "identifier":
            {
                // A local list built in this scope: look at what it was built from.
                if (scope.Resolve(iterable).Kind != ResolutionKind.Local) return new Origin(Of(iterable, scope, depth + 1).Packages, null);
                var bindingScope = FindBindingScope(iterable.Text, scope.ScopeOf(iterable));
                var packages = new HashSet<string>(StringComparer.Ordinal);
                foreach (var b in bindingScope?.Lookup(iterable.Text) ?? [])
                    if (b.Kind == BindingKind.Assignment && b.Node.Parent is { Kind: "assignment" } a && a.ChildByField("left") == b.Node && a.ChildByField("right") is { } rhs)
                        packages.UnionWith(ElementOf(rhs, scope, depth + 1).Packages);
                return new Origin(packages, null);
            }
            default:
                // Iterating a library object (`axes.flat`, `df.itertuples()`) yields the library's objects.
                return new Origin(Of(iterable, scope, depth + 1).Packages, null);
        }
    }

    private static Origin OfParameter(SyntaxNode name, ModuleScope scope, int depth)
    {
        var p = name.Parent;
        if (p is { Kind: "typed_parameter" or "typed_default_parameter" } tp && tp.ChildByField("type") is { } type)
        {
            if (type.NamedChildren.FirstOrNull() is { } annotation)
            {
                var r = scope.Resolve(annotation.Kind == "subscript" ? annotation.ChildByField("value") ?? annotation : annotation);
                if (r.Kind == ResolutionKind.Imported) return Packages(r.QualifiedName!);
                if (r.Kind == ResolutionKind.Local && annotation.Kind == "identifier") return OfName(annotation, scope, depth + 1);
            }
        }
        // `self` / `cls`: the first parameter of a method stands for the enclosing class.
        if (p is { Kind: "parameters" } ps && ps.NamedChildren.FirstOrDefault() == name
            && ps.Parent is { Kind: "function_definition" } fn)
        {
            var container = fn.Parent is { Kind: "decorated_definition" } d ? d.Parent : fn.Parent;
            if (container is { Kind: "block" } block && block.Parent is { Kind: "class_definition" } cls && cls.ChildByField("name") is { } className)
                return OfClass(className, scope, depth);
        }
        return Origin.Unknown;
    }

    private static Origin OfClass(SyntaxNode name, ModuleScope scope, int depth)
    {
        if (name.Parent is not { Kind: "class_definition" } cls) return Origin.Unknown;
        var packages = new HashSet<string>(StringComparer.Ordinal);
        if (cls.ChildByField("superclasses") is { } bases)
            foreach (var b in bases.NamedChildren.Where(b => b.Kind is "identifier" or "attribute" or "subscript"))
                packages.UnionWith(Of(b, scope, depth + 1).Packages);
        return new Origin(packages, null);
    }

    private static Origin Packages(string qualified) => new(new HashSet<string>(StringComparer.Ordinal) { PackageOf(qualified) }, null);

    /// <summary>
    /// The package a qualified name belongs to, for evidence: its top-level package, except that a
    /// version namespace inside it counts as a package of its own — a <c>pydantic.v1</c> model keeps the
    /// v1 API on purpose, and <c>tensorflow.compat.v1</c> code is TF1 code.
    /// </summary>
    public static string PackageOf(string qualified)
    {
        var parts = qualified.Split('.');
        if (parts.Length > 1 && (parts[1] == "compat" || parts[1].Length > 1 && parts[1][0] == 'v' && parts[1][1..].All(char.IsAsciiDigit)))
            return parts[0] + "." + parts[1];
        return parts[0];
    }
}
