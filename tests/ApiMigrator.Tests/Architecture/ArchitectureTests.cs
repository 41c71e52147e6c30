using ApiMigrator.Tools.ArchCheck;

namespace ApiMigrator.Tests.Architecture;

/// <summary>
/// The engine's folders form a pipeline (docs/ARCHITECTURE.md draws it): no folder uses a folder that
/// uses it back, and no source file grows past the limit. tools/ArchCheck prints the same report.
/// </summary>
public class ArchitectureTests
{
    private static readonly Lazy<ArchitectureReport> Report = new(() => ArchitectureCheck.Run(EngineRoot()));

    [Fact]
    public void Engine_folders_have_no_cycle()
    {
        var cycles = Report.Value.Cycles.Select(c => string.Join(" ⇄ ", c) + ": " + string.Join("; ",
            Report.Value.Edges.Where(e => c.Contains(e.From) && c.Contains(e.To)).Select(e => $"{e.From} → {e.To} ({e.Example})")));
        Assert.Empty(cycles);
    }

    [Fact]
    public void No_engine_file_is_over_the_line_limit()
    {
        Assert.Empty(Report.Value.LargeFiles.Select(f => $"{f.Path}: {f.Lines} lines"));
    }

    [Fact]
    public void The_check_sees_the_engine_and_its_known_dependencies()
    {
        // Guards the check itself: a binding failure would find no edges and pass everything.
        var edges = Report.Value.Edges.Select(e => (e.From, e.To)).ToHashSet();
        Assert.Contains(("Matching", "Rules"), edges);
        Assert.Contains(("Rewriting", "Matching"), edges);
        Assert.Contains(("Rules", "Python"), edges);
        Assert.True(Report.Value.Folders.Count >= 15, string.Join(", ", Report.Value.Folders));
    }

    [Fact]
    public void The_check_finds_a_cycle_when_there_is_one()
    {
        var dir = TempTree.Folder();
        TempTree.Write(dir, "A/One.cs", "namespace X.A; public class One { public X.B.Two? Other; }");
        TempTree.Write(dir, "B/Two.cs", "namespace X.B; public class Two { public X.A.One? Other; }");
        TempTree.Write(dir, "C/Three.cs", "namespace X.C; public class Three { public X.A.One? Used; }\n" + string.Concat(Enumerable.Repeat("// line\n", 460)));
        var report = ArchitectureCheck.Run(dir);
        Assert.Equal(["A", "B"], Assert.Single(report.Cycles));
        Assert.Equal("C/Three.cs", Assert.Single(report.LargeFiles).Path.Replace('\\', '/'));
    }

    private static string EngineRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApiMigrator.sln"))) return Path.Combine(dir.FullName, "src", "ApiMigrator");
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
