using System.Runtime.CompilerServices;
using ApiMigrator.Python;

namespace ApiMigrator.Types;

/// <summary>
/// Local type inference over one module (docs/ARCHITECTURE.md, "Types"): what an expression holds, from
/// the library type table (<see cref="TypeTable"/>), literals and builtins, assignments (flow-sensitive
/// within a scope: the assignments that reach the use; a name assigned on several paths has the join of
/// their types), annotations of parameters, variables and returns, <c>self.x = …</c> across a class, and
/// return annotations of functions in the same file. Unknown stays unknown. Recursion is bounded by
/// <see cref="MaxDepth"/>: deep nesting gives unknown, never a stack overflow.
/// </summary>
internal sealed partial class TypeInference
{
    /// <summary>Deepest chain of expressions and bindings followed for one question.</summary>
    public const int MaxDepth = 40;

    private static readonly ConditionalWeakTable<ModuleScope, TypeInference> Cache = new();

    private readonly ModuleScope scope;
    private readonly TypeTable table;
    private readonly Dictionary<int, PyType> bindingTypes = new();
    private readonly HashSet<int> inProgress = [];
    private readonly Dictionary<string, PyType?> memberTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> membersInProgress = new(StringComparer.Ordinal);
    private Dictionary<string, SyntaxNode>? localClasses;

    /// <summary>Inference over <paramref name="scope"/> with <paramref name="table"/>.</summary>
    public TypeInference(ModuleScope scope, TypeTable table)
    {
        this.scope = scope;
        this.table = table;
    }

    /// <summary>The shared inference for a module with the shipped type table (one per parsed module).</summary>
    public static TypeInference For(ModuleScope scope) => Cache.GetValue(scope, s => new TypeInference(s, TypeTable.Shipped));

    /// <summary>The table in use.</summary>
    public TypeTable Table => table;

    /// <summary>What <paramref name="expr"/> holds.</summary>
    public PyType TypeOf(SyntaxNode expr)
    {
        var t = Of(expr, 0);
        // Nothing (a cycle) is an internal value: a question from outside gets unknown instead.
        return t.Names.Count == 0 ? PyType.Unknown : t;
    }

    /// <summary>True when a value of type <paramref name="actual"/> is a <paramref name="required"/> (a qualified type, or <c>type[…]</c>).</summary>
    public bool IsA(string actual, string required)
    {
        bool wantClass = TypeNames.IsClassObject(required);
        var want = table.Canonical(wantClass ? Unwrap(required) : TypeNames.Base(required));
        bool isClass = TypeNames.IsClassObject(actual);
        if (wantClass && !isClass) return false;
        // A class object stands for its instances' methods too (classmethods such as parse_obj, from_dict).
        var have = isClass ? Unwrap(actual) : actual;
        return table.SelfAndBases(have, LocalBases).Contains(want, StringComparer.Ordinal);
    }

