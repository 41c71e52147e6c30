namespace ApiMigrator.Python;

/// <summary>A syntax error found by the parser: an ERROR node (unexpected text) or a MISSING node (expected token absent).</summary>
public sealed record SyntaxDiagnostic(LinePosition Position, int StartByte, int EndByte, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>Why a text was not parsed (too large a statement, or a syntax error in a file too large to parse whole), and where.</summary>
public sealed record NotParsedReason(SourceErrorKind Kind, SyntaxDiagnostic Diagnostic);

/// <summary>
/// An immutable, lossless syntax tree over a <see cref="SourceText"/>. Nodes are stored flat in
/// pre-order; <see cref="SyntaxNode"/> is a cheap handle into them. The tree never rebuilds source
/// from its leaves (some f-string format-spec text belongs to no leaf); all text comes from the
/// original bytes by range.
/// </summary>
public sealed class SyntaxTree
{
    // In pre-order: a node's first child is the next record, and the rest follow by NextSibling (RawNode).
    internal readonly RawNode[] Nodes;
    private IReadOnlyList<SyntaxDiagnostic>? diagnostics;

    internal SyntaxTree(SourceText source, RawNode[] nodes, int count)
    {
        Source = source;
        // The array may be longer than the tree (a piecewise parse sizes it ahead); nodes past `count` are not part of it.
        Nodes = nodes;
        NodeCount = count;
    }

    /// <summary>
    /// A text that was not parsed (<see cref="PythonParser.MaxNativeBytes"/>): a bare module node with errors, whose
    /// <see cref="NotParsed"/> says why and whose one diagnostic says where.
    /// </summary>
    internal static SyntaxTree Unparsed(SourceText source, SourceErrorKind kind, int start, int end, string message)
    {
        var root = new RawNode
        {
            StartByte = 0, EndByte = (uint)source.Content.Length, Parent = -1, NextSibling = -1, ChildCount = 0,
            Symbol = PythonParser.Language.ModuleSymbol, Flags = NativeMethods.FlagNamed | NativeMethods.FlagHasError,
        };
        var diagnostic = new SyntaxDiagnostic(source.GetPosition(start), start, end, message);
        return new SyntaxTree(source, [root], 1) { NotParsed = new NotParsedReason(kind, diagnostic), diagnostics = [diagnostic] };
    }

    /// <summary>Why the text was not parsed, or null when it was (its errors, if any, are then the parser's).</summary>
    public NotParsedReason? NotParsed { get; private init; }

    /// <summary>The source this tree was parsed from.</summary>
    public SourceText Source { get; }

    /// <summary>The module node.</summary>
    public SyntaxNode Root => new(this, 0);

    /// <summary>Number of nodes, named and anonymous.</summary>
    public int NodeCount { get; }

    /// <summary>True when the parser found ERROR or MISSING nodes: such a file must not be rewritten.</summary>
    public bool HasErrors => (Nodes[0].Flags & NativeMethods.FlagHasError) != 0;

    /// <summary>
    /// The depth of the deepest node (the root is 0). Computed without recursion: nodes are stored in
    /// pre-order, so a node's parent always comes before it.
    /// </summary>
    public int MaxDepth => maxDepth ??= ComputeMaxDepth();

    private int? maxDepth;

    private int ComputeMaxDepth()
    {
        var depth = new int[NodeCount];
        int max = 0;
        for (int i = 1; i < NodeCount; i++)
        {
            depth[i] = depth[Nodes[i].Parent] + 1;
            if (depth[i] > max) max = depth[i];
        }
        return max;
    }

    /// <summary>Every node in pre-order (document order).</summary>
    public IEnumerable<SyntaxNode> AllNodes()
    {
        for (int i = 0; i < NodeCount; i++) yield return new SyntaxNode(this, i);
    }

    /// <summary>Where the syntax errors are (outermost ERROR nodes and every MISSING node).</summary>
    public IReadOnlyList<SyntaxDiagnostic> Diagnostics => diagnostics ??= CollectDiagnostics();

    private List<SyntaxDiagnostic> CollectDiagnostics()
    {
        var list = new List<SyntaxDiagnostic>();
        if (!HasErrors) return list;
        Visit(Root);
        return list;

        void Visit(SyntaxNode n)
        {
            if (!n.HasError) return;
            if (n.IsError)
            {
                var text = n.Text;
                var shown = text.Length > 40 ? text[..40] + "…" : text;
                shown = shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
                list.Add(new SyntaxDiagnostic(n.Start, n.StartByte, n.EndByte, shown.Length == 0 ? "syntax error" : $"syntax error at '{shown}'"));
                return;
            }
            if (n.IsMissing)
            {
                list.Add(new SyntaxDiagnostic(n.Start, n.StartByte, n.EndByte, $"syntax error: missing '{n.Kind}'"));
                return;
            }
            foreach (var c in n.Children) Visit(c);
        }
    }

    /// <summary>The smallest node (named if <paramref name="named"/>) that covers [start, end).</summary>
    public SyntaxNode NodeAt(int start, int end, bool named = true)
    {
        var n = Root;
        while (true)
        {
            bool descended = false;
            foreach (var c in n.Children)
            {
                if (c.StartByte <= start && end <= c.EndByte && (!named || c.IsNamed || c.ChildCount > 0))
                {
                    if (c.StartByte == c.EndByte && start != end) continue;
                    n = c;
                    descended = true;
                    break;
                }
            }
            if (!descended) return named && !n.IsNamed && n.Parent is { } p ? p : n;
        }
    }
}
