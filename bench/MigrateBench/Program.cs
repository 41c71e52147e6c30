// Benchmark of `apimig migrate`'s engine path: diff mode, all shipped rules, over a Python standard
// library folder, with 1 thread and with all cores. Prints files/s, MB/s and lines/s.
//
//   dotnet run -c Release --project bench/MigrateBench [-- FOLDER] [--runs N]
//
// FOLDER defaults to the newest ~/.pyenv/versions/3.12.*/lib/python3.12 (or $PYENV_ROOT). Each
// configuration runs once to warm up, then N times (default 3); the best run is reported, with the median.
using System.Diagnostics;
using ApiMigrator.Files;
using ApiMigrator.Matching;
using ApiMigrator.Rules;
using ApiMigrator.Workspace;

int runs = 3;
string? folder = null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else folder = args[i];
}
folder ??= FindStdlib();
if (folder is null || !Directory.Exists(folder))
{
    Console.Error.WriteLine("no Python 3.12 standard library found under ~/.pyenv/versions; pass a folder");
    return 2;
}

var rules = ShippedRules.Load();
var ruleSet = new RuleSet(rules);
var listing = Stopwatch.StartNew();
var files = SourceFiles.Expand([folder], new FileScanOptions { IncludeNotebooks = true });
listing.Stop();
long bytes = 0, lines = 0;
foreach (var f in files)
{
    var content = File.ReadAllBytes(f);
    bytes += content.Length;
    lines += content.AsSpan().Count((byte)'\n');
}

Console.WriteLine($"apimig migrate benchmark — diff mode, {rules.Count} shipped rules");
Console.WriteLine($"folder   {folder}");
Console.WriteLine($"input    {files.Count:N0} files, {bytes / 1e6:F1} MB, {lines:N0} lines (listed in {listing.Elapsed.TotalMilliseconds:F0} ms)");
Console.WriteLine($"machine  {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {LoadAverage()}");
Console.WriteLine();
Console.WriteLine($"{"threads",7}  {"best s",7}  {"median s",8}  {"files/s",8}  {"MB/s",6}  {"lines/s",9}  {"CPU s",6}  {"changed",7}  {"skipped",7}  {"diff KB",7}");

foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
{
    var settings = new MigrationSettings { Rules = ruleSet, Mode = MigrationMode.Diff, Parallelism = threads, BaseDirectory = folder };
    await RunOnce(settings); // warm-up: JIT, caches
    var times = new List<(double Wall, double Cpu)>();
    (int Changed, int Skipped, long DiffBytes) last = default;
    for (int r = 0; r < runs; r++)
    {
        // CPU time as well as wall time: on a shared machine, wall time alone says little about the code.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        last = await RunOnce(settings);
        sw.Stop();
        times.Add((sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
    }
    times.Sort();
    var (best, bestCpu) = times[0];
    double median = times[times.Count / 2].Wall;
    Console.WriteLine($"{threads,7}  {best,7:F2}  {median,8:F2}  {files.Count / best,8:F0}  {bytes / 1e6 / best,6:F2}  {lines / best,9:F0}  {bestCpu,6:F1}  {last.Changed,7}  {last.Skipped,7}  {last.DiffBytes / 1024,7}");
}
Console.WriteLine();
Console.WriteLine($"load average at the end {LoadAverage()}");
Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
return 0;

async Task<(int Changed, int Skipped, long DiffBytes)> RunOnce(MigrationSettings settings)
{
    var summary = new MigrationSummary();
    long diffBytes = 0;
    await foreach (var o in new WorkspaceMigrator(settings).RunAsync(files))
    {
        summary.Add(o);
        diffBytes += o.Diff?.Length ?? 0;
    }
    return (summary.FilesChanged, summary.FilesSkipped, diffBytes);
}

static string LoadAverage()
    => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string? FindStdlib()
{
    var root = Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
    var versions = Path.Combine(root, "versions");
    if (!Directory.Exists(versions)) return null;
    return Directory.GetDirectories(versions, "3.12.*")
        .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0))
        .Select(d => Path.Combine(d, "lib", "python3.12"))
        .FirstOrDefault(Directory.Exists);
}
