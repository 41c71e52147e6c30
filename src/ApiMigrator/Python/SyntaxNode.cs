namespace ApiMigrator.Python;

/// <summary>
/// A handle to one node of a <see cref="SyntaxTree"/>: kind, field name, children, byte range,
/// positions, text. A value type of two fields; equal when it is the same node of the same tree.
/// </summary>
public readonly struct SyntaxNode : IEquatable<SyntaxNode>
{
    private readonly SyntaxTree tree;
    private readonly int index;

    internal SyntaxNode(SyntaxTree tree, int index)
    {
        this.tree = tree;
        this.index = index;
    }

    private ref readonly RawNode Raw => ref tree.Nodes[index];

    /// <summary>The tree this node belongs to.</summary>
    public SyntaxTree Tree => tree;

    /// <summary>Pre-order index in the tree; a stable identity within one tree.</summary>
    public int Index => index;

    /// <summary>Grammar kind: "call", "identifier", "(" …; ERROR for error nodes.</summary>
    public string Kind => (Raw.Flags & NativeMethods.FlagError) != 0 ? "ERROR" : PythonParser.Language.SymbolName(Raw.Symbol);

    /// <summary>The field this node fills in its parent ("function", "arguments" …), or null.</summary>
    public string? FieldName => Raw.Field == 0 ? null : PythonParser.Language.FieldNames[Raw.Field];

    /// <summary>Named nodes are grammar rules; anonymous ones are punctuation and keywords.</summary>
    public bool IsNamed => (Raw.Flags & NativeMethods.FlagNamed) != 0;

    /// <summary>A token the parser inserted because it was expected and absent.</summary>
    public bool IsMissing => (Raw.Flags & NativeMethods.FlagMissing) != 0;

    /// <summary>An ERROR node: text the parser could not fit.</summary>
    public bool IsError => (Raw.Flags & NativeMethods.FlagError) != 0;

    /// <summary>Extras such as comments and line continuations.</summary>
    public bool IsExtra => (Raw.Flags & NativeMethods.FlagExtra) != 0;

    /// <summary>True when this node or a descendant is an error or missing node.</summary>
    public bool HasError => (Raw.Flags & NativeMethods.FlagHasError) != 0;

    /// <summary>Start byte offset in <see cref="SourceText.Content"/>.</summary>
    public int StartByte => (int)Raw.StartByte;

    /// <summary>End byte offset (exclusive).</summary>
    public int EndByte => (int)Raw.EndByte;

    /// <summary>1-based start line and byte column.</summary>
    public LinePosition Start => tree.Source.GetPosition(StartByte);

    /// <summary>1-based end line and byte column (exclusive).</summary>
    public LinePosition End => tree.Source.GetPosition(EndByte);

    /// <summary>The node's source text, from the original bytes.</summary>
    public string Text => tree.Source.GetText(StartByte, EndByte);

    /// <summary>The node's source bytes.</summary>
    public ReadOnlySpan<byte> Bytes => tree.Source.Content[StartByte..EndByte];

    /// <summary>Number of children, named and anonymous.</summary>
    public int ChildCount => (int)Raw.ChildCount;

    /// <summary>The parent, or null for the root.</summary>
    public SyntaxNode? Parent => Raw.Parent < 0 ? null : new SyntaxNode(tree, Raw.Parent);

    /// <summary>The i-th child. Costs i steps along the siblings (children are linked, not indexed): to visit every child, enumerate <see cref="Children"/>.</summary>
    public SyntaxNode Child(int i)
    {
        if ((uint)i >= Raw.ChildCount) throw new ArgumentOutOfRangeException(nameof(i));
        var nodes = tree.Nodes;
        int c = index + 1;
        while (i-- > 0) c = nodes[c].NextSibling;
        return new SyntaxNode(tree, c);
    }

    /// <summary>The last child, or null for a leaf.</summary>
    public SyntaxNode? LastChild
    {
        get
        {
            if (Raw.ChildCount == 0) return null;
            var nodes = tree.Nodes;
            int c = index + 1;
            while (nodes[c].NextSibling >= 0) c = nodes[c].NextSibling;
            return new SyntaxNode(tree, c);
        }
    }

    /// <summary>All children in order.</summary>
    /// <remarks>
    /// A struct list with a struct enumerator, as Roslyn's ChildSyntaxList: <c>foreach</c> over it
    /// allocates nothing. A tree walk visits this once per node, and an iterator object per node was
    /// the largest allocation of a walk (more than the tree itself).
    /// </remarks>
    public ChildList Children => new(this);

    /// <summary>Named children in order (no punctuation or keywords).</summary>
    public IEnumerable<SyntaxNode> NamedChildren
    {
        get
        {
            foreach (var c in Children)
                if (c.IsNamed) yield return c;
        }
    }

    /// <summary>The first child filling the given field, or null.</summary>
    public SyntaxNode? ChildByField(string field)
    {
        foreach (var c in Children)
            if (string.Equals(c.FieldName, field, StringComparison.Ordinal)) return c;
        return null;
    }

    /// <summary>Every child filling the given field.</summary>
    public IEnumerable<SyntaxNode> ChildrenByField(string field)
    {
        foreach (var c in Children)
            if (string.Equals(c.FieldName, field, StringComparison.Ordinal)) yield return c;
    }

    /// <summary>This node and all its descendants in pre-order.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        // Pre-order storage: a subtree is a contiguous index range ending where the first node
        // starting at or after our end byte, outside us, begins — found by following parents.
        var t = tree;
        int end = SubtreeEnd();
        for (int i = index; i < end; i++) yield return new SyntaxNode(t, i);
    }

    /// <summary>Index one past the last descendant.</summary>
    internal int SubtreeEnd()
    {
        var nodes = tree.Nodes;
        int i = index;
        while (i >= 0)
        {
            if (nodes[i].NextSibling >= 0) return nodes[i].NextSibling;
            i = nodes[i].Parent;
        }
        return tree.NodeCount;
    }

    /// <summary>Ancestors from the parent up to the root.</summary>
    public IEnumerable<SyntaxNode> Ancestors()
    {
        for (var p = Parent; p is { } n; p = n.Parent) yield return n;
    }

    /// <summary>Whether <paramref name="other"/> lies inside this node's subtree (or is this node).</summary>
    public bool Contains(SyntaxNode other) => other.tree == tree && other.index >= index && other.index < SubtreeEnd();

    /// <inheritdoc/>
    public bool Equals(SyntaxNode other) => ReferenceEquals(tree, other.tree) && index == other.index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SyntaxNode n && Equals(n);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(tree, index);

    /// <summary>Node equality.</summary>
    public static bool operator ==(SyntaxNode a, SyntaxNode b) => a.Equals(b);

    /// <summary>Node inequality.</summary>
    public static bool operator !=(SyntaxNode a, SyntaxNode b) => !a.Equals(b);

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} [{Start}-{End}]";

    /// <summary>The children of one node, in order; a view into the tree, nothing copied.</summary>
    public readonly struct ChildList : IReadOnlyList<SyntaxNode>
    {
        private readonly SyntaxNode parent;

        internal ChildList(SyntaxNode parent) => this.parent = parent;

        /// <summary>Number of children (<see cref="SyntaxNode.ChildCount"/>).</summary>
        public int Count => parent.ChildCount;

        /// <summary>The i-th child (<see cref="SyntaxNode.Child"/>: i steps along the siblings; enumerate to visit them all).</summary>
        public SyntaxNode this[int index] => parent.Child(index);

        /// <summary>A struct enumerator: <c>foreach</c> allocates nothing.</summary>
        public Enumerator GetEnumerator() => new(parent);

        IEnumerator<SyntaxNode> IEnumerable<SyntaxNode>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Walks the children in order.</summary>
        public struct Enumerator : IEnumerator<SyntaxNode>
        {
            private readonly SyntaxTree tree;
            // The first child's index (or -1 for a leaf); the current child's; -2 before the first MoveNext.
            private readonly int first;
            private int current;

            internal Enumerator(SyntaxNode parent)
            {
                tree = parent.tree;
                first = tree.Nodes[parent.index].ChildCount > 0 ? parent.index + 1 : -1;
                current = -2;
            }

            /// <inheritdoc/>
            public readonly SyntaxNode Current => new(tree, current);

            readonly object System.Collections.IEnumerator.Current => Current;

            /// <inheritdoc/>
            public bool MoveNext()
            {
                if (current == -2) current = first;
                else if (current >= 0) current = tree.Nodes[current].NextSibling;
                return current >= 0;
            }

            /// <inheritdoc/>
            public void Reset() => current = -2;

            /// <inheritdoc/>
            public readonly void Dispose() { }
        }
    }
}

/// <summary>Helpers for sequences of nodes.</summary>
internal static class SyntaxNodeSequences
{
    /// <summary>
    /// The first node (matching <paramref name="predicate"/>), or null. Use this instead of
    /// FirstOrDefault: a default <see cref="SyntaxNode"/> belongs to no tree and cannot be inspected.
    /// </summary>
    public static SyntaxNode? FirstOrNull(this IEnumerable<SyntaxNode> nodes, Func<SyntaxNode, bool>? predicate = null)
    {
        foreach (var n in nodes)
            if (predicate is null || predicate(n)) return n;
        return null;
    }
}
