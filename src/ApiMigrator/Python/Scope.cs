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
