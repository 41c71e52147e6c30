using System.Runtime.InteropServices;

namespace ApiMigrator.Python;

/// <summary>
/// One node as the native shim writes it (see native/shim.c); layout must match ApimigNode: 24 bytes. A node's first
/// child, when it has one, is the next record (pre-order), and the others follow by <see cref="NextSibling"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RawNode
{
    public uint StartByte, EndByte;
    public int Parent, NextSibling;
    public uint ChildCount;
    public ushort Symbol;
    public byte Field, Flags;
}

/// <summary>The whole P/Invoke surface. Nothing outside Python/ calls native code.</summary>
internal static partial class NativeMethods
{
    private const string Lib = "apimig_treesitter";

    internal const byte FlagNamed = 1, FlagMissing = 2, FlagExtra = 4, FlagError = 8, FlagHasError = 16;

    [LibraryImport(Lib)] internal static partial nint apimig_language();
    [LibraryImport(Lib)] internal static partial nint apimig_parser_new();
    [LibraryImport(Lib)] internal static partial void apimig_parser_delete(nint parser);
    [LibraryImport(Lib)] internal static unsafe partial nint apimig_parse(nint parser, byte* bytes, uint length);
    [LibraryImport(Lib)] internal static partial void apimig_tree_delete(nint tree);
    [LibraryImport(Lib)] internal static partial uint apimig_node_count(nint tree);
    [LibraryImport(Lib)] internal static unsafe partial uint apimig_flatten(nint tree, RawNode* output, uint capacity);

    [LibraryImport("apimig_treesitter")] internal static partial uint ts_language_symbol_count(nint language);
    [LibraryImport("apimig_treesitter")] internal static partial uint ts_language_field_count(nint language);
    [LibraryImport("apimig_treesitter")] internal static partial nint ts_language_symbol_name(nint language, ushort symbol);
    [LibraryImport("apimig_treesitter")] internal static partial nint ts_language_field_name_for_id(nint language, ushort field);
}
