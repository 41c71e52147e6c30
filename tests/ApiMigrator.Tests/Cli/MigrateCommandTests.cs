using System.Text;
using System.Text.Json;
using ApiMigrator.Tests.Reporting;
using ApiMigrator.Tests.Workspace;

namespace ApiMigrator.Tests.Cli;

/// <summary>`apimig migrate`, the real CLI run in-process on a temporary repository with the shipped rules.</summary>
public class MigrateCommandTests
{
    private static string Read(MigrateTree tree, string relative) => File.ReadAllText(tree.PathOf(relative));

    [Fact]
    public async Task Given_a_repository_When_migrating_without_flags_Then_a_diff_is_printed_and_no_byte_changes()
    {
        var tree = MigrateTree.Create();
        var before = TempTree.Snapshot(tree.Root);

        var run = await CliRun.Of(["migrate", tree.Root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(before, TempTree.Snapshot(tree.Root));
        var labels = PatchApplier.Files(run.Out).Select(f => Path.GetRelativePath(tree.Root, f.Label).Replace('\\', '/')).ToList();
        Assert.Equal(["app/core/bom.py", "app/core/numbers.py", "app/core/windows.py", "notebooks/analysis.ipynb:cell 3", "notebooks/analysis.ipynb:cell 5"], labels);
        Assert.Contains("-a = np.float_(1)\n+a = np.float64(1)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("-z = np.Inf\r\n+z = np.inf\r\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("app/legacy_latin1.py:2:6: skipped (not UTF-8)", run.Error, StringComparison.Ordinal);
        Assert.Contains("app/broken.py:", run.Error, StringComparison.Ordinal);
        Assert.Contains("skipped (syntax error)", run.Error, StringComparison.Ordinal);
        Assert.Contains("cell 4 was not migrated: it starts with a cell magic (%%timeit)", run.Error, StringComparison.Ordinal);
        Assert.Contains("10 files scanned", run.Error, StringComparison.Ordinal);
        Assert.Contains(": 4 would change, 4 unchanged, 2 skipped", run.Error, StringComparison.Ordinal);
        Assert.Contains("2  numpy.float_-to-numpy.float64", run.Error.Replace("    ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("2 files skipped (never modified): 1 not UTF-8, 1 syntax error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("envs/", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(".venv", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_printed_diff_When_applied_to_the_original_files_Then_it_gives_what_write_writes()
    {
        var tree = MigrateTree.Create();
        var diff = await CliRun.Of(["migrate", tree.Root]);
        var patched = PatchApplier.Files(diff.Out).Where(f => f.Label.EndsWith(".py", StringComparison.Ordinal))
            .ToDictionary(f => f.Label, f => PatchApplier.Apply(Raw(f.Label), f.Diff));

        Assert.Equal(0, (await CliRun.Of(["migrate", "--write", tree.Root])).ExitCode);

        Assert.Equal(3, patched.Count);
        foreach (var (file, text) in patched) Assert.Equal(text, Raw(file));
        Assert.StartsWith("\uFEFF", patched.Single(p => p.Key.EndsWith("bom.py", StringComparison.Ordinal)).Value, StringComparison.Ordinal);

        // The file's text as patch sees it: every byte, a BOM included (File.ReadAllText would drop it).
        static string Raw(string path) => Encoding.UTF8.GetString(File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Given_write_When_migrating_Then_files_change_in_place_keeping_encoding_newlines_permissions_and_every_other_byte()
    {
        var tree = MigrateTree.Create();
        var before = TempTree.Snapshot(tree.Root);
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(tree.PathOf("app/core/numbers.py"));

        var run = await CliRun.Of(["migrate", "--write", tree.Root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(MigrateTree.NumbersAfter, Read(tree, "app/core/numbers.py"));
        Assert.Equal(Encoding.UTF8.GetBytes(MigrateTree.WindowsAfter), File.ReadAllBytes(tree.PathOf("app/core/windows.py")));
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(MigrateTree.BomAfter)], File.ReadAllBytes(tree.PathOf("app/core/bom.py")));
        Assert.Equal(MigrateTree.NotebookAfter, Read(tree, "notebooks/analysis.ipynb"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(mode, File.GetUnixFileMode(tree.PathOf("app/core/numbers.py")));
        var after = TempTree.Snapshot(tree.Root);
        Assert.Equal(before.Keys, after.Keys); // no temporary files left
        foreach (var (file, bytes) in before.Where(kv => !MigrateTree.ChangedFiles.Contains(kv.Key)))
            Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
        Assert.Contains("migrated app/core/numbers.py (1 change)", run.Error.Replace(tree.Root + "/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(": 4 changed, 4 unchanged, 2 skipped", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_written_repository_When_migrating_again_Then_nothing_changes_and_check_passes()
    {
        var tree = MigrateTree.Create();
        Assert.Equal(0, (await CliRun.Of(["migrate", "--write", tree.Root])).ExitCode);
        var written = TempTree.Snapshot(tree.Root);

        var diff = await CliRun.Of(["migrate", tree.Root]);
        var write = await CliRun.Of(["migrate", "--write", tree.Root]);
        var check = await CliRun.Of(["migrate", "--check", tree.Root]);

        Assert.Equal("", diff.Out);
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(0, write.ExitCode);
        Assert.Contains(": 0 changed, 8 unchanged, 2 skipped", write.Error, StringComparison.Ordinal);
        Assert.Equal(written, TempTree.Snapshot(tree.Root));
    }

    [Fact]
    public async Task Given_code_that_would_change_When_checking_Then_the_exit_code_is_1_and_nothing_is_written()
    {
        var tree = MigrateTree.Create();
        var before = TempTree.Snapshot(tree.Root);

        var run = await CliRun.Of(["migrate", "--check", tree.Root]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("+a = np.float64(1)", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, TempTree.Snapshot(tree.Root));
    }

    [Fact]
    public async Task Given_sarif_format_When_migrating_Then_stdout_is_a_sarif_2_1_0_log_of_changes_findings_and_skipped_files()
    {
        var tree = MigrateTree.Create();

        var run = await CliRun.Of(["migrate", "--format", "sarif", tree.Root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out); // no diff mixed into the log
        using var doc = JsonDocument.Parse(run.OutBytes);
        var sarif = SarifShape.Check(doc.RootElement);
        var results = sarif.GetProperty("results").EnumerateArray().ToList();
        var numbers = results.Single(r => r.GetProperty("ruleId").GetString() == "numpy.float_-to-numpy.float64"
            && Uri(r).EndsWith("app/core/numbers.py", StringComparison.Ordinal));
        var region = numbers.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((3, 5), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()));
        Assert.Equal("warning", numbers.GetProperty("level").GetString());
        Assert.Contains(results, r => r.TryGetProperty("suppressions", out _) && Uri(r).EndsWith("numbers.py", StringComparison.Ordinal));
        var rules = sarif.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var rule = rules.Single(r => r.GetProperty("id").GetString() == "numpy.float_-to-numpy.float64");
        Assert.Equal("safe", rule.GetProperty("properties").GetProperty("safety").GetString());
        Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        var skipped = sarif.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(n => n.GetProperty("descriptor").GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["not-utf8", "syntax-error"], skipped);
    }

    private static string Uri(JsonElement result)
        => result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;

    [Fact]
    public async Task Given_a_report_file_When_migrating_Then_text_stays_on_stdout_and_the_file_holds_json()
    {
        var tree = MigrateTree.Create();
        var report = Path.Combine(TempTree.Folder(), "report.json");
        var sarifReport = Path.Combine(TempTree.Folder(), "report.sarif");

        var run = await CliRun.Of(["migrate", "--report", report, tree.Root]);
        var run2 = await CliRun.Of(["migrate", "--report", sarifReport, tree.Root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+a = np.float64(1)", run.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(report));
        Assert.Equal(4, doc.RootElement.GetProperty("summary").GetProperty("filesChanged").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("summary").GetProperty("filesSkipped").GetInt32());
        Assert.Contains("+a = np.float64(1)", run2.Out, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllBytes(sarifReport));
        SarifShape.Check(sarif.RootElement);
    }

    [Fact]
    public async Task Given_json_format_When_migrating_Then_stdout_is_the_json_report()
    {
        var tree = MigrateTree.Create();

        var run = await CliRun.Of(["migrate", "--format", "json", tree.Root]);

        using var doc = JsonDocument.Parse(run.OutBytes);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        var nb = files.Single(f => f.GetProperty("path").GetString()!.EndsWith("analysis.ipynb", StringComparison.Ordinal));
        Assert.Equal("changed", nb.GetProperty("status").GetString());
        Assert.Equal([3, 5], nb.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("cell").GetInt32()).Order());
        var broken = files.Single(f => f.GetProperty("path").GetString()!.EndsWith("broken.py", StringComparison.Ordinal));
        Assert.Equal("syntax-error", broken.GetProperty("skipped").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Given_stdin_When_migrating_dash_Then_the_migrated_code_goes_to_stdout_byte_for_byte()
    {
        var input = Encoding.UTF8.GetBytes(MigrateTree.Windows);

        var run = await CliRun.Of(["migrate", "-"], input);
        var check = await CliRun.Of(["migrate", "--check", "-"], input);
        var broken = await CliRun.Of(["migrate", "-"], "import numpy as np\nx = np.float_(\n"u8.ToArray());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes(MigrateTree.WindowsAfter), run.OutBytes);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(2, broken.ExitCode);
        Assert.Equal("import numpy as np\nx = np.float_(\n"u8.ToArray(), broken.OutBytes);
        Assert.Contains("skipped (syntax error)", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_notebook_on_stdin_with_its_name_When_migrating_Then_the_notebook_is_migrated()
    {
        var run = await CliRun.Of(["migrate", "-", "--stdin-filename", "nb.ipynb"], Encoding.UTF8.GetBytes(MigrateTree.Notebook));

        Assert.Equal(MigrateTree.NotebookAfter, Encoding.UTF8.GetString(run.OutBytes));
    }

    [Fact]
    public async Task Given_select_ignore_and_exclude_When_migrating_Then_only_the_chosen_rules_and_files_take_part()
    {
        var tree = MigrateTree.Create();

        var onlyInf = await CliRun.Of(["migrate", "--select", "numpy.Inf-to-numpy.inf", tree.Root]);
        var noNumpyFloat = await CliRun.Of(["migrate", "--ignore", "numpy.float_-*,numpy.NaN-*", "--exclude", "windows.py", "--exclude", "*.ipynb", tree.Root]);

        Assert.Single(PatchApplier.Files(onlyInf.Out));
        Assert.Contains("+z = np.inf", onlyInf.Out, StringComparison.Ordinal);
        var labels = PatchApplier.Files(noNumpyFloat.Out).Select(f => Path.GetFileName(f.Label)).ToList();
        Assert.Equal(["bom.py"], labels);
    }

    [Fact]
    public async Task Given_rule_files_When_migrating_Then_they_replace_the_shipped_rules()
    {
        var tree = MigrateTree.Create();
        var rules = TestRules.WriteFile(TempTree.Folder());

        var run = await CliRun.Of(["migrate", "--rules", rules, tree.Root]);

        // The test rules know np.float_ and np.NaN, not np.Inf or numpy.alltrue.
        Assert.Contains("+a = np.float64(1)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("np.inf", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("numpy.all(", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_confidence_threshold_above_every_match_When_migrating_Then_matches_become_low_confidence_findings()
    {
        var tree = MigrateTree.Create();

        var run = await CliRun.Of(["migrate", "--min-confidence", "1", tree.Root]);

        Assert.Equal("", run.Out);
        Assert.Contains("low-confidence numpy.float_-to-numpy.float64", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", "/no/such/folder")]
    [InlineData("migrate", "--write", "--check", ".")]
    [InlineData("migrate", "--min-confidence", "1.5", ".")]
    [InlineData("migrate", "--select", "no-such-library", ".")]
    [InlineData("migrate", "--format", "xml", ".")]
    [InlineData("migrate", "--rules", "/no/such/rules.yaml", ".")]
    [InlineData("migrate", "-", "--write")]
    [InlineData("migrate", "-", "other.py")]
    [InlineData("migrate")]
    public async Task Given_bad_usage_or_input_When_migrating_Then_the_exit_code_is_2(params string[] args)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("apimig", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("rules")]
    [InlineData("rules", "list")]
    [InlineData("rules", "show")]
    public async Task Given_help_When_asking_any_command_Then_it_shows_examples(params string[] command)
    {
        var run = await CliRun.Of([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.Contains("apimig " + string.Join(' ', command), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_look_alikes_with_no_evidence_When_migrating_Then_weak_matches_are_counted_not_listed_unless_asked()
    {
        var root = TempTree.Folder();
        // pandas is only named in a comment: the file passes the prefilter, and `items` shows no pandas evidence.
        TempTree.Write(root, "lists.py", "# the totals end up in a pandas frame\ndef collect(items):\n    for i in range(3):\n        items.append(i)\n");

        var quiet = await CliRun.Of(["migrate", root]);
        var shown = await CliRun.Of(["migrate", "--show-weak", root]);

        Assert.DoesNotContain("low-confidence", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("1 weak match ", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("lists.py:4:9: low-confidence pandas.append", shown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_file_that_never_names_the_library_When_migrating_Then_its_look_alikes_are_not_even_counted()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "lists.py", "def collect(items):\n    for i in range(3):\n        items.append(i)\n");

        var run = await CliRun.Of(["migrate", "--show-weak", root]);

        Assert.DoesNotContain("weak match", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("low-confidence", run.Error, StringComparison.Ordinal);
    }
}
