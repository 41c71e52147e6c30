using ApiMigrator.Data;

namespace ApiMigrator.Cli.Commands;

/// <summary>Loading pairs for a command, with the split filter and clear errors.</summary>
internal static class DatasetInput
{
    public static IReadOnlyList<MigrationPair>? Load(string[] paths, string? split, string splitsFolder, TextWriter error)
    {
        foreach (var p in paths)
            if (!File.Exists(p) && !Directory.Exists(p)) { error.WriteLine($"apimig: no such file or folder: {p}"); return null; }
        var loaded = PairLoader.Load(paths);
        foreach (var e in loaded.Errors) error.WriteLine($"apimig: {e}");
        if (loaded.Errors.Count > 0) return null;
        if (split is null) return loaded.Pairs;
        var (s, errors) = SplitFiles.Read(splitsFolder);
        foreach (var e in errors) error.WriteLine($"apimig: {e}");
        if (s is null) return null;
        var part = split switch
        {
            "train" => SplitPart.Train,
            "test" => SplitPart.Test,
            "test-unseen" => SplitPart.TestUnseen,
            _ => (SplitPart?)null,
        };
        if (part is null) { error.WriteLine($"apimig: unknown split '{split}' (train, test, test-unseen)"); return null; }
        var ids = s.Ids(part.Value).ToHashSet(StringComparer.Ordinal);
        return loaded.Pairs.Where(p => ids.Contains(p.Id)).ToList();
    }
}
