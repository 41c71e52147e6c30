// Benchmark of `apimig migrate`'s engine path (diff mode, all shipped rules) over real code, side by side
// with ruff's WebAssembly build checking NumPy 2 rules (NPY201/NPY001/NPY003) on one core.
//
//   dotnet run -c Release --project bench/MigrateBench [-- FOLDER] [--runs N] [--ruff DIR]
//
// FOLDER defaults to $APIMIG_ECO_CORPUS, else /work/eco-corpus, else eco/.corpus (eco/fetch.sh fills it).
// --ruff DIR (or $RUFF_WASM_DIR, else bench/.ruff-wasm) is a folder where `npm install
// @astral-sh/ruff-wasm-nodejs` was run; without it ruff is skipped. Runs are interleaved (apimig, ruff,
// apimig, ruff, …) after one warm-up each, and the median of the per-repetition ratios is printed; wall
// and CPU seconds both, since the machine may be shared. Then: files parsed / files scanned by the text
// prefilter, and matching time over the same parsed files with the shipped rules and with 10× as many
// (synthetic rules of other libraries' names, as a rule catalog grows).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiMigrator.Files;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;
using ApiMigrator.Workspace;

int runs = 3;
string? folder = null, ruffDir = null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--ruff" && i + 1 < args.Length) ruffDir = args[++i];
    else folder = args[i];
}
folder ??= Environment.GetEnvironmentVariable("APIMIG_ECO_CORPUS")
    ?? new[] { "/work/eco-corpus", Path.Combine(RepoRoot(), "eco", ".corpus") }.FirstOrDefault(Directory.Exists);
if (folder is null || !Directory.Exists(folder))
{
    Console.Error.WriteLine("no corpus found (run eco/fetch.sh, or pass a folder)");
    return 2;
}
ruffDir ??= Environment.GetEnvironmentVariable("RUFF_WASM_DIR") ?? Path.Combine(RepoRoot(), "bench", ".ruff-wasm");
bool haveRuff = Directory.Exists(Path.Combine(ruffDir, "node_modules", "@astral-sh", "ruff-wasm-nodejs"));

var rules = ShippedRules.Load();
var ruleSet = new RuleSet(rules);
var files = SourceFiles.Expand([folder], new FileScanOptions { IncludeNotebooks = true });
long bytes = 0, lines = 0;
var texts = new List<(string Path, SourceText Text)>();
foreach (var f in files)
{
    var content = File.ReadAllBytes(f);
    bytes += content.Length;
    lines += content.AsSpan().Count((byte)'\n');
    if (f.EndsWith(".py", StringComparison.Ordinal) && SourceText.TryFrom(content, f) is { Text: { } s }) texts.Add((f, s));
}

Console.WriteLine($"apimig migrate benchmark — diff mode, {rules.Count} shipped rules");
Console.WriteLine($"folder   {folder}");
Console.WriteLine($"input    {files.Count:N0} files, {bytes / 1e6:F1} MB, {lines:N0} lines");
Console.WriteLine($"machine  {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {LoadAverage()}");