    /// <summary>The packages a value of this type belongs to: its own, or (for a class in the file) those of its bases.</summary>
    public IReadOnlySet<string> PackagesOf(string name)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var n = TypeNames.IsClassObject(name) ? Unwrap(name) : name;
        foreach (var t in table.SelfAndBases(n, LocalBases))
            if (TypeNames.Package(t) is { } p) result.Add(p);
        return result;
    }

    /// <summary>The nearest types the table describes (or library classes named as bases) of a type: a class in the file gives its library bases.</summary>
    public IReadOnlyList<string> LibraryTypesOf(string name)
    {
        bool cls = TypeNames.IsClassObject(name);
        var n = cls ? Unwrap(name) : name;
        if (!n.StartsWith(TypeNames.LocalPrefix, StringComparison.Ordinal)) return [name];
        var result = new List<string>();
        var work = new Stack<string>(LocalBases(n));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (!seen.Add(b)) continue;
            if (b.StartsWith(TypeNames.LocalPrefix, StringComparison.Ordinal)) { foreach (var x in LocalBases(b)) work.Push(x); continue; }
            result.Add(cls ? $"type[{b}]" : b);
        }
        return result;
    }

    private static string Unwrap(string classObject) => TypeNames.Arguments(classObject) is [var inner] ? inner : classObject;

    private PyType Of(SyntaxNode expr, int depth)
    {
        if (depth > MaxDepth) return PyType.Unknown;
        switch (expr.Kind)
        {
            case "string" or "concatenated_string": return PyType.Of("builtins.str");
            case "integer": return PyType.Of("builtins.int");
            case "float": return PyType.Of("builtins.float");
            case "true" or "false" or "not_operator": return PyType.Of("builtins.bool");
            case "none": return PyType.None;
            case "dictionary" or "dictionary_comprehension": return PyType.Of("builtins.dict");
            case "set" or "set_comprehension": return PyType.Of("builtins.set");
            case "list": return PyType.Of(Generic("builtins.list", Join(expr.NamedChildren.Where(c => !c.IsExtra), depth)));
            case "tuple":
            {
                var items = expr.NamedChildren.Where(c => !c.IsExtra).ToList();
                if (items.Any(i => i.Kind is "list_splat" or "parenthesized_list_splat")) return PyType.Of("builtins.tuple");
                return PyType.Of($"tuple[{string.Join(", ", items.Select(i => Written(Of(i, depth + 1))))}]");
            }
            case "list_comprehension":
                return PyType.Of(Generic("builtins.list", expr.ChildByField("body") is { } body ? Of(body, depth + 1) : PyType.Unknown));
            case "parenthesized_expression":
                return expr.NamedChildren.FirstOrNull(c => !c.IsExtra) is { } inner ? Of(inner, depth + 1) : PyType.Unknown;
            case "conditional_expression":
            {
                var parts = expr.NamedChildren.Where(c => !c.IsExtra).ToList();
                return parts.Count == 3 ? Of(parts[0], depth + 1).Join(Of(parts[2], depth + 1)) : PyType.Unknown;
            }
            case "boolean_operator" when expr.ChildByField("left") is { } l && expr.ChildByField("right") is { } r:
                return Of(l, depth + 1).Join(Of(r, depth + 1));
            case "named_expression" when expr.ChildByField("value") is { } v:
                return Of(v, depth + 1);
            case "identifier": return OfName(expr, depth);
            case "attribute": return OfAttribute(expr, depth);
            case "call": return OfCall(expr, depth);
            case "subscript": return OfSubscript(expr, depth);
            default: return PyType.Unknown;
        }
    }

    private PyType Join(IEnumerable<SyntaxNode> nodes, int depth)
    {
        var t = PyType.Nothing;
        foreach (var n in nodes) t = t.Join(Of(n, depth + 1));
        return t;
    }

    private static string Generic(string name, PyType element) => element.IsKnown ? $"{name}[{Written(element)}]" : name;

    private static string Written(PyType t) => t.Names.Count == 0 ? "?" : string.Join(" | ", t.Names) + (t.Open ? " | ?" : "");

    private PyType OfQualified(string qualified)
    {
        if (qualified.StartsWith("builtins.", StringComparison.Ordinal))
            return table.Class(qualified) is not null ? PyType.Of($"type[{qualified}]") : PyType.Unknown;
        return table.OfQualifiedName(qualified);
    }

    private PyType OfName(SyntaxNode id, int depth)
    {
        var r = scope.Resolve(id);
        switch (r.Kind)
        {
            case ResolutionKind.Imported: return OfQualified(r.QualifiedName!);
            case ResolutionKind.Builtin: return OfQualified("builtins." + id.Text);
            case ResolutionKind.Unbound when ConventionalAliases.Expand(r.DottedText) is { } conv: return OfQualified(conv);
            case ResolutionKind.Local: break;
            default: return PyType.Unknown;
        }
        var useScope = scope.ScopeOf(id);
        var bindingScope = FindBindingScope(id.Text, useScope);
        if (bindingScope is null) return PyType.Unknown;
        var bindings = bindingScope.Lookup(id.Text);
        var reaching = ReferenceEquals(bindingScope, useScope) ? Reaching(bindings, id, bindingScope) : bindings;
        var t = PyType.Nothing;
        foreach (var b in reaching) t = t.Join(OfBinding(b, depth + 1));
        // Nothing (every reaching binding is still being computed: a cycle) adds nothing to the caller's join.
        return t;
    }

    /// <summary>The type an annotation declares: a class (instance), <c>Optional[X]</c>, <c>X | None</c>, <c>list[X]</c>.</summary>
    private PyType Annotation(SyntaxNode annotation, int depth)
    {
        if (depth > MaxDepth) return PyType.Unknown;
        var a = annotation.Kind == "type" && annotation.NamedChildren.FirstOrNull(c => !c.IsExtra) is { } inner ? inner : annotation;
        switch (a.Kind)
        {
            case "none": return PyType.None;
            case "binary_operator" when a.ChildByField("left") is { } l && a.ChildByField("right") is { } r:
                return Annotation(l, depth + 1).Join(Annotation(r, depth + 1));
            case "identifier" or "attribute":
            {
                var t = Of(a, depth + 1);
                return t.Names.Count == 1 && TypeNames.IsClassObject(t.Names[0]) && !t.Open ? PyType.Of(Unwrap(t.Names[0]))
                    : ClassNamed(a) is { } q ? PyType.Of(q) : PyType.Unknown;
            }
            case "subscript" or "generic_type":
            {
                var head = a.Kind == "subscript" ? a.ChildByField("value") : a.NamedChildren.FirstOrNull();
                if (head is null) return PyType.Unknown;
                var q = scope.Resolve(head.Value) is { Kind: ResolutionKind.Imported or ResolutionKind.Builtin } r ? r.QualifiedName!.Replace("builtins.", "", StringComparison.Ordinal) : null;
                var args = a.Kind == "subscript" ? a.ChildrenByField("subscript").ToList()
                    : a.NamedChildren.FirstOrNull(c => c.Kind == "type_parameter")?.NamedChildren.Where(c => !c.IsExtra).ToList() ?? [];
                switch (q)
                {
                    case "typing.Optional" when args.Count == 1: return Annotation(args[0], depth + 1).Join(PyType.None);
                    case "typing.Union": { var t = PyType.Nothing; foreach (var x in args) t = t.Join(Annotation(x, depth + 1)); return t; }
                    case "list" or "typing.List" when args.Count == 1: return PyType.Of(Generic("builtins.list", Annotation(args[0], depth + 1)));
                    case "list" or "typing.List": return PyType.Of("builtins.list");
                    case "dict" or "typing.Dict": return PyType.Of("builtins.dict");
                    case "typing.Annotated" when args.Count > 0: return Annotation(args[0], depth + 1);
                    default: return PyType.Unknown;
                }
            }
            default: return PyType.Unknown;
        }
    }

    /// <summary>An imported CapWords name used as a type (the table need not know it: a class named in an annotation is a class).</summary>
    private string? ClassNamed(SyntaxNode dotted)
    {
        var r = scope.Resolve(dotted);
        if (r.Kind != ResolutionKind.Imported) return null;
        var last = r.QualifiedName!.Split('.')[^1];
        return last.Length > 0 && char.IsUpper(last[0]) ? table.Canonical(r.QualifiedName!) : null;
    }

    private PyType OfAttribute(SyntaxNode expr, int depth)
    {
        var r = scope.Resolve(expr);
        if (r.Kind == ResolutionKind.Imported) return OfQualified(r.QualifiedName!);
        if (r.Kind == ResolutionKind.Unbound && ConventionalAliases.Expand(r.DottedText) is { } conv) return OfQualified(conv);
        if (expr.ChildByField("object") is not { } obj || expr.ChildByField("attribute") is not { } attr) return PyType.Unknown;
        return Member(Of(obj, depth + 1), attr.Text, call: false, depth);
    }

    private PyType OfCall(SyntaxNode call, int depth)
    {
        if (call.ChildByField("function") is not { } fn) return PyType.Unknown;
        var r = scope.Resolve(fn);
        string? qualified = r.Kind switch
        {
            ResolutionKind.Imported => r.QualifiedName,
            ResolutionKind.Builtin => "builtins." + fn.Text,
            ResolutionKind.Unbound => ConventionalAliases.Expand(r.DottedText),
            _ => null,
        };
        if (qualified is not null)
        {
            if (table.FunctionReturn(qualified, ArgumentNames(call)) is { } ret) return TypeNames.Parse(ret);
            if (table.Class(qualified) is { } cls) return PyType.Of(cls.Name);
            if (qualified.StartsWith("builtins.", StringComparison.Ordinal)) return PyType.Unknown;
            // An imported CapWords name called is a class: an instance of it (PEP 8 names classes so).
            if (ClassNamed(fn) is { } named) return PyType.Of(named);
            return PyType.Of(TypeNames.LibraryValue(TypeNames.PackageOf(qualified)));
        }
        if (fn.Kind == "attribute" && fn.ChildByField("object") is { } obj && fn.ChildByField("attribute") is { } method)
            return Member(Of(obj, depth + 1), method.Text, call: true, depth);
        var callee = Of(fn, depth + 1);
        var result = PyType.Nothing;
        foreach (var n in callee.Names)
        {
            if (TypeNames.IsClassObject(n)) result = result.Join(PyType.Of(Unwrap(n)));
            else if (TypeNames.IsLibraryValue(n)) result = result.Join(PyType.Of(n));
            else return PyType.Unknown;
        }
        if (callee.Names.Count == 0 && fn.Kind == "identifier" && LocalFunctionReturn(fn, depth) is { } declared) return declared;
        return callee.Open || result.Names.Count == 0 ? PyType.Unknown : result;
    }

    /// <summary>The keywords of a call, with <c>*</c> for each positional argument (for the table's overloads).</summary>
    private static IReadOnlyList<string> ArgumentNames(SyntaxNode call)
        => call.ChildByField("arguments") is { Kind: "argument_list" } args
            ? [.. args.NamedChildren.Where(a => !a.IsExtra).Select(a => a.Kind == "keyword_argument" ? a.ChildByField("name")?.Text ?? "*" : "*")]
            : [];

    /// <summary>The return annotation of a function defined in this file and called by name.</summary>
    private PyType? LocalFunctionReturn(SyntaxNode name, int depth)
    {
        var bindingScope = FindBindingScope(name.Text, scope.ScopeOf(name));
        var defs = bindingScope?.Lookup(name.Text) ?? [];
        if (defs.Count != 1 || defs[0].Kind != BindingKind.Definition || defs[0].Node.Parent is not { Kind: "function_definition" } fn) return null;
        return fn.ChildByField("return_type") is { } rt ? Annotation(rt, depth + 1) : null;
    }

    private PyType OfSubscript(SyntaxNode expr, int depth)
    {
        if (expr.ChildByField("value") is not { } value) return PyType.Unknown;
        var subs = expr.ChildrenByField("subscript").ToList();
        var container = Of(value, depth + 1);
        if (container == PyType.Nothing) return PyType.Nothing;
        string key = subs.Count != 1 ? "tuple" : subs[0].Kind switch
        {
            "string" or "concatenated_string" => "str",
            "integer" or "unary_operator" => "int",
            "list" => "list",
            "slice" => "slice",
            _ => "?",
        };
        var result = PyType.Nothing;
        foreach (var n in container.Names)
        {
            var b = table.Canonical(TypeNames.Base(n));
            if (TypeNames.IsLibraryValue(n)) { result = result.Join(PyType.Of(n)); continue; }
            if (b == "tuple" && key == "int" && subs[0].Kind == "integer" && int.TryParse(subs[0].Text, out var i)) { result = result.Join(ItemOf(PyType.Of(n), i)); continue; }
            if (b == "builtins.list" && key == "int" && TypeNames.Arguments(n) is [var elem]) { result = result.Join(TypeNames.Parse(elem)); continue; }
            if (b == "builtins.list" && key == "slice") { result = result.Join(PyType.Of(n)); continue; }
            if (table.Class(b) is { } cls && (cls.Subscript.GetValueOrDefault(key) ?? cls.Subscript.GetValueOrDefault("*")) is { } ret)
            {
                result = result.Join(Substitute(ret, n));
                continue;
            }
            if (TypeNames.Package(n) is { } pkg) { result = result.Join(PyType.Of(TypeNames.LibraryValue(pkg))); continue; }
            return PyType.Unknown;
        }
        return container.Open || result.Names.Count == 0 ? PyType.Unknown : result;
    }

    /// <summary>What member <paramref name="name"/> of a value of type <paramref name="receiver"/> gives (called or read).</summary>
    private PyType Member(PyType receiver, string name, bool call, int depth)
    {
        if (receiver == PyType.Nothing) return PyType.Nothing;
        var result = PyType.Nothing;
        foreach (var n in receiver.Names)
        {
            var t = MemberOf(n, name, call, depth);
            if (t.IsUnknown) return PyType.Unknown;
            result = result.Join(t);
        }
        // Nothing stays nothing: a member read inside its own assignment (a cycle) adds nothing.
        return receiver.Open ? PyType.Unknown : result;
    }

    private PyType MemberOf(string type, string name, bool call, int depth)
    {
        if (TypeNames.IsLibraryValue(type)) return PyType.Of(type);
        bool classObject = TypeNames.IsClassObject(type);
        var self = classObject ? Unwrap(type) : type;
        foreach (var t in table.SelfAndBases(self, LocalBases))
        {
            if (t.StartsWith(TypeNames.LocalPrefix, StringComparison.Ordinal))
            {
                if (LocalMember(t, name, call, depth) is { } local) return local;
                continue;
            }
            var cls = table.Class(t);
            if (cls is null) continue;
            var ret = call ? cls.Methods.GetValueOrDefault(name) : cls.Attributes.GetValueOrDefault(name);
            if (ret is not null) return Substitute(ret, self);
            if (!call && cls.Methods.ContainsKey(name)) return PyType.Unknown; // a bound method object
        }
        var packages = PackagesOf(self);
        return packages.Count == 1 ? PyType.Of(TypeNames.LibraryValue(packages.First())) : PyType.Unknown;
    }

    /// <summary>A return type from the table with <c>$self</c> (the receiver's type) and <c>$arg</c> (its first generic argument) filled in.</summary>
    private static PyType Substitute(string written, string self)
    {
        if (!written.Contains('$', StringComparison.Ordinal)) return TypeNames.Parse(written);
        var arg = TypeNames.Arguments(self) is [var first, ..] ? first : "?";
        return TypeNames.Parse(written.Replace("$self", self, StringComparison.Ordinal).Replace("$arg", arg, StringComparison.Ordinal));
    }
}
