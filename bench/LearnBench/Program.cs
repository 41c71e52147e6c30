// Learning benchmark (issue 4): time to learn rules from the train split, and from synthetic sets
// 2×, 5×, 10× and 20× larger built by varying the contexts of the same pairs (local names renamed
// consistently on both sides, an unrelated statement added). Linear growth is the expectation.
// Also: match+rewrite throughput of the learned rules over a standard-library folder.
// Prints figures; asserts nothing.
using System.Diagnostics;
using System.Text;
using ApiMigrator.Data;
using ApiMigrator.Learning;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

var root = FindRoot();
var loaded = PairLoader.Load([Path.Combine(root, "data", "pairs")]);
var (split, _) = SplitFiles.Read(Path.Combine(root, "data", "splits"));
var trainIds = split!.Train.ToHashSet(StringComparer.Ordinal);
var train = loaded.Pairs.Where(p => trainIds.Contains(p.Id)).ToList();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("learning (single-threaded learner; the replay inside runs sequentially)");
Console.WriteLine($"{"pairs",8} {"factor",7} {"seconds",9} {"pairs/s",9} {"rules",6} {"s per 1k pairs",15}");
// Warm-up until the JIT has settled (tiered compilation otherwise flatters the later, larger runs).
for (int i = 0; i < 3; i++) RuleLearner.Learn(Synthetic(train, 2));
var rules = RuleLearner.Learn(train).Rules;
foreach (var factor in new[] { 1, 2, 5, 10, 20 })
{
    var set = factor == 1 ? train : Synthetic(train, factor);
    double best = double.MaxValue;
    int count = 0;
    for (int run = 0; run < 2; run++)
    {
        var sw = Stopwatch.StartNew();
        count = RuleLearner.Learn(set).Rules.Count;
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"{set.Count,8} {factor,6}× {best,9:F2} {set.Count / best,9:F0} {count,6} {best * 1000 / set.Count,15:F2}");
}

var lib = args.Length > 0 ? args[0] : Directory.GetDirectories("/root/.pyenv/versions", "3.12.*").Select(d => Path.Combine(d, "lib", "python3.12")).FirstOrDefault(Directory.Exists);
if (lib is null) { Console.WriteLine("no standard library folder found; pass one as the first argument"); return; }
var files = Directory.EnumerateFiles(lib, "*.py", SearchOption.AllDirectories).Where(f => !f.Contains("site-packages", StringComparison.Ordinal))
    .Select(f => SourceText.TryFrom(File.ReadAllBytes(f), f).Text).OfType<SourceText>().ToList();
long bytes = files.Sum(f => (long)f.Length);
long lines = files.Sum(f => (long)f.LineCount);
var ruleSet = new RuleSet(rules);
Console.WriteLine();
Console.WriteLine($"match+rewrite with {rules.Count} rules learned from train over {lib}: {files.Count} files, {bytes / 1e6:F1} MB, {lines:N0} lines");
foreach (var threads in new[] { 1, Environment.ProcessorCount })
{
    Run(threads); // warm-up
    var sw = Stopwatch.StartNew();
    int changed = Run(threads);
    sw.Stop();
    var s = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"  {threads} thread(s): {s:F2} s   {files.Count / s:F0} files/s   {bytes / 1e6 / s:F1} MB/s   {lines / s:N0} lines/s   ({changed} files would change)");
}

int Run(int threads)
{
    int changed = 0;
    Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
    {
        if (Rewriter.Rewrite(f, ruleSet).Changed) Interlocked.Increment(ref changed);
    });
    return changed;
}

static List<MigrationPair> Synthetic(List<MigrationPair> pairs, int factor)
{
    var result = new List<MigrationPair>(pairs.Count * factor);
    for (int k = 0; k < factor; k++)
        foreach (var p in pairs)
            result.Add(k == 0 ? p : p with { Id = $"{p.Id}-v{k}", Before = Vary(p.Before, k), After = Vary(p.After, k) });
    return result;
}

// Renames the snippet's local names (the same way on both sides) and adds an unrelated statement.
static string Vary(string code, int k)
{
    var tree = PythonParser.Parse(code);
    var scope = ModuleScope.Build(tree);
    var edits = new List<TextEdit>();
    foreach (var n in tree.AllNodes())
    {
        if (n.Kind != "identifier" || !ModuleScope.IsReference(n) && n.Parent is not { Kind: "assignment" }) continue;
        if (scope.Resolve(n).Kind != ResolutionKind.Local) continue;
        if (n.Text.StartsWith("__", StringComparison.Ordinal) || n.Text is "self" or "cls") continue;
        edits.Add(TextEdit.Replace(n, $"{n.Text}_{k}"));
    }
    var varied = SourceEdits.Apply(tree.Source, edits.DistinctBy(e => e.Start)).Text;
    return varied + new StringBuilder().Append("_unrelated_").Append(k).Append(" = ").Append(k).Append('\n');
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "ApiMigrator.sln"))) return d.FullName;
    throw new InvalidOperationException("run from inside the repository");
}
