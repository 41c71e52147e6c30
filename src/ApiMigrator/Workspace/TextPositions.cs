using System.Text;
using ApiMigrator.Python;

namespace ApiMigrator.Workspace;

/// <summary>Position conversions for reports.</summary>
internal static class TextPositions
{
    /// <summary>
    /// The engine counts columns in UTF-8 bytes (as tree-sitter does); editors and SARIF count characters
    /// (UTF-16 code units). Converts a 1-based byte column on a 1-based line to a 1-based character column.
    /// </summary>
    public static int CharColumn(SourceText source, int line, int byteColumn)
    {
        if (line < 1 || line > source.LineCount || byteColumn <= 1) return Math.Max(1, byteColumn);
        int start = source.LineStart(line);
        int length = Math.Min(byteColumn - 1, source.Length - start);
        return Encoding.UTF8.GetCharCount(source.Content.Slice(start, length)) + 1;
    }
}
