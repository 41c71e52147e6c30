using ApiMigrator.Context;
using ApiMigrator.Hybrid;
using ApiMigrator.Python;
using ApiMigrator.Reporting;
using ApiMigrator.Rewriting;
using ApiMigrator.Tests.Context;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Rewriting;

/// <summary>
/// The golden cases under Cases/guards/&lt;reason&gt;/ (run for their text by <see cref="GoldenCaseTests"/>): every
/// negative case there must be left alone *because of a guard* — a <see cref="FindingKind.Skipped"/> finding with the
/// folder's reason — and every reason has positive controls, where the same code outside the guard is rewritten.
/// </summary>
public class GuardCaseTests
{
    private static readonly string GuardsFolder = Path.Combine(DatasetFiles.RepoRoot, "tests", "ApiMigrator.Tests", "Rewriting", "Cases", "guards");

    private static readonly Dictionary<string, GuardReason> Reasons = new(StringComparer.Ordinal)
    {
        ["defines_api"] = GuardReason.DefinesApi,
        ["deprecation_test"] = GuardReason.DeprecationTest,
        ["compatibility_branch"] = GuardReason.CompatibilityBranch,
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(GuardsFolder, "*.before.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(GuardsFolder, f)[..^".before.py".Length].Replace('\\', '/'));
        return data;
    }

    private static FileRewriteResult Rewrite(string name)
    {
        var path = Path.Combine(GuardsFolder, name + ".before.py");
        return Rewriter.Rewrite(SourceText.FromBytes(File.ReadAllBytes(path), path), GuardTestKit.Rules.Value);
    }

    [Fact]
    public void Every_reason_has_negative_cases_and_positive_controls()
    {
        foreach (var folder in Reasons.Keys)
        {
            var names = Directory.GetFiles(Path.Combine(GuardsFolder, folder), "*.before.py", SearchOption.AllDirectories).Select(f => f[..^".before.py".Length]).ToList();
            Assert.Contains(names, n => File.Exists(n + ".after.py"));
            Assert.Contains(names, n => !File.Exists(n + ".after.py"));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Guarded_code_is_skipped_with_the_folders_reason(string name)
    {
        // Given a case in guards/<reason>/
        var reason = Reasons[name.Split('/')[0]];
        bool negative = !File.Exists(Path.Combine(GuardsFolder, name + ".after.py"));

        // When
        var result = Rewrite(name);

        // Then: a negative case is left alone by a guard, with its reason; a positive control is changed
        var skipped = result.Findings.Where(f => f.Kind == FindingKind.Skipped).ToList();
        if (negative) Assert.NotEmpty(skipped);
        else Assert.True(result.Changed, $"{name}: a positive control must change");
        Assert.All(skipped, f => Assert.StartsWith(GuardReasons.Text(reason) + " (", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_an_apimig_ignore_comment_inside_a_guard_When_rewriting_Then_the_comment_still_wins()
    {
        var code = "import numpy as np\n\nif hasattr(np, \"trapezoid\"):\n    f = np.trapz  # apimig: ignore\n";

        var result = Rewriter.Rewrite(SourceText.From(code), GuardTestKit.Rules.Value);

        Assert.False(result.Changed);
        Assert.Equal(FindingKind.Ignored, Assert.Single(result.Findings).Kind);
    }

    [Fact]
    public void Given_a_compatibility_branch_When_rewriting_Then_the_finding_says_why_and_names_the_line()
    {
        var code = "import numpy as np\n\nif hasattr(np, \"trapezoid\"):\n    f = np.trapezoid\nelse:\n    f = np.trapz\n";

        var result = Rewriter.Rewrite(SourceText.From(code), GuardTestKit.Rules.Value);

        var f = Assert.Single(result.Findings);
        Assert.Equal((FindingKind.Skipped, "numpy-trapz", 6), (f.Kind, f.RuleId, f.Line));
        Assert.Equal("skipped: compatibility branch (branch of `hasattr(np, \"trapezoid\")` on line 3)", f.Message);
        Assert.Equal("skipped", ReportNames.Of(f.Kind));
    }

    [Fact]
    public void Given_a_fallback_import_of_an_old_name_When_the_rest_is_rewritten_Then_the_fallback_import_stays()
    {
        // The fallback imports the old name and the code below used it; the fallback is not emptied into `pass`.
        var code = "import numpy as np\n\ntry:\n    from numpy import trapezoid\nexcept ImportError:\n    from numpy import trapz\n\narea = np.trapz([1, 2])\n";

        var result = Rewriter.Rewrite(SourceText.From(code), GuardTestKit.Rules.Value);

        Assert.Contains("except ImportError:\n    from numpy import trapz\n", result.Result.Text, StringComparison.Ordinal);
        // `trapezoid` is unbound on old numpy (its import is the try body): the rewrite reaches it through `np`.
        Assert.Contains("area = np.trapezoid([1, 2])", result.Result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_guarded_low_confidence_match_When_migrating_with_the_hybrid_Then_it_is_not_sent_to_a_model()
    {
        // Given: self.iteritems in the class that defines iteritems (guarded), and df.iteritems on a parameter (not)
        var code = "import pandas as pd\n\n\nclass Table(pd.DataFrame):\n    def iteritems(self):\n        return iter([])\n\n    def pairs(self):\n        return list(self.iteritems())\n\n\ndef cols(df):\n    return list(df.iteritems())\n";

        // When
        var result = await new HybridMigrator(null).MigrateAsync(SourceText.From(code), GuardTestKit.Rules.Value, FileContext.Unknown, new HybridOptions { PlainStrategy = "zero-shot" });

        // Then: only the unguarded site is planned for the model; the guarded one is a finding
        var d = Assert.Single(result.Decisions);
        Assert.Equal(13, d.Line);
        Assert.Contains(result.Findings, f => f.Kind == FindingKind.Skipped && f.Line == 9);
    }
}
