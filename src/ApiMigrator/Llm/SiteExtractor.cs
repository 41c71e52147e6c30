using System.Text;
using ApiMigrator.Python;

namespace ApiMigrator.Llm;

/// <summary>
/// Cuts a <see cref="MigrationSite"/> out of a parsed file: the smallest statement around a byte range,
/// dedented, plus the module's import statements. The model never sees the rest of the file, which
/// keeps prompts small and bounds what an answer can break.
/// </summary>
internal static class SiteExtractor
{
    private static readonly HashSet<string> StatementKinds = new(StringComparer.Ordinal)
    {
        "function_definition", "class_definition", "decorated_definition",
    };

    /// <summary>
    /// The site around bytes [<paramref name="startByte"/>, <paramref name="endByte"/>) of <paramref name="tree"/>
    /// (e.g. the range of a matched call): the smallest enclosing statement becomes <see cref="MigrationSite.Code"/>
    /// and the range's text becomes <see cref="MigrationSite.Target"/>.
    /// </summary>
    public static MigrationSite Extract(SyntaxTree tree, int startByte, int endByte, string library, string fromVersion, string toVersion)
    {
        if (startByte < 0 || endByte < startByte || endByte > tree.Source.Length)
            throw new ArgumentOutOfRangeException(nameof(startByte), $"byte range [{startByte}, {endByte}) is outside the file (0..{tree.Source.Length})");
        var statement = EnclosingStatement(tree.NodeAt(startByte, endByte))
            ?? throw new ArgumentException($"byte range [{startByte}, {endByte}) is not inside a statement", nameof(startByte));
        var (code, indent) = Dedent(tree, statement);
        return new MigrationSite(code, library, fromVersion, toVersion)
        {
            ImportLines = ImportLines(tree),
            Target = endByte > startByte ? tree.Source.GetText(startByte, endByte) : null,
            Line = tree.Source.GetPosition(startByte).Line,
            FilePath = tree.Source.Path,
            Indent = indent,
            StartByte = statement.StartByte,
            EndByte = statement.EndByte,
        };
    }

    /// <summary>The module's import statements anywhere in the file, in order, each once.</summary>
    public static IReadOnlyList<string> ImportLines(SyntaxTree tree)
        => tree.AllNodes()
            .Where(n => n.Kind is "import_statement" or "import_from_statement" or "future_import_statement")
            .Select(n => n.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    internal static SyntaxNode? EnclosingStatement(SyntaxNode node)
    {
        for (SyntaxNode? n = node; n is { } s; n = s.Parent)
            if (s.Kind.EndsWith("_statement", StringComparison.Ordinal) || StatementKinds.Contains(s.Kind)) return s;
        return null;
    }

    /// <summary>
    /// The statement's text with its indentation removed from every continuation line that carries it,
    /// except lines inside multi-line strings (their leading spaces are string content).
    /// </summary>
    internal static (string Code, string Indent) Dedent(SyntaxTree tree, SyntaxNode statement)
    {
        var source = tree.Source;
        var content = source.Content;
        int lineStart = source.LineStart(statement.Start.Line);
        int indentEnd = lineStart;
        while (indentEnd < statement.StartByte && content[indentEnd] is (byte)' ' or (byte)'\t') indentEnd++;
        var indent = content[lineStart..indentEnd];
        var strings = MultiLineStrings(statement);

        var output = new List<byte>(statement.EndByte - statement.StartByte);
        for (int i = statement.StartByte; i < statement.EndByte; i++)
        {
            output.Add(content[i]);
            if (content[i] != (byte)'\n' || i + 1 >= statement.EndByte) continue;
            int next = i + 1;
            if (indent.Length > 0 && !Inside(strings, next) && content[next..statement.EndByte].StartsWith(indent))
                i += indent.Length;
        }
        return (Encoding.UTF8.GetString([.. output]), Encoding.UTF8.GetString(indent));
    }

    /// <summary>Adds <paramref name="indent"/> to every non-blank line after the first, outside multi-line strings.</summary>
    internal static string Indent(string code, string indent)
    {
        if (indent.Length == 0 || !code.Contains('\n', StringComparison.Ordinal)) return code;
        var tree = PythonParser.Parse(code);
        var strings = MultiLineStrings(tree.Root);
        var bytes = tree.Source.Content;
        var indentBytes = Encoding.UTF8.GetBytes(indent);
        var output = new List<byte>(bytes.Length + indentBytes.Length * 8);
        for (int i = 0; i < bytes.Length; i++)
        {
            output.Add(bytes[i]);
            if (bytes[i] != (byte)'\n' || i + 1 >= bytes.Length) continue;
            bool blank = bytes[i + 1] is (byte)'\n' or (byte)'\r';
            if (!blank && !Inside(strings, i + 1)) output.AddRange(indentBytes);
        }
        return Encoding.UTF8.GetString([.. output]);
    }

    private static List<(int Start, int End)> MultiLineStrings(SyntaxNode root)
        => root.DescendantsAndSelf()
            .Where(n => n.Kind == "string" && n.Start.Line != n.End.Line)
            .Select(n => (n.StartByte, n.EndByte))
            .ToList();

    private static bool Inside(List<(int Start, int End)> ranges, int offset) => ranges.Any(r => r.Start < offset && offset < r.End);
}
