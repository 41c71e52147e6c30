using System.Text;

namespace ApiMigrator.Data;

/// <summary>Reads and writes a split as <c>train.txt</c>, <c>test.txt</c>, <c>test-unseen.txt</c>: one id per line, sorted.</summary>
public static class SplitFiles
{
    // No BOM and "\n" only: the files are compared byte for byte to prove a split reproduces.
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The path of one part's file in a folder.</summary>
    public static string PathOf(string folder, SplitPart part) => Path.Combine(folder, DatasetSplit.FileStem(part) + ".txt");

    /// <summary>The exact bytes of one part's file.</summary>
    public static string Render(IEnumerable<string> ids)
    {
        var sb = new StringBuilder();
        foreach (var id in ids.OrderBy(i => i, StringComparer.Ordinal)) sb.Append(id).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the three files into <paramref name="folder"/> (created if needed), replacing old ones.</summary>
    public static void Write(DatasetSplit split, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var part in DatasetSplit.Parts)
            File.WriteAllText(PathOf(folder, part), Render(split.Ids(part)), Utf8NoBom);
    }

    /// <summary>Reads the three files; a missing file is an error, not an empty part (a half-written split must not pass for a whole one).</summary>
    public static (DatasetSplit? Split, IReadOnlyList<DatasetError> Errors) Read(string folder)
    {
        var errors = new List<DatasetError>();
        var parts = new Dictionary<SplitPart, List<string>>();
        var firstPart = new Dictionary<string, SplitPart>(StringComparer.Ordinal);
        foreach (var part in DatasetSplit.Parts)
        {
            var path = PathOf(folder, part);
            string[] lines;
            try { lines = File.ReadAllLines(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new DatasetError(path, 0, $"cannot read: {e.Message}"));
                continue;
            }
            var ids = parts[part] = [];
            for (int i = 0; i < lines.Length; i++)
            {
                var id = lines[i].Trim();
                if (id.Length == 0) continue;
                if (firstPart.TryAdd(id, part)) ids.Add(id);
                else errors.Add(new DatasetError(path, i + 1, $"id '{id}' is already in {DatasetSplit.FileStem(firstPart[id])}.txt"));
            }
        }
        if (parts.Count < DatasetSplit.Parts.Count) return (null, errors);
        var split = new DatasetSplit(parts[SplitPart.Train], parts[SplitPart.Test], parts[SplitPart.TestUnseen]);
        return (split, errors);
    }
}
