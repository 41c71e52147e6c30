using ApiMigrator.Data;

namespace ApiMigrator.Tests.Llm;

/// <summary>The shipped dataset, found by walking up from the test binaries to the repository root.</summary>
internal static class TestData
{
    private static readonly Lazy<IReadOnlyList<MigrationPair>> Loaded = new(() =>
    {
        var result = PairLoader.Load([PairsDirectory]);
        if (result.Errors.Count > 0) throw new InvalidOperationException(string.Join("\n", result.Errors));
        return result.Pairs;
    });

    public static string PairsDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "pairs");
                if (File.Exists(Path.Combine(dir.FullName, "ApiMigrator.sln")) && Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("data/pairs not found above " + AppContext.BaseDirectory);
        }
    }

    public static IReadOnlyList<MigrationPair> Pairs() => Loaded.Value;
}
