using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ApiMigrator.Python;

/// <summary>
/// Parses Python source with tree-sitter-python. Thread-safe: each call rents a native parser from a
/// pool (tree-sitter parsers are single-threaded), and the native tree is copied into a managed
/// <see cref="SyntaxTree"/> and freed before returning.
/// </summary>
public static class PythonParser
{
    private static readonly ConcurrentBag<nint> Pool = [];
    private static readonly byte[] Empty = [0];

    /// <summary>Parses source text into an immutable syntax tree.</summary>
    public static SyntaxTree Parse(SourceText source)
    {
        nint tree = ParseNative(source.Content);
        try
        {
            uint count = NativeMethods.apimig_node_count(tree);
            // Not zeroed: flatten writes every record, and a short write is refused below.
            var nodes = GC.AllocateUninitializedArray<RawNode>((int)count);
            uint written;
            unsafe
            {
                fixed (RawNode* p = nodes) written = NativeMethods.apimig_flatten(tree, p, count);
            }
            if (written != count) throw new InvalidOperationException($"tree-sitter flatten wrote {written} of {count} nodes");
            return new SyntaxTree(source, nodes);
        }
        finally
        {
            NativeMethods.apimig_tree_delete(tree);
        }
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
            FieldNames = new string?[fields + 1];
            for (uint i = 1; i <= fields; i++)
                FieldNames[i] = string.Intern(Marshal.PtrToStringUTF8(NativeMethods.ts_language_field_name_for_id(lang, (ushort)i)) ?? "");
        }

        internal static string SymbolName(ushort symbol) => symbol < SymbolNames.Length - 1 ? SymbolNames[symbol] : "ERROR";
    }
}
