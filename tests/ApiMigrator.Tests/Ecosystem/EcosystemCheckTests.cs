using System.Diagnostics;
using ApiMigrator.Tests.Data;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Ecosystem;

/// <summary>
/// The ecosystem check (eco/): real packages' sources, every change apimig makes kept in a reviewed
/// snapshot. The whole corpus takes minutes and runs by hand (README, "Ecosystem check"); here the
/// packages tagged `# ci` in eco/packages.txt are fetched and checked on every test run.
/// </summary>
public class EcosystemCheckTests(ITestOutputHelper output)
{
    private static string Eco => Path.Combine(DatasetFiles.RepoRoot, "eco");

    [Fact]
    public void Every_change_in_the_committed_snapshot_has_a_verdict_and_a_reason()
    {
        var lines = File.ReadAllLines(Path.Combine(Eco, "snapshot.tsv"));

        var problems = lines.Skip(1)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length != 7 || f[5] is not ("right" or "wrong") || string.IsNullOrWhiteSpace(f[6]))
            .Select(f => string.Join(" | ", f))
            .ToList();

        Assert.Equal("package\tlocation\trule\told\tnew\tverdict\treason", lines[0]);
        Assert.True(lines.Length > 1, "the snapshot lists no change");
        Assert.True(problems.Count == 0, $"{problems.Count} snapshot lines lack a verdict or reason:\n" + string.Join("\n", problems.Take(20)));
    }

    [AptFact]
    public void The_ci_packages_migrate_exactly_as_the_reviewed_snapshot_says()
    {
        // Given the packages tagged `# ci`, fetched into eco/.corpus (apt-get download; cached between runs)
        // and the apimig built with this test project,
        var apimig = Path.Combine(AppContext.BaseDirectory, "apimig.dll");
        Assert.True(File.Exists(apimig), $"apimig.dll not found beside the tests ({AppContext.BaseDirectory})");

        // when the runner checks them against the committed snapshot and summary,
        var (code, text) = Run("bash", Path.Combine(Eco, "run.sh"), "--ci", "--check", "--apimig", apimig);
        output.WriteLine(text);

        // then every change is one the snapshot lists, reviewed as right, and the counts agree.
        Assert.True(code == 0, "eco/run.sh --ci --check failed (update with eco/run.sh --ci, then review the new lines):\n" + text);
    }

    private static (int Code, string Text) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DatasetFiles.RepoRoot };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 10 minutes\n" + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A fact that needs apt-get and dpkg-deb (Debian) to fetch the corpus; skipped, saying so, where they are missing.</summary>
public sealed class AptFactAttribute : FactAttribute
{
    public AptFactAttribute()
    {
        var missing = new[] { "apt-get", "dpkg-deb" }.Where(tool => !OnPath(tool)).ToList();
        if (missing.Count > 0) Skip = $"the ecosystem check fetches Debian packages and needs {string.Join(" and ", missing)}, which this machine lacks";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
}
