using System.Text.RegularExpressions;

namespace ApiMigrator.Python;

/// <summary>
/// A rule pattern or template: Python source with metavariables. <c>$name</c> stands for one
/// expression, <c>$*name</c> for the rest of an argument list. Every other free dotted name is a
/// qualified name (<c>pandas.concat</c>) matched through the file's imports, or a builtin.
/// Compiled by substituting placeholder identifiers and parsing with the same parser as user code.
/// </summary>
public sealed partial class Pattern
{
    internal const string HolePrefix = "__mv_";
    internal const string SplatPrefix = "__mvs_";

    private Pattern(string text, SyntaxTree tree, SyntaxNode root, IReadOnlyList<string> holes, IReadOnlyList<string> atoms, IReadOnlyList<string> anchors)
    {
        Text = text;
        Tree = tree;
        Root = root;
        Holes = holes;
        QualifiedNames = atoms;
        Anchors = anchors;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    internal SyntaxTree Tree { get; }

    /// <summary>The node matched against code (the expression, or the statement for statement patterns).</summary>
    internal SyntaxNode Root { get; }

    /// <summary>Metavariable names in order of first appearance (splats included, without the '*').</summary>
    public IReadOnlyList<string> Holes { get; }

    /// <summary>Qualified names the pattern mentions (its atoms).</summary>
    public IReadOnlyList<string> QualifiedNames { get; }

    /// <summary>
    /// Identifiers that must occur in a file's text for the pattern to match: the last component of each
    /// qualified name and each concrete attribute/keyword name. Used by the cheap text prefilter.
    /// </summary>
    public IReadOnlyList<string> Anchors { get; }

    [GeneratedRegex(@"\$(\*?)([A-Za-z0-9_]+)")]
    private static partial Regex HoleSyntax();

    /// <summary>Compiles a pattern; throws <see cref="FormatException"/> with a clear message if it does not parse.</summary>
    public static Pattern Compile(string text)
    {
        var holes = new List<string>();
        var substituted = HoleSyntax().Replace(text, m =>
        {
            var name = m.Groups[2].Value;
            if (!holes.Contains(name)) holes.Add(name);
            return (m.Groups[1].Value == "*" ? SplatPrefix : HolePrefix) + name;
        });
        var tree = PythonParser.Parse(substituted.Trim());
        if (tree.HasErrors) throw new FormatException($"pattern does not parse as Python: {text}");
        var statements = tree.Root.NamedChildren.Where(c => !c.IsExtra).ToList();
        if (statements.Count != 1) throw new FormatException($"pattern must be one expression or statement: {text}");
        var root = statements[0];
        if (root.Kind == "expression_statement" && root.NamedChildren.Count() == 1) root = root.NamedChildren.First();
        var atoms = new List<string>();
        var anchors = new SortedSet<string>(StringComparer.Ordinal);
        CollectAtoms(root, atoms, anchors);
        return new Pattern(text, tree, root, holes, atoms, [.. anchors]);
    }

    /// <summary>Puts a pattern or template on one line (see <see cref="Layout.Flatten"/>), metavariables and all.</summary>
    public static string Flatten(string text)
    {
        var substituted = HoleSyntax().Replace(text, m => (m.Groups[1].Value == "*" ? SplatPrefix : HolePrefix) + m.Groups[2].Value);
        var flat = Layout.Flatten(substituted);
        return flat.Replace(SplatPrefix, "$*", StringComparison.Ordinal).Replace(HolePrefix, "$", StringComparison.Ordinal);
    }

    /// <summary>True when the metavariable is the object of an attribute (<c>$df</c> in <c>$df.append</c>): a receiver.</summary>
    public bool IsReceiver(string hole)
        => Root.DescendantsAndSelf().Any(n => HoleName(n) == hole && n.FieldName == "object" && n.Parent is { Kind: "attribute" });

    /// <summary>True when the metavariable is an argument of a call (<c>$x</c> in <c>f($x)</c> or <c>f(k=$x)</c>), not a receiver or callee.</summary>
    public bool IsArgument(string hole)
        => Root.DescendantsAndSelf().Any(n => HoleName(n) == hole && n.Parent is { Kind: "argument_list" } or { Kind: "keyword_argument" });

    /// <summary>Hole name of a placeholder identifier, or null.</summary>
    internal static string? HoleName(SyntaxNode n)
        => n.Kind == "identifier" && n.Text.StartsWith(HolePrefix, StringComparison.Ordinal) ? n.Text[HolePrefix.Length..] : null;

    /// <summary>Splat name of a placeholder identifier (possibly inside list_splat), or null.</summary>
    internal static string? SplatName(SyntaxNode n)
        => n.Kind == "identifier" && n.Text.StartsWith(SplatPrefix, StringComparison.Ordinal) ? n.Text[SplatPrefix.Length..] : null;

    /// <summary>
    /// The qualified name a pattern node stands for when it is an atom (a dotted chain rooted in a free
    /// identifier that is not a hole), else null.
    /// </summary>
    internal static string? AtomName(SyntaxNode n)
    {
        if (n.Kind == "identifier")
        {
            if (HoleName(n) is not null || SplatName(n) is not null) return null;
            if (n.Parent is { } p && (p.Kind == "keyword_argument" && n.FieldName == "name" || p.Kind == "attribute" && n.FieldName == "attribute")) return null;
            return n.Text;
        }
        if (n.Kind == "attribute" && n.ChildByField("object") is { } obj && n.ChildByField("attribute") is { } attr)
            return AtomName(obj) is { } left ? left + "." + attr.Text : null;
        return null;
    }

    private static void CollectAtoms(SyntaxNode n, List<string> atoms, SortedSet<string> anchors)
    {
        if (n.Kind is "identifier" or "attribute" && AtomName(n) is { } atom)
        {
            if (!PythonBuiltins.IsBuiltin(atom)) atoms.Add(atom);
            anchors.Add(atom[(atom.LastIndexOf('.') + 1)..]);
            return;
        }
        if (n.Kind == "attribute" && n.ChildByField("attribute") is { } a) anchors.Add(a.Text);
        if (n.Kind == "keyword_argument" && n.ChildByField("name") is { } k) anchors.Add(k.Text);
        foreach (var c in n.Children) CollectAtoms(c, atoms, anchors);
    }
}
