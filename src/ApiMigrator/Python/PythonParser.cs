using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ApiMigrator.Python;

/// <summary>
/// Parses Python source with tree-sitter-python. Thread-safe: each call rents a native parser from a
/// pool (tree-sitter parsers are single-threaded), and the native tree is copied into a managed
/// <see cref="SyntaxTree"/> and freed before returning.
/// </summary>
public static partial class PythonParser
{
    private static readonly ConcurrentBag<nint> Pool = [];
    private static readonly byte[] Empty = [0];

    /// <summary>Files at least this large are parsed in pieces (<see cref="TopLevelSplits"/>).</summary>
    internal const int PiecesFrom = 2 * PieceBytes;

    /// <summary>
    /// The least size of a piece. A piece's native tree (about 100 bytes per source byte in dense code) is the parse's
    /// peak, so it is kept small; the parse is no slower for it (measured over the ecosystem corpus: 4 KB to 64 KB pieces
    /// and whole files all parse at 6.0–6.4 MB/s here).
    /// </summary>
    internal const int PieceBytes = 16 * 1024;

    /// <summary>
    /// The most source bytes one native tree may cover. A native tree takes about 100 bytes per source byte in dense code,
    /// so a file is parsed a piece at a time; a single top-level statement larger than this (a generated data literal: the
    /// largest statement of the ecosystem corpus and the 3.12 standard library is an 800 KB dict of strings, the largest
    /// class 340 KB) is not parsed at all, and a file over this size whose pieces do not parse is not parsed whole.
    /// </summary>
    internal const int MaxNativeBytes = 1 << 20;

    /// <summary>
    /// Parses source text into an immutable syntax tree. When the text holds a statement over <see cref="MaxNativeBytes"/>,
    /// or is larger than that and has a syntax error, the tree is a bare module node with errors and
    /// <see cref="SyntaxTree.NotParsed"/> says why.
    /// </summary>
    public static SyntaxTree Parse(SourceText source)
    {
        if (source.Content.Length < PiecesFrom) return ParseWhole(source);
        if (ParseInPieces(source, PieceBytes, out var failed) is { } tree) return tree;
        // A piece still over the limit after WithinLimit is one statement (the scan finds no cut inside it).
        if (failed is { TooLarge: true } big)
            return SyntaxTree.Unparsed(source, SourceErrorKind.TooLarge, big.Start, big.End,
                $"the statement at line {source.GetPosition(big.Start).Line} spans {big.End - big.Start:N0} bytes, more than one parse may hold ({MaxNativeBytes:N0} bytes; the parser takes about 100 bytes of memory per byte of source)");
        if (source.Content.Length <= MaxNativeBytes) return ParseWhole(source);
        // Parsing the whole file to place the error exactly would hold its native tree at once: the piece is named instead.
        var (from, to) = failed is { } f ? (f.Start, f.End) : (0, source.Content.Length);
        return SyntaxTree.Unparsed(source, SourceErrorKind.SyntaxError, from, to,
            $"syntax error in the statements from line {source.GetPosition(from).Line} to line {source.GetPosition(Math.Max(from, to - 1)).Line} (a file over {MaxNativeBytes:N0} bytes is parsed a piece at a time, so the exact place is not shown)");
    }

    /// <summary>
    /// The cuts (ending with the content's length) with a piece over <see cref="MaxNativeBytes"/> cut again before each of
    /// its statements: a piece holds whole statements from its first cut on, so only a single statement over the limit
    /// (or statements the scan cannot tell apart) stays over it.
    /// </summary>
    private static List<int> WithinLimit(ReadOnlySpan<byte> content, List<int> cuts)
    {
        List<int>? result = null; // made at the first piece over the limit; until then the cuts stand as they are
        int start = 0;
        for (int k = 0; k < cuts.Count; k++)
        {
            int end = cuts[k];
            if (end - start > MaxNativeBytes)
            {
                result ??= cuts.GetRange(0, k);
                foreach (int inner in TopLevelSplits.Find(content[start..end], 1)) result.Add(start + inner);
            }
            result?.Add(end);
            start = end;
        }
        return result ?? cuts;
    }

    /// <summary>A piece that stopped a piecewise parse: it has a syntax error, or (<paramref name="TooLarge"/>) it is over <see cref="MaxNativeBytes"/> and was not parsed.</summary>
    internal readonly record struct FailedPiece(int Start, int End, bool TooLarge);

    /// <summary>Parses the file in one piece (what the piecewise parse must equal; tests compare the two).</summary>
    internal static SyntaxTree ParseWhole(SourceText source)
    {
        nint tree = ParseNative(source.Content);
        try
        {
            RawNode[] nodes = [];
            int count = Flatten(tree, ref nodes);
            return new SyntaxTree(source, nodes, count);
        }
        finally
        {
            NativeMethods.apimig_tree_delete(tree);
        }
    }

    /// <summary>Copies the native tree into <paramref name="nodes"/> (replaced by a larger array when too small); returns the node count.</summary>
    private static int Flatten(nint tree, ref RawNode[] nodes)
    {
        uint count = NativeMethods.apimig_node_count(tree);
        // Not zeroed: flatten writes every record, and a short write is refused below.
        if (nodes.Length < count) nodes = GC.AllocateUninitializedArray<RawNode>((int)count);
        uint written;
        unsafe
        {
            fixed (RawNode* p = nodes) written = NativeMethods.apimig_flatten(tree, p, count);
        }
        if (written != count) throw new InvalidOperationException($"tree-sitter flatten wrote {written} of {count} nodes");
        return (int)count;
    }

