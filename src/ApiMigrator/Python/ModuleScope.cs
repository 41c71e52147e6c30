namespace ApiMigrator.Python;

/// <summary>What kind of Python scope a <see cref="Scope"/> is.</summary>
public enum ScopeKind
{
    /// <summary>The module.</summary>
    Module,
    /// <summary>A <c>def</c> body.</summary>
    Function,
    /// <summary>A <c>lambda</c>.</summary>
    Lambda,
    /// <summary>A class body: its names are not visible from methods.</summary>
    Class,
    /// <summary>A comprehension or generator expression.</summary>
    Comprehension,
}

/// <summary>How a name got bound in a scope.</summary>
public enum BindingKind
{
    /// <summary>By an import statement.</summary>
    Import,
    /// <summary>By assignment, for/with/except target, walrus, del, match capture, annotation.</summary>
    Assignment,
    /// <summary>A function or lambda parameter.</summary>
    Parameter,
    /// <summary>A def or class name.</summary>
    Definition,
}

/// <summary>One binding of a name in a scope.</summary>
public sealed record Binding(string Name, BindingKind Kind, SyntaxNode Node, ImportBinding? Import);

/// <summary>A Python scope and the names bound in it.</summary>
public sealed class Scope
{
    internal readonly Dictionary<string, List<Binding>> BindingsByName = new(StringComparer.Ordinal);
    internal readonly HashSet<string> Globals = new(StringComparer.Ordinal);
    internal readonly HashSet<string> Nonlocals = new(StringComparer.Ordinal);

    internal Scope(ScopeKind kind, SyntaxNode node, Scope? parent)
    {
        Kind = kind;
        Node = node;
        Parent = parent;
    }

    /// <summary>The scope's kind.</summary>
    public ScopeKind Kind { get; }

    /// <summary>The node that opens the scope (module, function_definition, lambda, class_definition, comprehension).</summary>
    public SyntaxNode Node { get; }

    /// <summary>The enclosing scope, null for the module.</summary>
    public Scope? Parent { get; }

    /// <summary>The bindings of a name in this scope (empty if none).</summary>
    public IReadOnlyList<Binding> Lookup(string name) => BindingsByName.TryGetValue(name, out var l) ? l : [];

    internal void Add(Binding b)
    {
        if (!BindingsByName.TryGetValue(b.Name, out var list)) BindingsByName[b.Name] = list = [];
        list.Add(b);
    }
}

