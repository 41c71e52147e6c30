using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ApiMigrator.Python;

namespace ApiMigrator.Bench;

/// <summary>
/// How fast Python parses, and what the managed tree costs on top of tree-sitter:
/// (a) raw tree-sitter parse only, (b) + the managed <see cref="SyntaxTree"/>, (c) + a walk touching
/// every node — single-threaded and on all cores. The issue's target: (c) at ≥ 80% of (a)'s throughput.
/// </summary>
/// <remarks>
/// The three stages run back to back on each file (in a rotating order), each timed on its own,
/// rather than as three separate passes over the corpus. On a shared machine a slow spell lasts
/// seconds — longer than a whole pass — and it would fall on whichever stage was running; per file,
/// it falls on all three alike, so the ratios hold even when the absolute figures wobble.
/// </remarks>
internal sealed class ParseBenchmark : IBenchmark
{
    private const double Target = 0.80;

    private static readonly BenchOption[] Options =
    [
        new("--lib", "DIR", "Folder of .py files to parse (site-packages skipped). Default: the newest Python standard library under pyenv.", "~/.pyenv/versions/3.12.1/lib/python3.12"),
        new("--repeat", "N", "Measured passes per thread count, after one warm-up pass. Default: 3.", "5"),
        new("--stat", "best|median", "Per file and stage, which of the measured passes counts: the fastest (default; noise only ever adds time) or the median.", "median"),
    ];

    private sealed record Stage(string Label, Func<CorpusFile, Tally> Work);

    private static readonly Stage[] Stages =
    [
        new("(a) raw parse (C core)", f => new Tally(PythonParser.ParseRawOnly(f.Source.Content), 0)),
        new("(b) + managed tree", f => new Tally(PythonParser.Parse(f.Source).NodeCount, 0)),
        new("(c) + full managed walk", f =>
        {
            var tally = default(Tally);
            Walk(PythonParser.Parse(f.Source).Root, ref tally);
            return tally;
        }),
    ];

    /// <summary>Per stage and file: ticks and managed bytes allocated on the working thread; per stage: nodes seen.</summary>
    private sealed class PassRecord(int files)
    {
        public readonly long[,] Ticks = new long[Stages.Length, files];
        public readonly long[,] Allocated = new long[Stages.Length, files];
        public readonly long[] Nodes = new long[Stages.Length];
        public Sample Whole;
    }

    private sealed record StageResult(Stage Stage, int Threads, double Seconds, double Noise, long Allocated, long Nodes);

    private static long sink;

    public string Name => "parse";

    public string Description => "parse throughput: raw tree-sitter vs managed tree vs managed tree + full walk, 1 thread and all cores";

    public int Run(string[] args)
    {
        if (BenchArgs.Parse(args, Name, Description, Options) is not { } parsed) return BenchArgs.UsageError;
        if (parsed.HelpShown) return 0;
        if (parsed.GetPositiveInt("--repeat", 3) is not { } repeat) return BenchArgs.UsageError;
        if (parsed.GetEnum("--stat", Statistic.Best) is not { } statistic) return BenchArgs.UsageError;
        var lib = parsed.Get("--lib") ?? PythonCorpus.NewestPyenvStdlib();
        if (lib is null)
        {
            Console.Error.WriteLine("parse: no pyenv Python found under $PYENV_ROOT or ~/.pyenv; name a folder with --lib DIR");
            return BenchArgs.UsageError;
        }
        if (!Directory.Exists(lib))
        {
            Console.Error.WriteLine($"parse: no such folder: {lib}");
            return BenchArgs.UsageError;
        }

        var corpus = PythonCorpus.Load(Path.GetFullPath(lib));
        if (corpus.Files.Count == 0)
        {
            Console.Error.WriteLine($"parse: no readable .py files under {corpus.Root}");
            return BenchArgs.UsageError;
        }

        int[] threadCounts = Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];
        PrintFacts(corpus, repeat, statistic);

