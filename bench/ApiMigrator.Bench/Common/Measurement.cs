using System.Diagnostics;

namespace ApiMigrator.Bench;

/// <summary>How a benchmark condenses repeated measurements of the same work into one figure.</summary>
internal enum Statistic
{
    /// <summary>The fastest: other work on the machine only ever adds time, so it is closest to the code's own cost.</summary>
    Best,
    /// <summary>The median: what a typical run sees on this machine, noise included.</summary>
    Median,
}

/// <summary>What one pass did; summed over files so the work cannot be optimized away.</summary>
internal record struct Tally(long Nodes, long Checksum)
{
    public static Tally operator +(Tally a, Tally b) => new(a.Nodes + b.Nodes, a.Checksum + b.Checksum);
}

/// <summary>
/// One timed pass: wall time, CPU time of the whole process (all threads, GC and JIT included),
/// managed bytes allocated, GC activity, and what the pass returned.
/// </summary>
internal readonly record struct Sample(TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, Tally Result);

internal static class Measurement
{
    /// <summary>
    /// Times one pass. The heap is collected first (untimed) so each pass starts alike and pays for
    /// collecting its own garbage only. Allocation and GC figures are process-wide: right for
    /// parallel passes too.
    /// </summary>
    public static Sample Run(Func<Tally> pass)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        var result = pass();
        var elapsed = Stopwatch.GetElapsedTime(start);
        process.Refresh();
        return new Sample(
            elapsed,
            process.TotalProcessorTime - cpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.GetTotalPauseDuration() - pause,
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2,
            result);
    }

    /// <summary>The fastest or the median value (the lower middle one for an even count).</summary>
    public static long Pick(IEnumerable<long> values, Statistic statistic)
    {
        var sorted = values.Order().ToList();
        return sorted[statistic == Statistic.Best ? 0 : (sorted.Count - 1) / 2];
    }

    /// <summary>The pass with the fastest or the median wall time.</summary>
    public static Sample Pick(IEnumerable<Sample> samples, Statistic statistic)
    {
        var sorted = samples.OrderBy(s => s.Elapsed).ToList();
        return sorted[statistic == Statistic.Best ? 0 : (sorted.Count - 1) / 2];
    }
}