/// <summary>
/// The imports and scopes of one module, and a resolver from a reference in code to a qualified name.
/// It follows Python's scoping rules (function-local names shadow imports anywhere in the function;
/// class bodies do not enclose their methods; walrus in a comprehension binds in the enclosing
/// function) and answers <see cref="ResolutionKind.Unknown"/> rather than guess.
/// </summary>
public sealed class ModuleScope
{
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "abs","aiter","all","anext","any","ascii","bin","bool","breakpoint","bytearray","bytes","callable","chr","classmethod",
        "compile","complex","delattr","dict","dir","divmod","enumerate","eval","exec","filter","float","format","frozenset",
        "getattr","globals","hasattr","hash","help","hex","id","input","int","isinstance","issubclass","iter","len","list",
        "locals","map","max","memoryview","min","next","object","oct","open","ord","pow","print","property","range","repr",
        "reversed","round","set","setattr","slice","sorted","staticmethod","str","sum","super","tuple","type","vars","zip",
        "__import__","__name__","__file__","__doc__","Exception","BaseException","ValueError","TypeError","KeyError","IndexError",
        "AttributeError","ImportError","ModuleNotFoundError","RuntimeError","NotImplementedError","StopIteration","OSError",
        "True","False","None","NotImplemented","Ellipsis",
    };

    private readonly Dictionary<int, Scope> scopeByNode = [];
    private readonly List<ImportBinding> imports = [];

    private ModuleScope(SyntaxTree tree)
    {
        Tree = tree;
        Module = new Scope(ScopeKind.Module, tree.Root, null);
        scopeByNode[tree.Root.Index] = Module;
        new Builder(this).Visit(tree.Root, Module);
    }

    /// <summary>The tree this scope model describes.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>The module scope.</summary>
    public Scope Module { get; }

    /// <summary>Every import in the module, at any depth, in document order.</summary>
    public IReadOnlyList<ImportBinding> Imports => imports;

    /// <summary>True if the module has a <c>from x import *</c> (so unbound names are unknown).</summary>
    public bool HasStarImport => imports.Any(i => i.Form == ImportForm.Star);

    /// <summary>Builds the scope model of a parsed module.</summary>
    public static ModuleScope Build(SyntaxTree tree) => new(tree);

    /// <summary>Whether the module imports the given top-level package (or something inside it) anywhere.</summary>
    public bool ImportsPackage(string package)
        => imports.Any(i => i.Module == package || i.Module.StartsWith(package + ".", StringComparison.Ordinal));

    /// <summary>The innermost scope that a reference at <paramref name="node"/> is evaluated in.</summary>
    public Scope ScopeOf(SyntaxNode node)
    {
        // Walk up; the first scope-opening ancestor whose inner region holds the node wins.
        SyntaxNode child = node;
        for (var p = node.Parent; p is { } a; child = a, p = a.Parent)
        {
            if (!scopeByNode.TryGetValue(a.Index, out var scope)) continue;
            if (IsInInnerRegion(a, child, node)) return scope;
        }
        return Module;
    }

    private static bool IsInInnerRegion(SyntaxNode scopeNode, SyntaxNode child, SyntaxNode node)
    {
        switch (scopeNode.Kind)
        {
            case "function_definition":
            case "lambda":
                if (child.FieldName == "body") return true;
                if (child.FieldName != "parameters") return false;
                // Default values and annotations are evaluated in the enclosing scope.
                for (var n = node; n != child; n = n.Parent!.Value)
                    if (n.FieldName is "value" or "type" && n.Parent!.Value.Kind is "default_parameter" or "typed_default_parameter" or "typed_parameter")
                        return false;
                return true;
            case "class_definition":
                return child.FieldName == "body";
            case "module":
                // Everything in a module is inside it; a scan of its children here would cost a file's length per name.
                return true;
            default:
                // Comprehensions: the first iterable is evaluated outside.
                var first = scopeNode.Children.FirstOrNull(c => c.Kind == "for_in_clause");
                if (first is { } f && child == f && f.ChildByField("right") is { } right && right.Contains(node)) return false;
                return true;
        }
    }

    /// <summary>
    /// Resolves an identifier or a dotted attribute chain (<c>np.random.rand</c>) to a qualified name
    /// (<c>numpy.random.rand</c>) through the imports visible at that point.
    /// </summary>
    public Resolution Resolve(SyntaxNode expr)
    {
        switch (expr.Kind)
        {
            case "identifier":
                return ResolveName(expr.Text, ScopeOf(expr)) with { DottedText = expr.Text };
            case "attribute":
            {
                var obj = expr.ChildByField("object");
                var attr = expr.ChildByField("attribute");
                if (obj is null || attr is null) return Resolution.NotName;
                var inner = Resolve(obj.Value);
                var dotted = inner.DottedText is null ? null : inner.DottedText + "." + attr.Value.Text;
                return inner.Kind switch
                {
                    ResolutionKind.Imported => inner with { QualifiedName = inner.QualifiedName + "." + attr.Value.Text, DottedText = dotted },
                    ResolutionKind.NotAName => Resolution.NotName,
                    _ => inner with { DottedText = dotted },
                };
            }
            default:
                return Resolution.NotName;
        }
    }

    /// <summary>Resolves a bare name as seen from a scope.</summary>
    public Resolution ResolveName(string name, Scope from)
    {
        var scope = from;
        bool skipClasses = false;
        while (scope is not null)
        {
            if (scope.Globals.Contains(name)) { scope = Module; skipClasses = false; continue; }
            if (!(skipClasses && scope.Kind == ScopeKind.Class))
            {
                var bindings = scope.Lookup(name);
                if (bindings.Count > 0) return FromBindings(name, bindings);
            }
            // A class body does not enclose the functions, lambdas and comprehensions inside it.
            if (scope.Kind != ScopeKind.Class) skipClasses = true;
            scope = scope.Parent;
        }
        if (HasStarImport)
            return new Resolution(ResolutionKind.Unknown, null, null, $"'{name}' may come from a star import");
        if (Builtins.Contains(name)) return new Resolution(ResolutionKind.Builtin, name, null, null);
        return new Resolution(ResolutionKind.Unbound, null, null, $"'{name}' is not bound in this module");
    }

    private static Resolution FromBindings(string name, IReadOnlyList<Binding> bindings)
    {
        var importBindings = bindings.Where(b => b.Kind == BindingKind.Import).ToList();
        if (importBindings.Count == 0)
            return new Resolution(ResolutionKind.Local, null, null, $"'{name}' is a local {bindings[0].Kind.ToString().ToLowerInvariant()}");
        if (importBindings.Count != bindings.Count)
            return new Resolution(ResolutionKind.Unknown, null, null, $"'{name}' is both imported and rebound");
        var names = importBindings.Select(b => b.Import!.QualifiedName).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 1)
            return new Resolution(ResolutionKind.Unknown, null, null, $"'{name}' is imported as {string.Join(" and ", names)}");
        return new Resolution(ResolutionKind.Imported, names[0], importBindings[0].Import, null);
    }

    /// <summary>
    /// Identifier nodes that read the given import binding (not the import itself, not attribute names,
    /// not keyword names). Used to decide whether an import is still used.
    /// </summary>
    public IEnumerable<SyntaxNode> ReferencesTo(ImportBinding binding)
    {
        foreach (var n in Tree.Root.DescendantsAndSelf())
        {
            if (n.Kind != "identifier" || !string.Equals(n.Text, binding.LocalName, StringComparison.Ordinal)) continue;
            if (!IsReference(n)) continue;
            var r = ResolveName(binding.LocalName, ScopeOf(n));
            if (r.Import == binding || (r.Kind == ResolutionKind.Imported && r.QualifiedName == binding.QualifiedName)) yield return n;
            else if (r.Kind == ResolutionKind.Unknown) yield return n; // cannot prove it unused
        }
    }

    /// <summary>True for an identifier that reads a variable (as opposed to naming an attribute, a keyword, an import, a binding target).</summary>
    public static bool IsReference(SyntaxNode id)
    {
        if (id.Parent is not { } p) return false;
        if (p.Kind == "attribute" && id.FieldName == "attribute") return false;
        if (p.Kind == "keyword_argument" && id.FieldName == "name") return false;
        if (p.Kind is "dotted_name" or "aliased_import" or "import_prefix" or "relative_import") return false;
        if (p.Kind is "function_definition" or "class_definition" && id.FieldName == "name") return false;
        if (p.Kind is "global_statement" or "nonlocal_statement") return false;
        return true;
    }

    /// <summary>Walks the tree once, opening scopes and recording bindings.</summary>
    private sealed class Builder(ModuleScope owner)
    {
        public void Visit(SyntaxNode n, Scope scope)
        {
            switch (n.Kind)
            {
                case "import_statement": Import(n, scope); return;
                case "import_from_statement": FromImport(n, scope); return;
                case "future_import_statement": Future(n, scope); return;
                case "function_definition": Function(n, scope); return;
                case "lambda": Lambda(n, scope); return;
                case "class_definition": Class(n, scope); return;
                case "list_comprehension" or "set_comprehension" or "dictionary_comprehension" or "generator_expression":
                    Comprehension(n, scope); return;
                case "global_statement":
                    foreach (var id in n.NamedChildren) scope.Globals.Add(id.Text);
                    return;
                case "nonlocal_statement":
                    foreach (var id in n.NamedChildren) scope.Nonlocals.Add(id.Text);
                    return;
                case "assignment" or "augmented_assignment":
                    if (n.ChildByField("left") is { } left) Target(left, scope);
                    break;
                case "for_statement" or "for_in_clause":
                    if (n.ChildByField("left") is { } ft) Target(ft, scope);
                    break;
                case "as_pattern":
                    if (n.ChildByField("alias") is { } alias) Target(alias, scope);
                    break;
                case "named_expression":
                    if (n.ChildByField("name") is { } wn) Bind(wn, WalrusScope(scope), BindingKind.Assignment);
                    break;
                case "delete_statement":
                    foreach (var c in n.NamedChildren) Target(c, scope);
                    break;
                case "case_pattern":
                    foreach (var c in n.NamedChildren) if (c.Kind == "identifier") Bind(c, scope, BindingKind.Assignment);
                    break;
                case "type_alias_statement":
                    if (n.ChildByField("left") is { } tl) foreach (var id in tl.NamedChildren) if (id.Kind == "identifier") Bind(id, scope, BindingKind.Assignment);
                    break;
            }
            foreach (var c in n.Children) Visit(c, scope);
        }

        private static Scope WalrusScope(Scope s)
        {
            while (s.Kind == ScopeKind.Comprehension && s.Parent is not null) s = s.Parent;
            return s;
        }

        private void Bind(SyntaxNode id, Scope scope, BindingKind kind, ImportBinding? import = null, string? name = null)
        {
            // `global x` / `nonlocal x` make later bindings of x land in the module / enclosing function.
            name ??= id.Text;
            if (scope.Globals.Contains(name)) scope = owner.Module;
            else if (scope.Nonlocals.Contains(name))
            {
                for (var p = scope.Parent; p is not null; p = p.Parent)
                    if (p.Kind == ScopeKind.Function && p.Lookup(name).Count > 0) { scope = p; break; }
            }
            scope.Add(new Binding(name, kind, id, import));
        }

        private void Target(SyntaxNode t, Scope scope)
        {
            switch (t.Kind)
            {
                case "identifier": Bind(t, scope, BindingKind.Assignment); break;
                case "pattern_list" or "tuple_pattern" or "list_pattern" or "tuple" or "list" or "parenthesized_expression"
                    or "list_splat_pattern" or "list_splat" or "as_pattern_target" or "expression_list":
                    foreach (var c in t.NamedChildren) Target(c, scope);
                    break;
                // attribute / subscript targets bind nothing.
            }
        }

        private Scope Open(ScopeKind kind, SyntaxNode n, Scope parent)
        {
            var s = new Scope(kind, n, parent);
            owner.scopeByNode[n.Index] = s;
            return s;
        }

        private void Function(SyntaxNode n, Scope scope)
        {
            if (n.ChildByField("name") is { } name) Bind(name, scope, BindingKind.Definition);
            var inner = Open(ScopeKind.Function, n, scope);
            foreach (var c in n.Children)
            {
                if (c.FieldName == "parameters") Parameters(c, inner, scope);
                else if (c.FieldName == "body") Visit(c, inner);
                else if (c.FieldName != "name") Visit(c, scope);
            }
        }

        private void Lambda(SyntaxNode n, Scope scope)
        {
            var inner = Open(ScopeKind.Lambda, n, scope);
            foreach (var c in n.Children)
            {
                if (c.FieldName == "parameters") Parameters(c, inner, scope);
                else Visit(c, inner);
            }
        }

        private void Parameters(SyntaxNode ps, Scope inner, Scope outer)
        {
            foreach (var p in ps.NamedChildren)
            {
                switch (p.Kind)
                {
                    case "identifier": Bind(p, inner, BindingKind.Parameter); break;
                    case "default_parameter" or "typed_default_parameter" or "typed_parameter":
                        var name = p.ChildByField("name") ?? p.NamedChildren.FirstOrNull(c => c.Kind == "identifier");
                        if (name is { Kind: "identifier" } id) Bind(id, inner, BindingKind.Parameter);
                        else if (name is { } splat) foreach (var s in splat.NamedChildren) if (s.Kind == "identifier") Bind(s, inner, BindingKind.Parameter);
                        foreach (var c in p.Children) if (c.FieldName is "value" or "type") Visit(c, outer);
                        break;
                    case "list_splat_pattern" or "dictionary_splat_pattern":
                        foreach (var s in p.NamedChildren) if (s.Kind == "identifier") Bind(s, inner, BindingKind.Parameter);
                        break;
                    case "tuple_pattern":
                        Target(p, inner);
                        break;
                }
            }
        }

        private void Class(SyntaxNode n, Scope scope)
        {
            if (n.ChildByField("name") is { } name) Bind(name, scope, BindingKind.Definition);
            var inner = Open(ScopeKind.Class, n, scope);
            foreach (var c in n.Children)
            {
                if (c.FieldName == "body") Visit(c, inner);
                else if (c.FieldName != "name") Visit(c, scope);
            }
        }

        private void Comprehension(SyntaxNode n, Scope scope)
        {
            var inner = Open(ScopeKind.Comprehension, n, scope);
            bool first = true;
            foreach (var c in n.Children)
            {
                if (c.Kind == "for_in_clause" && first)
                {
                    first = false;
                    // The first iterable is evaluated in the enclosing scope.
                    foreach (var fc in c.Children)
                    {
                        if (fc.FieldName == "right") Visit(fc, scope);
                        else if (fc.FieldName == "left") Target(fc, inner);
                        else Visit(fc, inner);
                    }
                }
                else Visit(c, inner);
            }
        }

        private static bool IsConditional(SyntaxNode stmt)
        {
            for (var p = stmt.Parent; p is { } a; p = a.Parent)
            {
                if (a.Kind is "module" or "function_definition" or "class_definition") return false;
                if (a.Kind is "try_statement" or "if_statement" or "except_clause" or "else_clause" or "elif_clause"
                    or "with_statement" or "for_statement" or "while_statement" or "finally_clause" or "match_statement")
                    return true;
            }
            return false;
        }

        private void Add(Scope scope, SyntaxNode stmt, SyntaxNode nameNode, string local, string qualified, string module, ImportForm form)
        {
            var b = new ImportBinding(local, qualified, module, form, stmt, nameNode, IsConditional(stmt));
            owner.imports.Add(b);
            if (form != ImportForm.Star) Bind(nameNode.Kind == "aliased_import" ? nameNode.ChildByField("alias") ?? nameNode : nameNode, scope, BindingKind.Import, b, local);
        }

        private void Import(SyntaxNode n, Scope scope)
        {
            foreach (var c in n.ChildrenByField("name"))
            {
                if (c.Kind == "aliased_import")
                {
                    var module = DottedText(c.ChildByField("name"));
                    var alias = c.ChildByField("alias")?.Text ?? module;
                    Add(scope, n, c, alias, module, module, ImportForm.ImportAs);
                }
                else
                {
                    var module = DottedText(c);
                    var top = module.Split('.')[0];
                    Add(scope, n, c, top, top, module, ImportForm.Import);
                }
            }
        }

        private void FromImport(SyntaxNode n, Scope scope)
        {
            var moduleNode = n.ChildByField("module_name");
            var module = moduleNode is { Kind: "relative_import" } rel
                ? string.Concat(rel.Children.Select(c => c.Kind == "import_prefix" ? c.Text : DottedText(c)))
                : DottedText(moduleNode);
            string Join(string name) => module.EndsWith('.') ? module + name : module + "." + name;
            foreach (var c in n.Children)
            {
                if (c.Kind == "wildcard_import") { Add(scope, n, c, "*", module + ".*", module, ImportForm.Star); continue; }
                if (c.FieldName != "name") continue;
                if (c.Kind == "aliased_import")
                {
                    var name = DottedText(c.ChildByField("name"));
                    Add(scope, n, c, c.ChildByField("alias")?.Text ?? name, Join(name), module, ImportForm.FromAs);
                }
                else
                {
                    var name = DottedText(c);
                    Add(scope, n, c, name, Join(name), module, ImportForm.From);
                }
            }
        }

        private void Future(SyntaxNode n, Scope scope)
        {
            foreach (var c in n.ChildrenByField("name"))
            {
                var name = c.Kind == "aliased_import" ? DottedText(c.ChildByField("name")) : DottedText(c);
                owner.imports.Add(new ImportBinding(name, "__future__." + name, "__future__", ImportForm.Future, n, c, false));
            }
        }

        private static string DottedText(SyntaxNode? n)
            => n is null ? "" : string.Join('.', n.Value.NamedChildren.Where(c => c.Kind == "identifier").Select(c => c.Text)) is { Length: > 0 } s ? s : n.Value.Text;
    }
}