    /// <summary>
    /// Parses the module piece by piece at top-level statement boundaries and joins the pieces' statements under one
    /// module node: the tree the whole parse gives, with at most one piece's native tree alive at a time. Null when the
    /// file has no cut, a piece is over <see cref="MaxNativeBytes"/>, or a piece has a syntax error (a cut the scan got
    /// wrong, or a real error: for a file up to <see cref="MaxNativeBytes"/> the whole parse then decides, and its
    /// diagnostics are the ones reported).
    /// </summary>
    internal static SyntaxTree? ParseInPieces(SourceText source, int pieceBytes) => ParseInPieces(source, pieceBytes, out _);

    /// <summary><see cref="ParseInPieces(SourceText, int)"/>, telling which piece stopped it (null when the file has no cut and is not too large).</summary>
    internal static SyntaxTree? ParseInPieces(SourceText source, int pieceBytes, out FailedPiece? failed)
    {
        failed = null;
        var content = source.Content;
        var cuts = TopLevelSplits.Find(content, pieceBytes);
        if (cuts.Count == 0 && content.Length <= MaxNativeBytes) return null;
        cuts.Add(content.Length);
        cuts = WithinLimit(content, cuts);
        // Checked before anything is parsed: a statement too large refuses the file however the rest parses.
        int start = 0;
        foreach (int end in cuts)
        {
            if (end - start > MaxNativeBytes)
            {
                failed = new FailedPiece(start, end, TooLarge: true);
                return null;
            }
            start = end;
        }
        var joined = new PieceJoiner(content.Length);
        RawNode[] piece = [];
        start = 0;
        foreach (int end in cuts)
        {
            if (!ParseInto(joined, content, start, end, ref piece))
            {
                failed = new FailedPiece(start, end, TooLarge: false);
                return null;
            }
            start = end;
        }
        return joined.Build(source);
    }

    /// <summary>Parses content[start..end) alone into <paramref name="piece"/>; false when it has a syntax error or no statement.</summary>
    private static bool ParsePiece(ReadOnlySpan<byte> content, int start, int end, ref RawNode[] piece, out int count)
    {
        nint tree = ParseNative(content[start..end]);
        try { count = Flatten(tree, ref piece); }
        finally { NativeMethods.apimig_tree_delete(tree); }
        return (piece[0].Flags & (NativeMethods.FlagHasError | NativeMethods.FlagError)) == 0 && piece[0].ChildCount > 0;
    }

    /// <summary>Parses a string (convenience for tests and snippets).</summary>
    public static SyntaxTree Parse(string text) => Parse(SourceText.From(text));

    /// <summary>
    /// Parse only, in the C core, with no managed tree: the baseline the parse benchmark compares against.
    /// Returns the number of nodes so the work cannot be optimized away.
    /// </summary>
    internal static uint ParseRawOnly(ReadOnlySpan<byte> content)
    {
        nint tree = ParseNative(content);
        try { return NativeMethods.apimig_node_count(tree); }
        finally { NativeMethods.apimig_tree_delete(tree); }
    }

    private static unsafe nint ParseNative(ReadOnlySpan<byte> content)
    {
        nint parser = Rent();
        try
        {
            // An empty span pins to a null pointer; hand tree-sitter a real buffer with length 0 instead.
            ReadOnlySpan<byte> input = content.IsEmpty ? Empty : content;
            nint tree;
            fixed (byte* p = input) tree = NativeMethods.apimig_parse(parser, p, (uint)content.Length);
            if (tree == 0) throw new InvalidOperationException("tree-sitter returned no tree");
            return tree;
        }
        finally
        {
            Pool.Add(parser);
        }
    }

    private static nint Rent()
    {
        if (Pool.TryTake(out var parser)) return parser;
        try
        {
            parser = NativeMethods.apimig_parser_new();
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                "The native parser library libapimig_treesitter.so was not found next to ApiMigrator.dll. " +
                "Build the solution with 'dotnet build' (it runs native/build.sh), or run native/build.sh.", e);
        }
        if (parser == 0) throw new InvalidOperationException("tree-sitter refused the Python grammar (ABI mismatch)");
        return parser;
    }

    /// <summary>Symbol and field names of the grammar, read once.</summary>
    internal static class Language
    {
        internal static readonly string[] SymbolNames;
        internal static readonly string?[] FieldNames;

        static Language()
        {
            nint lang = NativeMethods.apimig_language();
            uint symbols = NativeMethods.ts_language_symbol_count(lang);
            SymbolNames = new string[symbols + 1];
            for (uint i = 0; i < symbols; i++)
                SymbolNames[i] = string.Intern(Marshal.PtrToStringUTF8(NativeMethods.ts_language_symbol_name(lang, (ushort)i)) ?? "");
            // The error symbol is 65535 (ts_builtin_sym_error); keep it in a slot of its own.
            SymbolNames[symbols] = "ERROR";
            uint fields = NativeMethods.ts_language_field_count(lang);
            // A node record keeps its field id in one byte (native/shim.c); the grammar has about 30.
            if (fields > byte.MaxValue) throw new InvalidOperationException($"the Python grammar has {fields} fields; a node record holds at most {byte.MaxValue}");
            FieldNames = new string?[fields + 1];
            for (uint i = 1; i <= fields; i++)
                FieldNames[i] = string.Intern(Marshal.PtrToStringUTF8(NativeMethods.ts_language_field_name_for_id(lang, (ushort)i)) ?? "");
        }

        /// <summary>The module node's symbol.</summary>
        internal static ushort ModuleSymbol => (ushort)Array.IndexOf(SymbolNames, "module");

        internal static string SymbolName(ushort symbol) => symbol < SymbolNames.Length - 1 ? SymbolNames[symbol] : "ERROR";
    }
}
