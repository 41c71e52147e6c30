using System.Text.Json;
using ApiMigrator.Reporting;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Workspace;
using ApiMigrator.Workspace;

namespace ApiMigrator.Tests.Reporting;

public class ReportWriterTests
{
    private static readonly FileOutcome[] Outcomes =
    [
        new("/r/a.py", "a.py", FileStatus.Changed, [new ChangeRecord("numpy-float_", RuleKind.ApiRename, 2, 5, 0.97)],
            [new FindingRecord("numpy-matrix", FindingKind.Manual, 3, 1, "migrate by hand", 0.9),
             new FindingRecord("numpy-NaN", FindingKind.Ignored, 4, 5, "opted out", 0.9)], null, "--- a.py\n+++ a.py\n"),
        new("/r/dir with space/n.ipynb", "dir with space/n.ipynb", FileStatus.Changed, [new ChangeRecord("numpy-NaN", RuleKind.ApiRename, 1, 5, 0.9, Cell: 3)],
            [new FindingRecord("-", FindingKind.NotApplied, 1, 1, "cell 4 was not migrated: it starts with a cell magic (%%bash)", 0, Cell: 4)], null, null),
        new("/r/b.py", "b.py", FileStatus.Skipped, [], [], new Skip(SkipReason.SyntaxError, "syntax error", 3, 7), null),
        new("/r/c.py", "c.py", FileStatus.Unchanged, [], [], null, null),
    ];

    private static JsonDocument Write(Func<Stream, IReportWriter> create)
    {
        var summary = new MigrationSummary();
        using var stream = new MemoryStream();
        using (var writer = create(stream))
        {
            foreach (var o in Outcomes) { summary.Add(o); writer.Add(o); }
            writer.Complete(summary);
        }
        return JsonDocument.Parse(stream.ToArray());
    }

    [Fact]
    public void Given_outcomes_When_writing_sarif_Then_the_log_has_the_2_1_0_shape_with_one_result_per_change_and_finding()
    {
        using var doc = Write(s => new SarifReportWriter(s, TestRules.Rules, MigrationMode.Diff, "1.2.3", "/r"));

        var run = SarifShape.Check(doc.RootElement);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        Assert.Equal("apimig", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.Equal(["numpy-float_", "numpy-matrix", "numpy-NaN", SarifReportWriter.NotAppliedRuleId],
            run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var ignored = results.Single(r => r.TryGetProperty("suppressions", out _));
        Assert.Equal("numpy-NaN", ignored.GetProperty("ruleId").GetString());
        var nb = results.First(r => r.GetProperty("ruleId").GetString() == "numpy-NaN" && !r.TryGetProperty("suppressions", out _));
        Assert.Equal("dir%20with%20space/n.ipynb", nb.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(3, nb.GetProperty("properties").GetProperty("cell").GetInt32());
        var skipped = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        Assert.Equal("syntax-error", skipped.GetProperty("descriptor").GetProperty("id").GetString());
        Assert.Equal("file:///r/", run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
    }

    [Fact]
    public void Given_outcomes_When_writing_json_Then_files_with_something_to_say_and_the_summary_are_there()
    {
        using var doc = Write(s => new JsonReportWriter(s, MigrationMode.Check, "1.2.3"));

        var root = doc.RootElement;
        Assert.Equal("check", root.GetProperty("mode").GetString());
        Assert.Equal(["a.py", "dir with space/n.ipynb", "b.py"], root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var summary = root.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("filesScanned").GetInt32());
        Assert.Equal(2, summary.GetProperty("filesChanged").GetInt32());
        Assert.Equal(1, summary.GetProperty("skippedByReason").GetProperty("syntax-error").GetInt32());
        Assert.Equal(1, summary.GetProperty("changesByRule").GetProperty("numpy-float_").GetInt32());
        Assert.Equal("--- a.py\n+++ a.py\n", root.GetProperty("files")[0].GetProperty("diff").GetString());
        Assert.Equal(3, root.GetProperty("files")[1].GetProperty("changes")[0].GetProperty("cell").GetInt32());
    }
}
