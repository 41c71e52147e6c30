using System.Diagnostics;
using System.Text.Json;

namespace ApiMigrator.Tests.Python;

/// <summary>Asks a pyenv CPython whether sources compile (the oracle for the syntax gate): one process for a whole batch.</summary>
internal static class CPython
{
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        sources = json.load(sys.stdin)
        out = []
        for s in sources:
            try:
                compile(s, "<apimig>", "exec", dont_inherit=True)
                out.append(True)
            except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
                out.append(False)
        json.dump(out, sys.stdout)
        """;

    /// <summary>The python executable of an installed pyenv version (e.g. 3.12), or null.</summary>
    public static string? Executable(string version)
    {
        var lib = StdlibCorpus.LibFolder(version);
        if (lib is null) return null;
        var exe = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(lib)!)!, "bin", "python" + version);
        return File.Exists(exe) ? exe : null;
    }

    /// <summary>For each source: does CPython <paramref name="version"/> compile it?</summary>
    public static IReadOnlyList<bool> Compiles(string version, IReadOnlyList<string> sources)
    {
        if (sources.Count == 0) return [];
        var exe = Executable(version) ?? throw new InvalidOperationException($"Python {version} is not installed under pyenv");
        var psi = new ProcessStartInfo(exe, ["-c", Script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(JsonSerializer.Serialize(sources));
        p.StandardInput.Close();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException("CPython did not answer"); }
        if (p.ExitCode != 0) throw new InvalidOperationException("CPython failed: " + stderr.Result);
        return JsonSerializer.Deserialize<List<bool>>(stdout.Result)!;
    }
}
