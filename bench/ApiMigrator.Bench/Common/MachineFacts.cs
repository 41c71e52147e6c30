using System.Runtime;
using System.Runtime.InteropServices;

namespace ApiMigrator.Bench;

/// <summary>What the figures were measured on; printed above every benchmark's table.</summary>
internal static class MachineFacts
{
    public static IEnumerable<(string Name, string Value)> Describe()
    {
        yield return ("cpu", CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString());
        yield return ("cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("os", RuntimeInformation.OSDescription);
        yield return (".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
        yield return ("gc", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}");
        if (LoadAverage() is { } load) yield return ("load", load + " (1/5/15 min, at start)");
#if DEBUG
        yield return ("build", "DEBUG — figures are meaningless; run with -c Release");
#else
        yield return ("build", "Release");
#endif
    }

    /// <summary>
    /// The 1, 5 and 15 minute load averages (Linux), or null. Other work on the machine inflates
    /// wall times; a load above the core count means the figures are not to be trusted.
    /// </summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException) { return null; }
    }

    private static string? CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
        }
        catch (IOException) { return null; }
    }
}
