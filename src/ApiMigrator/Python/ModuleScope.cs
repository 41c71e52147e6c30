namespace ApiMigrator.Python;

/// <summary>
/// The imports and scopes of one module, and a resolver from a reference in code to a qualified name.
/// It follows Python's scoping rules (function-local names shadow imports anywhere in the function;
/// class bodies do not enclose their methods; walrus in a comprehension binds in the enclosing
/// function) and answers <see cref="ResolutionKind.Unknown"/> rather than guess.
/// </summary>
public sealed partial class ModuleScope
{
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
        if (PythonBuiltins.IsBuiltin(name)) return new Resolution(ResolutionKind.Builtin, name, null, null);
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
        if (!IdentifiersByName.TryGetValue(binding.LocalName, out var same)) yield break;
        foreach (int index in same)
        {
            var n = new SyntaxNode(Tree, index);
            if (!IsReference(n)) continue;
            var r = ResolveName(binding.LocalName, ScopeOf(n));
            if (r.Import == binding || (r.Kind == ResolutionKind.Imported && r.QualifiedName == binding.QualifiedName)) yield return n;
            else if (r.Kind == ResolutionKind.Unknown) yield return n; // cannot prove it unused
        }
    }

    /// <summary>
    /// Every identifier node of the tree by its text, in document order: made on first use, so that the references of each
    /// of a file's imports cost the identifiers of that name, not a walk over the whole tree per import.
    /// </summary>
    private Dictionary<string, List<int>> IdentifiersByName => identifiersByName ??= IndexIdentifiers(Tree);

    private Dictionary<string, List<int>>? identifiersByName;

    private static Dictionary<string, List<int>> IndexIdentifiers(SyntaxTree tree)
    {
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var lookup = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[256];
        for (int i = 0; i < tree.NodeCount; i++)
        {
            var n = new SyntaxNode(tree, i);
            if (n.Kind != "identifier") continue;
            var bytes = n.Bytes;
            // Decoded on the stack; a string is made once per distinct name.
            var name = bytes.Length <= 64 ? chars[..System.Text.Encoding.UTF8.GetChars(bytes, chars)] : n.Text.AsSpan();
            if (!lookup.TryGetValue(name, out var list)) lookup[name] = list = [];
            list.Add(i);
        }
        return byName;
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
}
