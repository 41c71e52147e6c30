using System.Globalization;
using System.Runtime.InteropServices;
using ApiMigrator.Context;
using ApiMigrator.Files;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Bench;

/// <summary>
/// Where the time of <c>apimig migrate</c> goes on a folder of real code, stage by stage, on one thread: read,
/// decode (<see cref="SourceText.TryFrom(byte[], string?, int)"/>), text prefilter, parse (native parse + flatten),
/// syntax gate, scope model, matching, context guards, and the rest of the rewrite (edits, imports, re-parse of a
/// changed file). Times are the thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>), not wall time: on a shared machine
/// the neighbours' load then does not land on whichever stage ran during a slow spell.
/// </summary>
internal sealed partial class StagesBenchmark : IBenchmark
{
    private static readonly BenchOption[] Options =
    [
        new("--why", "yes", "Also list the rules whose prefilter condition sent files without any match to the parser.", "yes"),
        new("--rewrite-only", "yes", "Only run Rewriter.Rewrite over every file, untimed: a steady load for a profiler (dotnet-trace).", "yes"),
        new("--peak-parse", "N", "Only parse the hostile 'matches' file of N lines: the peak working set after the native parse alone, then after the managed tree.", "80000"),
        new("--folder", "DIR", "Folder of Python sources (default: /work/eco-corpus, else eco/.corpus).", "/work/eco-corpus"),
    ];

    public string Name => "stages";

    public string Description => "per-stage CPU time of migrate over a folder: read, prefilter, parse, gate, scope, match, guards, rest";

    private static readonly string[] StageNames = ["read", "decode", "prefilter", "parse", "gate", "scope", "match", "guards", "rewrite (all)"];

