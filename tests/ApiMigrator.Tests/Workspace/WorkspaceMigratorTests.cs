using System.Text;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Workspace;

namespace ApiMigrator.Tests.Workspace;

public class WorkspaceMigratorTests
{
    private static MigrationSettings Settings(string root, MigrationMode mode = MigrationMode.Diff, int parallelism = 4)
        => new() { Rules = TestRules.Set, Mode = mode, BaseDirectory = root, Parallelism = parallelism };

    private static async Task<List<FileOutcome>> Run(WorkspaceMigrator m, IEnumerable<string> files)
    {
        var list = new List<FileOutcome>();
        await foreach (var o in m.RunAsync(files)) list.Add(o);
        return list;
    }

    [Fact]
    public async Task Given_many_files_When_running_in_parallel_Then_outcomes_come_back_in_input_order()
    {
        var root = TempTree.Folder();
        var files = Enumerable.Range(0, 60).Select(i => TempTree.Write(root, $"m{i:D2}.py", i % 3 == 0 ? "import numpy as np\nx = np.float_\n" : "x = 1\n")).ToList();

        var outcomes = await Run(new WorkspaceMigrator(Settings(root)), files);

        Assert.Equal(files, outcomes.Select(o => o.Path));
        Assert.Equal(20, outcomes.Count(o => o.Status == FileStatus.Changed));
        Assert.All(outcomes, o => Assert.Equal(Path.GetFileName(o.Path), o.DisplayPath));
    }

    [Fact]
    public async Task Given_bad_inputs_When_running_Then_each_is_skipped_with_its_reason_and_left_as_it_was()
    {
        var root = TempTree.Folder();
        var latin1 = TempTree.WriteBytes(root, "latin1.py", [.. "# caf"u8, 0xE9, .. "\nimport numpy as np\nx = np.float_\n"u8]);
        var binary = TempTree.WriteBytes(root, "binary.py", [.. "np.float_"u8, 0, 1, 2]);
        var broken = TempTree.Write(root, "broken.py", "import numpy as np\nx = np.float_(\n");
        var big = TempTree.Write(root, "big.py", "import numpy as np\nx = np.float_\n" + new string('#', 200) + "\n");
        var notebook = TempTree.Write(root, "bad.ipynb", "{ not json");
        var before = TempTree.Snapshot(root);
        var settings = Settings(root, MigrationMode.Write) with { MaxFileBytes = 100 };

        var outcomes = await Run(new WorkspaceMigrator(settings), [latin1, binary, broken, big, notebook]);

        Assert.Equal([SkipReason.NotUtf8, SkipReason.Binary, SkipReason.SyntaxError, SkipReason.TooLarge, SkipReason.InvalidNotebook],
            outcomes.Select(o => o.Skipped?.Reason));
        Assert.All(outcomes, o => Assert.Equal(FileStatus.Skipped, o.Status));
        Assert.Equal(before, TempTree.Snapshot(root));
    }

    [Fact]
    public async Task Given_a_statement_too_large_to_parse_When_running_Then_the_file_is_skipped_as_too_large_and_left_as_it_was()
    {
        // A generated table over the parser's per-statement limit, in a file that would otherwise be rewritten.
        var root = TempTree.Folder();
        var sb = new StringBuilder("import numpy as np\nx = np.float_(1)\nTABLE = [\n");
        while (sb.Length < PythonParser.MaxNativeBytes + 1000) sb.Append("    (1, 2, 3),\n");
        sb.Append("]\n");
        var file = TempTree.Write(root, "table.py", sb.ToString());
        var before = TempTree.Snapshot(root);

        var outcome = Assert.Single(await Run(new WorkspaceMigrator(Settings(root, MigrationMode.Write)), [file]));

        Assert.Equal(SkipReason.TooLarge, outcome.Skipped?.Reason);
        Assert.Contains("more than one parse may hold", outcome.Skipped?.Message);
        Assert.Equal(3, outcome.Skipped?.Line);
        Assert.Equal(before, TempTree.Snapshot(root));
    }

