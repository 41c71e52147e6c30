using System.Diagnostics;
using ApiMigrator.Cli;
using ApiMigrator.Files;

namespace ApiMigrator.Tests.Cli;

/// <summary>
/// Hostile inputs: no input crashes or hangs a run, no file CPython rejects is touched, owners are kept,
/// stale temporary files are cleaned. The real CLI in-process on temporary trees (one test starts the real
/// process, for a closed standard input).
/// </summary>
public class HardeningTests
{
    private const string Migratable = "import numpy as np\nx = np.float_(1)\n";
    private const string Migrated = "import numpy as np\nx = np.float64(1)\n";

    /// <summary>Fails the test instead of hanging the suite when a run blocks (a FIFO read, a closed stdin).</summary>
    private static async Task<T> NoHang<T>(Task<T> run)
    {
        var done = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(done == run, "the run did not finish: it blocks");
        return await run;
    }

    [Fact]
    public async Task Given_files_that_break_the_parser_or_CPython_When_writing_Then_each_is_skipped_with_its_reason_and_the_rest_migrates()
    {
        // Given
        var root = TempTree.Folder();
        var good = TempTree.Write(root, "good.py", Migratable);
        var inputs = new Dictionary<string, string>
        {
            ["deep.py"] = "import numpy as np\nx = " + new string('-', 9000) + "np.float_\n",
            ["py2.py"] = "import numpy as np\nprint \"x\"\ny = np.float_\n",
            ["tabs.py"] = "import numpy as np\nif True:\n        x = np.float_\n\ty = 2\n",
            ["dedent.py"] = "import numpy as np\nif True:\n    if True:\n        x = np.float_\n  y = 2\n",
            ["eof_opener.py"] = "import numpy as np\nx = np.float_\nif x:\n",
            ["formfeed.py"] = "import numpy as np\nif True:\n    x = np.float_\n\f  y = 2\n",
        };
        foreach (var (name, text) in inputs) TempTree.Write(root, name, text);
        var before = TempTree.Snapshot(root);

        // When
        var run = await NoHang(CliRun.Of(["migrate", "--write", root]));

        // Then
        Assert.Equal(Migrated, File.ReadAllText(good));
        foreach (var name in inputs.Keys) Assert.Equal(before[name], File.ReadAllBytes(Path.Combine(root, name)));
        Assert.Contains("deep.py: skipped (too deep)", run.Error, StringComparison.Ordinal);
        Assert.Contains("py2.py:2:1: skipped (syntax error): Python 2 print statement", run.Error, StringComparison.Ordinal);
        Assert.Contains("tabs.py:4:2: skipped (syntax error): inconsistent use of tabs and spaces", run.Error, StringComparison.Ordinal);
        Assert.Contains("dedent.py:5:3: skipped (syntax error): unindent does not match", run.Error, StringComparison.Ordinal);
        Assert.Contains("eof_opener.py:", run.Error, StringComparison.Ordinal);
        Assert.Contains("formfeed.py:", run.Error, StringComparison.Ordinal);
        Assert.Contains("7 files scanned", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_fifo_and_a_symlinked_file_in_the_tree_When_migrating_Then_the_fifo_is_never_opened_and_the_link_is_not_followed()
    {
        if (OperatingSystem.IsWindows()) return;
        // Given
        var root = TempTree.Folder();
        var outside = TempTree.Folder();
        var target = TempTree.Write(outside, "elsewhere.py", Migratable);
        File.CreateSymbolicLink(Path.Combine(root, "link.py"), target);
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(root, "pipe.py")])!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var named = TempTree.Write(root, "named.py", Migratable);

        // When
        var run = await NoHang(CliRun.Of(["migrate", "--write", root]));
        var direct = await NoHang(CliRun.Of(["migrate", "--write", Path.Combine(root, "link.py")]));

        // Then
        Assert.Contains("pipe.py: skipped (not a regular file)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("link.py", run.Error + run.Out, StringComparison.Ordinal);
        Assert.Equal(Migrated, File.ReadAllText(named));
        Assert.Equal(0, direct.ExitCode);
        Assert.Equal(Migrated, File.ReadAllText(target)); // named on the command line: followed
    }

    [Fact]
    public async Task Given_bad_globs_When_migrating_Then_an_exclude_is_a_usage_error_and_a_gitignore_line_a_warning()
    {
        // Given
        var root = TempTree.Folder();
        TempTree.Write(root, ".gitignore", "x[\n[9-0].log\n");
        var file = TempTree.Write(root, "a.py", Migratable);

        // When
        var excluded = await CliRun.Of(["migrate", "--exclude", "[9-0]", root]);
        var ignored = await CliRun.Of(["migrate", "--write", root]);

        // Then
        Assert.Equal(2, excluded.ExitCode);
        Assert.Contains("is not a valid glob", excluded.Error, StringComparison.Ordinal);
        Assert.Contains(".gitignore:2: '[9-0].log' is not a valid glob", ignored.Error, StringComparison.Ordinal);
        Assert.Equal(Migrated, File.ReadAllText(file));
    }

    [Fact]
    public async Task Given_a_file_owned_by_another_user_When_root_rewrites_it_Then_owner_group_and_mode_are_kept()
    {
        if (!UnixFile.IsRoot) return; // only root can give a file away; CI runs as root
        // Given
        var root = TempTree.Folder();
        var file = TempTree.Write(root, "a.py", Migratable);
        UnixFile.SetOwner(file, 12345, 23456);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.SetGroup;
        File.SetUnixFileMode(file, mode);

        // When
        var run = await CliRun.Of(["migrate", "--write", root]);

        // Then
        Assert.Equal(Migrated, File.ReadAllText(file));
        Assert.Equal((12345u, 23456u), UnixFile.OwnerOf(file));
        Assert.Equal(mode, File.GetUnixFileMode(file));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Given_temp_files_a_killed_run_left_When_writing_in_their_folder_Then_they_are_removed()
    {
        // Given: a dead process's temp file from before this run, and one of a live process (this one) that must stay
        var root = TempTree.Folder();
        var file = TempTree.Write(root, "a.py", Migratable);
        var stale = TempTree.Write(root, ".a.py.999999-deadbeef.apimig.tmp", "");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-1));
        var live = TempTree.Write(root, $".a.py.{Environment.ProcessId}-0badf00d.apimig.tmp", "");
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddDays(-1));

        // When
        await CliRun.Of(["migrate", "--write", root]);

        // Then
        Assert.Equal(Migrated, File.ReadAllText(file));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task Given_a_closed_standard_input_When_migrating_stdin_Then_the_run_ends_with_a_usage_error()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Given: the real process, started by a shell that closes its standard input
        var dll = typeof(CliApp).Assembly.Location;
        var psi = new ProcessStartInfo("bash", ["-c", $"exec dotnet '{dll}' migrate - <&-"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };

        // When
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var exited = await NoHang(p.WaitForExitAsync().ContinueWith(_ => true));

        // Then
        Assert.True(exited);
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("standard input is closed", await stderr, StringComparison.Ordinal);
    }
}