        var results = new List<StageResult>();
        var passes = new List<(int Threads, Sample Whole)>();
        foreach (int threads in threadCounts)
        {
            Pass(corpus, threads, rotation: 0); // warm-up: JIT tiers, parser pool, native and managed heaps
            var records = Enumerable.Range(1, repeat).Select(r => Pass(corpus, threads, rotation: r)).ToList();
            for (int s = 0; s < Stages.Length; s++)
            {
                long reported = 0, best = 0, median = 0;
                for (int f = 0; f < corpus.Files.Count; f++)
                {
                    var times = records.Select(r => r.Ticks[s, f]).ToList();
                    reported += Measurement.Pick(times, statistic);
                    best += Measurement.Pick(times, Statistic.Best);
                    median += Measurement.Pick(times, Statistic.Median);
                }
                long allocated = records.Min(r => Enumerable.Range(0, corpus.Files.Count).Sum(f => r.Allocated[s, f]));
                // On n threads the stage's files were shared by n cores: its corpus time is the summed time over n.
                results.Add(new StageResult(Stages[s], threads, (double)reported / Stopwatch.Frequency / threads,
                    (double)median / best - 1, allocated, records[0].Nodes[s]));
            }
            passes.Add((threads, Measurement.Pick(records.Select(r => r.Whole), statistic)));
        }