    [Fact]
    public void Given_a_rewrite_that_grows_a_statement_past_what_one_parse_holds_When_migrating_Then_the_file_is_left_unchanged_and_the_finding_says_why()
    {
        var text = ApiMigrator.Tests.Python.PieceParseTests.FileWithLiteral(PythonParser.MaxNativeBytes - 1);
        var result = Rewriter.Rewrite(SourceText.From(text), TestRules.Set);

        Assert.False(result.Changed);
        Assert.Empty(result.Changes);
        Assert.Contains(result.Findings, f => f.Kind == FindingKind.NotApplied && f.Message.StartsWith("the rewritten file was not parsed (the statement at line 22 spans 1,048,577 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_write_mode_When_running_Then_crlf_bom_and_untouched_lines_are_kept()
    {
        var root = TempTree.Folder();
        var crlf = TempTree.WriteBytes(root, "crlf.py", Encoding.UTF8.GetBytes("import numpy as np\r\nx = np.float_  # keep\r\n"));
        var bom = TempTree.WriteBytes(root, "bom.py", [0xEF, 0xBB, 0xBF, .. "import numpy\nx = numpy.NaN\n"u8]);

        var outcomes = await Run(new WorkspaceMigrator(Settings(root, MigrationMode.Write)), [crlf, bom]);

        Assert.All(outcomes, o => Assert.Equal(FileStatus.Changed, o.Status));
        Assert.All(outcomes, o => Assert.Null(o.Diff));
        Assert.Equal("import numpy as np\r\nx = np.float64  # keep\r\n", File.ReadAllText(crlf));
        Assert.Equal([0xEF, 0xBB, 0xBF, .. "import numpy\nx = numpy.nan\n"u8], File.ReadAllBytes(bom));
    }

    [Fact]
    public void Given_unsafe_manual_and_ignored_matches_When_migrating_Then_they_are_findings_not_changes()
    {
        var root = TempTree.Folder();
        var path = TempTree.Write(root, "a.py", "import numpy as np\na = np.in1d(x, y)\nb = np.matrix(m)\nc = np.float_  # apimig: ignore[numpy]\n");

        var outcome = new WorkspaceMigrator(Settings(root)).MigrateFile(path);

        Assert.Equal(FileStatus.Unchanged, outcome.Status);
        Assert.Equal([FindingKind.Unsafe, FindingKind.Manual, FindingKind.Ignored], outcome.Findings.OrderBy(f => f.Line).Select(f => f.Kind));
    }

    [Fact]
    public void Given_unsafe_enabled_When_migrating_Then_unsafe_rules_apply()
    {
        var root = TempTree.Folder();
        var path = TempTree.Write(root, "a.py", "import numpy as np\na = np.in1d(x, y)\n");
        var settings = Settings(root) with { Rewrite = new RewriteOptions { Unsafe = true } };

        var outcome = new WorkspaceMigrator(settings).MigrateFile(path);

        Assert.Equal(FileStatus.Changed, outcome.Status);
        Assert.Contains("+a = np.isin(x, y)", outcome.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_non_ascii_text_before_a_match_When_migrating_Then_the_column_counts_characters()
    {
        var root = TempTree.Folder();
        var path = TempTree.Write(root, "a.py", "import numpy as np\nx = ('é', np.float_)\n");

        var change = Assert.Single(new WorkspaceMigrator(Settings(root)).MigrateFile(path).Changes);

        Assert.Equal((2, 11), (change.Line, change.Column));
    }

    [Fact]
    public async Task Given_a_cancelled_run_When_running_Then_it_stops_taking_files()
    {
        var root = TempTree.Folder();
        var files = Enumerable.Range(0, 50).Select(i => TempTree.Write(root, $"m{i}.py", "x = 1\n")).ToList();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var outcomes = new List<FileOutcome>();
        await foreach (var o in new WorkspaceMigrator(Settings(root)).RunAsync(files, cts.Token)) outcomes.Add(o);

        Assert.True(outcomes.Count < files.Count);
    }

    [Fact]
    public async Task Given_a_caller_that_stops_reading_early_When_running_Then_the_run_ends_cleanly()
    {
        var root = TempTree.Folder();
        var files = Enumerable.Range(0, 50).Select(i => TempTree.Write(root, $"m{i}.py", "x = 1\n")).ToList();

        await foreach (var o in new WorkspaceMigrator(Settings(root, parallelism: 2)).RunAsync(files))
        {
            Assert.Equal(files[0], o.Path);
            break;
        }
    }

    [Fact]
    public async Task Given_a_write_run_interrupted_midway_When_it_stops_Then_every_file_is_either_old_or_new_and_no_temporary_file_remains()
    {
        var root = TempTree.Folder();
        const string Old = "import numpy as np\nx = np.float_(1)\n", New = "import numpy as np\nx = np.float64(1)\n";
        // More files than can start before the fifth outcome is read: 2 workers, 64 waiting outcomes each.
        var files = Enumerable.Range(0, 400).Select(i => TempTree.Write(root, $"m{i:D3}.py", Old)).ToList();
        using var cts = new CancellationTokenSource();

        int seen = 0;
        await foreach (var o in new WorkspaceMigrator(Settings(root, MigrationMode.Write, parallelism: 2)).RunAsync(files, cts.Token))
            if (++seen == 5) cts.Cancel();

        var contents = files.Select(File.ReadAllText).ToList();
        Assert.All(contents, c => Assert.True(c == Old || c == New, c));
        Assert.Contains(Old, contents);
        Assert.Equal(seen, contents.Count(c => c == New));
        Assert.Equal(files.Count, Directory.GetFiles(root).Length);
    }

    [Fact]
    public void Given_stdin_bytes_When_migrating_Then_the_new_bytes_come_back_and_nothing_is_written()
    {
        var (outcome, updated) = new WorkspaceMigrator(Settings(TempTree.Folder())).MigrateBytes("import numpy as np\r\nx = np.float_\r\n"u8.ToArray(), "stdin");

        Assert.Equal(FileStatus.Changed, outcome.Status);
        Assert.Equal("import numpy as np\r\nx = np.float64\r\n"u8.ToArray(), updated);
    }
}
