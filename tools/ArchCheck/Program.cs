using ApiMigrator.Tools.ArchCheck;

// Usage: dotnet run --project tools/ArchCheck [-- ENGINE_DIR] [--mermaid]
// Prints the engine's folder dependencies in layer order, every folder cycle and every file over
// the line limit; exit 0 when there are none, 1 when there are, 2 on a usage error.
var mermaid = args.Contains("--mermaid");
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--mermaid") || positional.Count > 1)
{
    Console.Error.WriteLine("usage: ArchCheck [ENGINE_DIR] [--mermaid]");
    return 2;
}
var engine = positional.Count == 1 ? positional[0] : FindEngine();
if (engine is null || !Directory.Exists(engine))
{
    Console.Error.WriteLine($"ArchCheck: no engine folder at {engine ?? "(not found: run inside the repository or pass ENGINE_DIR)"}");
    return 2;
}

var report = ArchitectureCheck.Run(engine);
var layers = ArchitectureCheck.Layers(report).ToList();
if (mermaid)
{
    // The drawing keeps only the edges no longer path implies (the transitive reduction), so it stays readable.
    Console.WriteLine("flowchart BT");
    foreach (var e in ArchitectureCheck.Reduced(report)) Console.WriteLine($"  {e.From} --> {e.To}");
    return report.Ok ? 0 : 1;
}

Console.WriteLine($"{report.Folders.Count} folders, {report.Edges.Count} folder dependencies, from {engine}");
Console.WriteLine("layers (each folder uses only folders above it):");
foreach (var folder in layers)
{
    var uses = report.Edges.Where(e => e.From == folder).Select(e => e.To).OrderBy(layers.IndexOf).ToList();
    Console.WriteLine($"  {folder,-14} → {(uses.Count == 0 ? "(nothing)" : string.Join(", ", uses))}");
}
Console.WriteLine(report.Cycles.Count == 0 ? "folder cycles: none" : $"folder cycles: {report.Cycles.Count}");
foreach (var cycle in report.Cycles)
{
    Console.WriteLine($"  {string.Join(" ⇄ ", cycle)}");
    foreach (var e in report.Edges.Where(e => cycle.Contains(e.From) && cycle.Contains(e.To)))
        Console.WriteLine($"    {e.From} → {e.To}: {e.Example}");
}
Console.WriteLine(report.LargeFiles.Count == 0
    ? $"files over {report.MaxLines} lines: none"
    : $"files over {report.MaxLines} lines: {report.LargeFiles.Count}");
foreach (var f in report.LargeFiles) Console.WriteLine($"  {f.Path}: {f.Lines}");
return report.Ok ? 0 : 1;

static string? FindEngine()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "ApiMigrator.sln"))) return Path.Combine(dir.FullName, "src", "ApiMigrator");
    return null;
}
