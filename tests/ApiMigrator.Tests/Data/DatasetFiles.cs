using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

/// <summary>The shipped dataset, and scratch JSONL files for tests that need bad input.</summary>
internal static class DatasetFiles
{
    /// <summary>The folder holding ApiMigrator.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string PairsFolder => Path.Combine(RepoRoot, "data", "pairs");

    public static string SplitsFolder => Path.Combine(RepoRoot, "data", "splits");

    private static readonly Lazy<IReadOnlyList<MigrationPair>> Shipped = new(() =>
    {
        var loaded = PairLoader.Load([PairsFolder]);
        Assert.Empty(loaded.Errors);
        return loaded.Pairs;
    });

    /// <summary>The shipped pairs (loaded once).</summary>
    public static IReadOnlyList<MigrationPair> ShippedPairs => Shipped.Value;

    /// <summary>A fresh, empty folder under the temp directory.</summary>
    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "apimig-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes lines to a new .jsonl file and returns its path.</summary>
    public static string WriteJsonl(params string[] lines) => WriteJsonlIn(TempFolder(), "pairs.jsonl", lines);

    public static string WriteJsonlIn(string folder, string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>A complete, valid shipped-dataset line.</summary>
    public static string Line(string id, string before, string after, bool? negative = null, string pattern = "demo.thing-renamed", string library = "demo")
    {
        var fields = new Dictionary<string, object>
        {
            ["id"] = id, ["library"] = library, ["from_version"] = "1.0", ["to_version"] = "2.0", ["kind"] = "api_rename",
            ["pattern"] = pattern, ["before"] = before, ["after"] = after, ["source"] = "https://example.org/changelog#thing",
        };
        if (negative is { } n) fields["negative"] = n;
        return System.Text.Json.JsonSerializer.Serialize(fields);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApiMigrator.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no ApiMigrator.sln above {AppContext.BaseDirectory}");
    }
}
