namespace ApiMigrator.Diffs;

/// <summary>
/// Lines as diffs and notebooks need them: each keeps its own line break, so joining them gives the text back byte
/// for byte (nbformat stores a cell's source in this form too).
/// </summary>
internal static class TextLines
{
    /// <summary>Splits after each '\n', keeping the line breaks ("\r\n" stays with its line; a lone '\r' does not split); the last line may have none.</summary>
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