        PrintTable(corpus, results);
        PrintPasses(corpus, results, passes);
        PrintSummary(results, threadCounts);
        return 0;
    }

    /// <summary>One pass over the corpus running all three stages on each file, starting with a different stage per file and pass.</summary>
    private static PassRecord Pass(PythonCorpus corpus, int threads, int rotation)
    {
        var record = new PassRecord(corpus.Files.Count);
        record.Whole = Measurement.Run(() =>
        {
            if (threads == 1)
            {
                for (int i = 0; i < corpus.Files.Count; i++) RunFile(corpus, record, i, rotation);
            }
            else
            {
                // One file at a time, largest first: file sizes vary 1000-fold, so static chunks would leave a core idle.
                Parallel.ForEach(
                    Partitioner.Create(Enumerable.Range(0, corpus.Files.Count), EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = threads },
                    i => RunFile(corpus, record, i, rotation));
            }
            return new Tally(record.Nodes.Sum(), 0);
        });
        return record;
    }

    private static void RunFile(PythonCorpus corpus, PassRecord record, int i, int rotation)
    {
        var file = corpus.Files[i];
        for (int k = 0; k < Stages.Length; k++)
        {
            int s = (i + rotation + k) % Stages.Length;
            // The allocation counter of this thread is exact for this thread's work and cheap to read; read outside the timed span.
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            var tally = Stages[s].Work(file);
            record.Ticks[s, i] = Stopwatch.GetTimestamp() - start;
            record.Allocated[s, i] = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Interlocked.Add(ref record.Nodes[s], tally.Nodes);
            Interlocked.Add(ref sink, tally.Checksum);
        }
    }

    /// <summary>What a consumer's recursive visitor touches on every node.</summary>
    private static void Walk(SyntaxNode node, ref Tally tally)
    {
        var start = node.Start;
        var end = node.End;
        tally.Nodes++;
        tally.Checksum += node.Kind.Length + (node.FieldName?.Length ?? 0) + node.StartByte + node.EndByte
                          + start.Line + start.Column + end.Line + end.Column;
        foreach (var child in node.Children) Walk(child, ref tally);
    }

    private static void PrintFacts(PythonCorpus corpus, int repeat, Statistic statistic)
    {
        Console.WriteLine("apimig parse benchmark");
        foreach (var (name, value) in MachineFacts.Describe()) Console.WriteLine($"  {name,-8} {value}");
        Console.WriteLine($"  {"corpus",-8} {corpus.Root}");
        Console.WriteLine(Inv($"  {"files",-8} {corpus.Files.Count:N0} parsed ({corpus.Skipped:N0} skipped: not UTF-8, binary or too large)"));
        Console.WriteLine(Inv($"  {"size",-8} {corpus.Megabytes:N2} MB (1 MB = 10^6 bytes), {corpus.Lines:N0} lines"));
        Console.WriteLine(Inv($"  {"passes",-8} 1 warm-up + {repeat} measured per thread count; stages interleaved per file; per file and stage the {(statistic == Statistic.Best ? "fastest" : "median")} pass counts"));
        Console.WriteLine();
    }

    private static void PrintTable(PythonCorpus corpus, List<StageResult> results)
    {
        var table = new TextTable("stage", ">threads", ">time s", ">MB/s", ">files/s", ">lines/s", ">vs (a)", ">noise", ">alloc B / src MB");
        foreach (var r in results)
        {
            var raw = results.First(x => x.Threads == r.Threads && x.Stage == Stages[0]);
            table.Add(
                r.Stage.Label,
                Inv($"{r.Threads}"),
                Inv($"{r.Seconds:F3}"),
                Inv($"{corpus.Megabytes / r.Seconds:F2}"),
                Inv($"{corpus.Files.Count / r.Seconds:N0}"),
                Inv($"{corpus.Lines / r.Seconds:N0}"),
                Inv($"{raw.Seconds / r.Seconds * 100:F1}%"),
                Inv($"+{r.Noise * 100:F1}%"),
                Inv($"{r.Allocated / corpus.Megabytes:N0}"));
        }
        Console.Write(table.ToString());
        Console.WriteLine();

        var counts = results.Select(r => r.Nodes).Distinct().ToList();
        Console.WriteLine(counts.Count == 1
            ? Inv($"nodes per stage and pass: {counts[0]:N0} in every stage ({counts[0] / corpus.Megabytes:N0} per MB)")
            : "WARNING: stages disagree on the node count: " + string.Join(", ", results.Select(r => Inv($"{r.Stage.Label}/{r.Threads}: {r.Nodes:N0}"))));
    }

    private static void PrintPasses(PythonCorpus corpus, List<StageResult> results, List<(int Threads, Sample Whole)> passes)
    {
        Console.WriteLine("whole passes (all three stages on every file), as timed from outside:");
        foreach (var (threads, p) in passes)
        {
            double stageSum = results.Where(r => r.Threads == threads).Sum(r => r.Seconds);
            Console.WriteLine(Inv($"  {threads} thread{(threads == 1 ? " " : "s")}: wall {p.Elapsed.TotalSeconds:F3} s (stage times sum to {stageSum:F3} s), cpu {p.Cpu.TotalSeconds:F3} s, ")
                              + Inv($"allocated {p.AllocatedBytes / corpus.Megabytes:N0} B / src MB (GC.GetTotalAllocatedBytes), GC pause {p.GcPause.TotalMilliseconds:F1} ms, GCs g0/g1/g2 {p.Gen0}/{p.Gen1}/{p.Gen2}"));
        }
    }

    private static void PrintSummary(List<StageResult> results, int[] threadCounts)
    {
        foreach (int threads in threadCounts)
        {
            double Of(int stage) => results.First(r => r.Threads == threads && r.Stage == Stages[stage]).Seconds;
            double b = Of(0) / Of(1), c = Of(0) / Of(2);
            Console.WriteLine(Inv($"{threads} thread{(threads == 1 ? "" : "s")}: (b)/(a) = {b:F2}, (c)/(a) = {c:F2} — target (c)/(a) ≥ {Target:F2}: {(c >= Target ? "met" : "NOT met")}"));
        }
        if (threadCounts.Length > 1)
        {
            int n = threadCounts[^1];
            var speedups = Stages.Select(stage =>
            {
                double one = results.First(r => r.Threads == 1 && r.Stage == stage).Seconds;
                double all = results.First(r => r.Threads == n && r.Stage == stage).Seconds;
                return Inv($"{stage.Label[..3]} {one / all:F2}x");
            });
            Console.WriteLine($"speed-up on {n} threads: {string.Join(", ", speedups)}");
        }
        if (MachineFacts.LoadAverage() is { } load)
        {
            bool busy = double.TryParse(load.Split(' ')[0], CultureInfo.InvariantCulture, out double oneMinute) && oneMinute > Environment.ProcessorCount;
            Console.WriteLine($"load average at end: {load}" + (busy ? $" — above {Environment.ProcessorCount} cores: other work shared the machine; absolute figures are low, ratios less affected" : ""));
        }
        GC.KeepAlive(sink);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