// The prefilter alone: how many files it sends to the parser, and what the scan costs.
var scan = Stopwatch.StartNew();
var parsedFiles = texts.Where(t => ruleSet.AnyRuleMayApply(ruleSet.AnchorsIn(t.Text.Text))).ToList();
scan.Stop();
Console.WriteLine($"prefilter {parsedFiles.Count:N0} of {texts.Count:N0} .py files parsed ({100.0 * parsedFiles.Count / Math.Max(1, texts.Count):F1}%), scan {scan.Elapsed.TotalSeconds:F2} s on one core");
// Bytes, not files, are what parsing costs: the files the prefilter passes are the large ones.
long parsedBytes = parsedFiles.Sum(t => (long)t.Text.Content.Length), pyBytes = texts.Sum(t => (long)t.Text.Content.Length);
Console.WriteLine($"          {parsedBytes / 1e6:F1} of {pyBytes / 1e6:F1} MB parsed ({100.0 * parsedBytes / Math.Max(1, pyBytes):F1}%)");
// For comparison, the earlier prefilter: every anchor and any module name or alias anywhere as an identifier.
int anchorOnly = texts.Count(t =>
{
    var words = System.Text.RegularExpressions.Regex.Matches(t.Text.Text, "[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    return rules.Any(r => r.Anchors.All(words.Contains) && (r.ModuleAnchors.Count == 0 || r.ModuleAnchors.Any(words.Contains)));
});
Console.WriteLine($"          (anchors and module names anywhere, as before: {anchorOnly:N0} files, {100.0 * anchorOnly / Math.Max(1, texts.Count):F1}%)");
Console.WriteLine();

Process? ruff = null;
string? listFile = null;
if (haveRuff)
{
    listFile = Path.GetTempFileName();
    File.WriteAllLines(listFile, files.Where(f => f.EndsWith(".py", StringComparison.Ordinal)));
    var script = Path.Combine(AppContext.BaseDirectory, "ruff-check.mjs");
    ruff = Process.Start(new ProcessStartInfo("node", [script, Path.GetFullPath(ruffDir), listFile])
    { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
}
else Console.WriteLine($"ruff: not installed in {ruffDir} (npm install @astral-sh/ruff-wasm-nodejs there), skipped");

var settings = new MigrationSettings { Rules = ruleSet, Mode = MigrationMode.Diff, Parallelism = Environment.ProcessorCount, BaseDirectory = folder };
Console.WriteLine($"{"rep",3}  {"apimig s",8}  {"CPU s",6}  {"ruff s",7}  {"CPU s",6}  {"ratio",6}  {"changed",7}  {"ruff diags",10}");
var ratios = new List<double>();
var apimigWall = new List<double>();
for (int rep = 0; rep <= runs; rep++)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    var (changed, _, _) = await RunOnce(settings);
    sw.Stop();
    double aWall = sw.Elapsed.TotalSeconds, aCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    double rWall = double.NaN, rCpu = double.NaN;
    int diags = 0;
    if (ruff is not null)
    {
        ruff.StandardInput.WriteLine("run");
        ruff.StandardInput.Flush();
        using var doc = JsonDocument.Parse(ruff.StandardOutput.ReadLine()!);
        rWall = doc.RootElement.GetProperty("wallMs").GetDouble() / 1000;
        rCpu = doc.RootElement.GetProperty("cpuMs").GetDouble() / 1000;
        diags = doc.RootElement.GetProperty("diagnostics").GetInt32();
    }
    var label = rep == 0 ? "w" : rep.ToString(CultureInfo.InvariantCulture);
    Console.WriteLine($"{label,3}  {aWall,8:F2}  {aCpu,6:F1}  {rWall,7:F2}  {rCpu,6:F1}  {aWall / rWall,6:F2}  {changed,7}  {diags,10}");
    if (rep == 0) continue; // warm-up: JIT, caches
    apimigWall.Add(aWall);
    if (ruff is not null) ratios.Add(aWall / rWall);
}
if (ruff is not null)
{
    ruff.StandardInput.Close();
    await ruff.WaitForExitAsync();
    File.Delete(listFile!);
    Console.WriteLine($"median apimig/ruff wall-clock ratio {Median(ratios):F2} (apimig on {Environment.ProcessorCount} cores, all {rules.Count} rules; ruff on one core, NPY201/NPY001/NPY003)");
}
Console.WriteLine($"median apimig {Median(apimigWall):F2} s, {bytes / 1e6 / Median(apimigWall):F1} MB/s");
Console.WriteLine();

// Matching cost against the size of the rule set: the same parsed files, the shipped rules, then 10× as many.
var sample = parsedFiles.Take(300).Select(t => ModuleScope.Build(PythonParser.Parse(t.Text))).ToList();
var tenfold = new RuleSet([.. rules, .. SyntheticRules(9 * rules.Count)]);
foreach (var (name, set) in new[] { ("1x", ruleSet), ("10x", tenfold), ("1x", ruleSet), ("10x", tenfold) })
{
    int matches = 0;
    var sw = Stopwatch.StartNew();
    foreach (var scope in sample) matches += Matcher.FindMatches(set, scope).Count;
    sw.Stop();
    Console.WriteLine($"matching {name,3} ({set.Rules.Count,6:N0} rules) over {sample.Count} parsed files: {sw.Elapsed.TotalMilliseconds,7:F0} ms, {matches} matches");
}
Console.WriteLine();
Console.WriteLine($"load average at the end {LoadAverage()}");
Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
return 0;

async Task<(int Changed, int Skipped, long DiffBytes)> RunOnce(MigrationSettings s)
{
    var summary = new MigrationSummary();
    long diffBytes = 0;
    await foreach (var o in new WorkspaceMigrator(s).RunAsync(files))
    {
        summary.Add(o);
        diffBytes += o.Diff?.Length ?? 0;
    }
    return (summary.FilesChanged, summary.FilesSkipped, diffBytes);
}

// Rules shaped like the catalog's (renames of qualified names, methods with a receiver constraint, keyword
// renames) but of libraries the corpus does not use, so they add index entries without adding matches.
static IReadOnlyList<MigrationRule> SyntheticRules(int count)
{
    var yaml = new StringBuilder();
    for (int i = 0; i < count; i++)
    {
        var lib = $"synthlib{i % 97}";
        switch (i % 3)
        {
            case 0:
                yaml.Append(CultureInfo.InvariantCulture, $"- id: synth-{i}\n  library: {lib}\n  kind: api_rename\n  match: {lib}.mod{i % 13}.func{i}\n  replace: {lib}.mod{i % 13}.func{i}_new\n");
                break;
            case 1:
                yaml.Append(CultureInfo.InvariantCulture, $"- id: synth-{i}\n  library: {lib}\n  kind: syntax\n  match: $obj.method{i}($x)\n  replace: $obj.method{i}_new($x)\n  where: {{obj: [{lib}]}}\n");
                break;
            default:
                yaml.Append(CultureInfo.InvariantCulture, $"- id: synth-{i}\n  library: {lib}\n  kind: syntax\n  match: {lib}.build{i}($*args)\n  replace: {lib}.make{i}($*args)\n");
                break;
        }
    }
    var (parsed, errors) = RuleFile.Parse(yaml.ToString());
    if (errors.Count > 0) throw new InvalidOperationException(string.Join("\n", errors.Take(3)));
    return parsed;
}

static double Median(List<double> xs)
{
    if (xs.Count == 0) return double.NaN;
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

static string LoadAverage()
    => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string RepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "ApiMigrator.sln"))) return d.FullName;
    return Directory.GetCurrentDirectory();
}