    public int Run(string[] args)
    {
        if (BenchArgs.Parse(args, Name, Description, Options) is not { } parsed) return BenchArgs.UsageError;
        if (parsed.HelpShown) return 0;
        var folder = parsed.Get("--folder") ?? "/work/eco-corpus";
        if (!Directory.Exists(folder)) { Console.Error.WriteLine($"stages: no folder {folder}"); return BenchArgs.UsageError; }
        var rules = new RuleSet(ShippedRules.Load());
        var files = SourceFiles.Expand([folder], new FileScanOptions()).Where(f => f.EndsWith(".py", StringComparison.Ordinal)).ToList();
        if (parsed.GetPositiveInt("--peak-parse", 0) is > 0 and int lines)
        {
            var content = HostileBenchmark.Generate("matches", lines);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            long before = self.PeakWorkingSet64;
            uint count = PythonParser.ParseRawOnly(content);
            self.Refresh();
            long afterRaw = self.PeakWorkingSet64;
            var tree = PythonParser.Parse(SourceText.From(System.Text.Encoding.UTF8.GetString(content)));
            self.Refresh();
            Console.WriteLine($"{content.Length / 1e6:F2} MB, {count:N0} nodes; peak MB: start {before / 1e6:F0}, after native parse {afterRaw / 1e6:F0}, after managed tree {self.PeakWorkingSet64 / 1e6:F0} ({tree.NodeCount:N0} nodes)");
            return 0;
        }
        if (parsed.Get("--rewrite-only") is not null)
        {
            foreach (var f in files)
                if (SourceText.TryFrom(File.ReadAllBytes(f), f).Text is { } s) Rewriter.Rewrite(s, rules);
            return 0;
        }
        // Warm-up: JIT every stage on a few files.
        var times = new double[StageNames.Length];
        foreach (var f in files.Take(50)) Measure(f, rules, times, out _, out _);
        Array.Clear(times);
        int parsedCount = 0, matched = 0;
        long bytes = 0;
        foreach (var f in files)
        {
            bytes += new FileInfo(f).Length;
            Measure(f, rules, times, out bool wasParsed, out bool hadMatches);
            if (wasParsed) parsedCount++;
            if (hadMatches) matched++;
        }
        if (parsed.Get("--why") is not null) Why(files, rules);
        Console.WriteLine($"{files.Count:N0} .py files, {bytes / 1e6:F1} MB; parsed {parsedCount:N0} ({100.0 * parsedCount / Math.Max(1, files.Count):F1}%), with matches {matched:N0}");
        double total = times[..^1].Sum();
        foreach (var (name, t) in StageNames.Zip(times))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-14} {t,8:F2} s CPU  {100 * t / total,5:F1}%"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum of stages",-14} {total,8:F2} s CPU  (rewrite (all) repeats prefilter..guards, then edits)"));
        return 0;
    }

    private static void Measure(string path, RuleSet rules, double[] times, out bool parsed, out bool hadMatches)
    {
        parsed = hadMatches = false;
        double t = Now();
        var content = File.ReadAllBytes(path);
        t = Lap(times, 0, t);
        var read = SourceText.TryFrom(content, path);
        t = Lap(times, 1, t);
        if (read.Text is not { } source) return;
        var present = rules.AnchorsIn(source.Text);
        bool may = rules.AnyRuleMayApply(present);
        t = Lap(times, 2, t);
        if (!may) return;
        parsed = true;
        var tree = PythonParser.Parse(source);
        t = Lap(times, 3, t);
        var refusal = SyntaxGate.Refusal(tree);
        t = Lap(times, 4, t);
        if (refusal is not null) return;
        var scope = ModuleScope.Build(tree);
        t = Lap(times, 5, t);
        var matches = Matcher.FindMatches(rules, scope, present);
        t = Lap(times, 6, t);
        hadMatches = matches.Count > 0;
        if (hadMatches) ModuleContext.Analyze(scope, matches);
        t = Lap(times, 7, t);
        Rewriter.Rewrite(source, rules);
        Lap(times, 8, t);
    }

    /// <summary>Per rule: the parsed files without any match where its prefilter condition held (what the prefilter lets through in vain).</summary>
    private static void Why(List<string> files, RuleSet rules)
    {
        var counts = new Dictionary<MigrationRule, int>();
        var bytesOf = new Dictionary<MigrationRule, long>();
        int vain = 0;
        long vainBytes = 0;
        foreach (var f in files)
        {
            if (SourceText.TryFrom(File.ReadAllBytes(f), f).Text is not { } source) continue;
            var present = rules.AnchorsIn(source.Text);
            if (!rules.AnyRuleMayApply(present)) continue;
            var tree = PythonParser.Parse(source);
            if (SyntaxGate.Refusal(tree) is not null) continue;
            if (Matcher.FindMatches(rules, ModuleScope.Build(tree), present).Count > 0) continue;
            vain++;
            vainBytes += source.Content.Length;
            for (int i = 0; i < rules.Rules.Count; i++)
                if (rules.Prefilter.ConditionOf(i).HoldsIn(present))
                {
                    counts[rules.Rules[i]] = counts.GetValueOrDefault(rules.Rules[i]) + 1;
                    bytesOf[rules.Rules[i]] = bytesOf.GetValueOrDefault(rules.Rules[i]) + source.Content.Length;
                }
        }
        Console.WriteLine($"{vain} parsed files without a match, {vainBytes / 1e6:F1} MB; rules whose condition held there:");
        foreach (var (r, n) in counts.OrderByDescending(kv => kv.Value).Take(60))
        {
            var c = rules.Prefilter.ConditionOf(rules.Rules.ToList().IndexOf(r));
            Console.WriteLine($"{n,5} {bytesOf[r] / 1e6,6:F1}MB {r.Id,-50} {r.Match,-40} ids=[{string.Join(",", c.Identifiers)}] placed=[{string.Join(",", c.Placed)}] any=[{string.Join("|", c.AnyOf.Select(a => string.Join("+", a)))}] imports=[{string.Join(",", c.ImportKeys)}] aliases=[{string.Join(",", c.Aliases)}]");
        }
    }

    private static double Lap(double[] times, int stage, double start)
    {
        double now = Now();
        times[stage] += now - start;
        return now;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds, Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private static double Now()
    {
        const int ThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID
        ClockGetTime(ThreadCpuTime, out var ts);
        return ts.Seconds + ts.Nanoseconds / 1e9;
    }
}
