using System.Diagnostics;
using System.Globalization;
using System.Text;
using ApiMigrator.Diffs;
using ApiMigrator.Matching;
using ApiMigrator.Rules;
using ApiMigrator.Workspace;

namespace ApiMigrator.Bench;

/// <summary>
/// Hostile inputs for cost: a file with very many matches, a changed file with very many full-line
/// comments, real code repeated, and a generated data literal (one statement) of N MB. Each size runs in a fresh child process (migrate in memory, then render the diff, as
/// <c>apimig migrate</c> does), so the peak working set it prints is that case's alone. The issue's target:
/// time linear in the size (doubling the size about doubles the seconds) and memory per file at most ~20×
/// its size on top of the runtime's own. CPU seconds are printed beside wall seconds: on a shared machine
/// the wall figure measures the neighbours too.
/// </summary>
internal sealed class HostileBenchmark : IBenchmark
{
    private static readonly BenchOption[] Options =
    [
        new("--case", "matches|comments|real|literal", "Run one case in this process instead of all of them in children (what the children run).", "matches"),
        new("--size", "N", "With --case: matches, comment lines, MB of real code, or tenths of a MB of one data literal.", "80000"),
    ];

    private static readonly (string Case, int Size)[] Cases =
    [
        ("matches", 20_000), ("matches", 40_000), ("matches", 80_000),
        ("comments", 8_000), ("comments", 16_000), ("comments", 32_000),
        ("real", 2), ("real", 10),
        ("literal", 8), ("literal", 80),
    ];

    public string Name => "hostile";

    public string Description => "hostile files: seconds and peak MB for 20k/40k/80k matches, 8k/16k/32k full-line comments, 2/10 MB of real code, and a 0.8/8 MB data literal";

