using System.Text.Json;

namespace ApiMigrator.Tests.Cli;

/// <summary>`apimig migrate` with the shipped rules on code a context guard protects: the finding shows in every format.</summary>
public class MigrateGuardsTests
{
    private const string Compat = "import numpy as np\n\nif hasattr(np, \"trapezoid\"):\n    integrate = np.trapezoid\nelse:\n    integrate = np.trapz\n\narea = np.trapz([1, 2])\n";

    private static string Tree()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "pkg/compat.py", Compat);
        return root;
    }

    [Fact]
    public async Task Given_a_compatibility_branch_When_migrating_Then_the_text_report_lists_it_as_skipped()
    {
        var root = Tree();

        var run = await CliRun.Of(["migrate", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+area = np.trapezoid([1, 2])", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("+    integrate = np.trapezoid\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("pkg/compat.py:6:17:", run.Error, StringComparison.Ordinal);
        Assert.Contains("skipped: compatibility branch (branch of `hasattr(np, \"trapezoid\")` on line 3)", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"findings \(migrations not made\): \d+ skipped", run.Error);
    }

    [Fact]
    public async Task Given_a_compatibility_branch_When_migrating_to_json_Then_the_finding_has_kind_skipped()
    {
        var root = Tree();

        var run = await CliRun.Of(["migrate", "--format", "json", root]);

        using var doc = JsonDocument.Parse(run.OutBytes);
        var file = Assert.Single(doc.RootElement.GetProperty("files").EnumerateArray());
        // Every finding is the guarded np.trapz on line 6 (the shipped rules have more than one rule for it).
        var findings = file.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, finding =>
        {
            Assert.Equal("skipped", finding.GetProperty("kind").GetString());
            Assert.StartsWith("skipped: compatibility branch", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(6, finding.GetProperty("line").GetInt32());
        });
    }

    [Fact]
    public async Task Given_a_compatibility_branch_When_migrating_to_sarif_Then_it_is_a_note_with_status_skipped()
    {
        var root = Tree();

        var run = await CliRun.Of(["migrate", "--format", "sarif", root]);

        using var doc = JsonDocument.Parse(run.OutBytes);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var skipped = results.Where(r => r.GetProperty("properties").GetProperty("status").GetString() == "skipped").ToList();
        Assert.NotEmpty(skipped);
        Assert.All(skipped, r =>
        {
            Assert.Equal("note", r.GetProperty("level").GetString());
            Assert.StartsWith("skipped: compatibility branch", r.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        });
    }
}