    public int Run(string[] args)
    {
        if (BenchArgs.Parse(args, Name, Description, Options) is not { } parsed) return BenchArgs.UsageError;
        if (parsed.HelpShown) return 0;
        if (parsed.Get("--case") is { } one)
        {
            if (one is not ("matches" or "comments" or "real" or "literal")) { Console.Error.WriteLine($"hostile: --case must be matches, comments, real or literal, not '{one}'"); return BenchArgs.UsageError; }
            if (parsed.GetPositiveInt("--size", one is "real" or "literal" ? 1 : 1000) is not { } size) return BenchArgs.UsageError;
            return RunOne(one, size);
        }
        Console.WriteLine($"{"case",-10} {"size",8} {"file MB",8} {"seconds",8} {"cpu s",8} {"peak MB",8} {"peak/file",9} {"again/file",10}");
        foreach (var (name, size) in Cases)
        {
            var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            // Run as `dotnet ApiMigrator.Bench.dll`, the process is the host: the child needs the assembly named.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") psi.ArgumentList.Add(typeof(HostileBenchmark).Assembly.Location);
            foreach (var a in new[] { "hostile", "--case", name, "--size", size.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
            using var child = Process.Start(psi)!;
            var line = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            Console.WriteLine(child.ExitCode == 0 ? line : $"{name,-10} {size,8} failed (exit {child.ExitCode})");
        }
        return 0;
    }

    private static int RunOne(string name, int size)
    {
        var rules = new RuleSet(ShippedRules.Load());
        var settings = new MigrationSettings { Rules = rules, Parallelism = 1 };
        // Warm up the JIT and the rule set on a small file of the same shape, so the figure is the file's own cost.
        Migrate(Generate(name, name is "real" or "literal" ? 0 : 100), settings);
        using var self = Process.GetCurrentProcess();
        long baseline = self.WorkingSet64;
        var bytes = Generate(name, size);
        var cpu = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var doc = DocumentMigrator.Migrate(bytes, "hostile.py", settings);
        int changes = UnifiedDiff.Render("hostile.py", doc.Sections).Length > 0 ? doc.Changes.Count : 0;
        sw.Stop();
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        double fileMb = bytes.Length / 1e6, peakMb = self.PeakWorkingSet64 / 1e6;
        // A literal over the parser's limit is refused (skipped as too large): then the figures are the refusal's cost.
        bool refused = doc.Skipped is { Reason: SkipReason.TooLarge };
        if (changes == 0 && !refused) { Console.Error.WriteLine("hostile: the file did not change; the case measures nothing"); return 1; }
        double first = (self.PeakWorkingSet64 - baseline) / (double)bytes.Length;
        // The same file again, its peak measured alone: the first run's figure also holds what a process pays once (code the
        // JIT recompiles hot), which -j does not multiply. Before it, the memory the first run freed is handed back to the
        // system (the GC's aggressive mode decommits, malloc_trim returns the native parser's freed pages), so the second
        // run has to take its memory again and the figure is not flattered; Linux lets the peak be reset.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        MallocTrim();
        var again = ResetPeak() && ReadStatusKb("VmRSS") is { } rss ? AgainPeak(bytes, settings, rss) : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} {size,8} {fileMb,8:F2} {sw.Elapsed.TotalSeconds,8:F2} {cpuSeconds,8:F2} {peakMb,8:F0} {first,8:F1}x {(again is { } a ? $"{a,9:F1}x" : "        —")}{(refused ? "  skipped: too large a statement" : "")}"));
        return 0;
    }

    /// <summary>The second run's peak above <paramref name="rssKb"/> per byte of the file, or null when the peak cannot be read.</summary>
    private static double? AgainPeak(byte[] bytes, MigrationSettings settings, long rssKb)
    {
        Migrate(bytes, settings);
        return ReadStatusKb("VmHWM") is { } hwm ? (hwm - rssKb) * 1024.0 / bytes.Length : null;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    private static void MallocTrim()
    {
        try { _ = malloc_trim(0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    /// <summary>Resets the process's peak resident set (Linux: "5" to /proc/self/clear_refs); false elsewhere.</summary>
    private static bool ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>A field of /proc/self/status in kB, or null.</summary>
    private static long? ReadStatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    private static void Migrate(byte[] bytes, MigrationSettings settings)
        => UnifiedDiff.Render("hostile.py", DocumentMigrator.Migrate(bytes, "hostile.py", settings).Sections);

    /// <summary>
    /// <c>matches</c>: N lines <c>x = np.float_(1)</c> after <c>import numpy as np</c>. <c>comments</c>: N full-line
    /// comments, in blocks of eight between statements, and one change at the end. <c>real</c>: the standard library's
    /// <c>argparse.py</c> repeated to N MB (about 0.3 nodes per byte, as real modules have; the matches case has 0.8),
    /// with one change at the end. <c>literal</c>: one statement, a list of N/10 MB of small tuples (a generated table),
    /// then one change: under the parser's 1 MB per statement it is parsed, over it the file is skipped.
    /// </summary>
    internal static byte[] Generate(string name, int size)
    {
        var sb = new StringBuilder("import numpy as np\n");
        if (name == "real")
        {
            var lib = PythonCorpus.NewestPyenvStdlib() ?? throw new InvalidOperationException("hostile real: no pyenv standard library found (set PYENV_ROOT)");
            // Size 0 is the warm-up: the module once.
            var code = File.ReadAllText(Path.Combine(lib, "argparse.py"));
            do sb.Append(code).Append('\n'); while (sb.Length < size * 1_000_000L);
            sb.Append("x = np.float_(1)\n");
        }
        else if (name == "literal")
        {
            sb.Append("TABLE = [\n");
            while (sb.Length < size * 100_000L) sb.Append("    (1, 'abc', 2.5),\n");
            sb.Append("]\nx = np.float_(1)\n");
        }
        else if (name == "matches")
            for (int i = 0; i < size; i++) sb.Append("x = np.float_(1)\n");
        else
        {
            // Blocks of comments between statements, as in a heavily commented module.
            for (int i = 0; i < size; i++)
            {
                sb.Append("# comment ").Append(i).Append(" about y\n");
                if (i % 8 == 7) sb.Append("y = ").Append(i).Append('\n');
            }
            sb.Append("x = np.float_(1)\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
