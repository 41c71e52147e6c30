using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Rewriting;

/// <summary>
/// Golden files: Cases/&lt;kind&gt;/&lt;name&gt;.before.py rewritten with Cases/rules.yaml must equal
/// &lt;name&gt;.after.py; a missing .after.py means "must not change". On a mismatch the output is written
/// to &lt;name&gt;.actual.py beside it. Every case also checks the invariants: the input prints back
/// byte-identical, the output parses, a second pass changes nothing, and the declared edits explain
/// every changed byte.
/// </summary>
public class GoldenCaseTests
{
    private static readonly string CasesFolder = Path.Combine(DatasetFiles.RepoRoot, "tests", "ApiMigrator.Tests", "Rewriting", "Cases");

    private static readonly Lazy<RuleSet> Rules = new(() =>
    {
        var (rules, errors) = RuleFile.Load(Path.Combine(CasesFolder, "rules.yaml"));
        Assert.Empty(errors);
        return new RuleSet(rules);
    });

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(CasesFolder, "*.before.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(CasesFolder, f)[..^".before.py".Length]);
        return data;
    }

    /// <summary>Every kind the registry lists: a new kind without golden cases fails here.</summary>
    public static TheoryData<string> RuleKinds() => [.. RuleRegistry.Kinds.Keys];

    [Theory]
    [MemberData(nameof(RuleKinds))]
    public void Every_rule_kind_has_positive_and_negative_cases(string kind)
    {
        var folder = Path.Combine(CasesFolder, kind);
        Assert.True(Directory.Exists(folder), $"rule kind '{kind}' has no golden-case folder {folder}");
        var names = Directory.GetFiles(folder, "*.before.py").Select(f => f[..^".before.py".Length]).ToList();
        Assert.True(names.Any(n => File.Exists(n + ".after.py")), $"rule kind '{kind}' has no positive case (a .before.py with an .after.py)");
        Assert.True(names.Any(n => !File.Exists(n + ".after.py")), $"rule kind '{kind}' has no negative case (a .before.py alone)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_rewrites_to_its_golden_file_and_keeps_the_invariants(string name)
    {
        // Given
        var beforePath = Path.Combine(CasesFolder, name + ".before.py");
        var afterPath = Path.Combine(CasesFolder, name + ".after.py");
        var actualPath = Path.Combine(CasesFolder, name + ".actual.py");
        var input = File.ReadAllBytes(beforePath);
        var source = SourceText.FromBytes(input, beforePath);
        Assert.Equal(input, source.ToBytes());
        Assert.False(PythonParser.Parse(source).HasErrors, "a golden input must parse");

        // When
        var result = Rewriter.Rewrite(source, Rules.Value);
        var output = result.Result.ToBytes();

        // Then: the golden file
        var expected = File.Exists(afterPath) ? File.ReadAllBytes(afterPath) : input;
        if (!output.AsSpan().SequenceEqual(expected)) File.WriteAllBytes(actualPath, output);
        else if (File.Exists(actualPath)) File.Delete(actualPath);
        Assert.True(output.AsSpan().SequenceEqual(expected),
            $"{name}: output differs from {(File.Exists(afterPath) ? "the .after.py file" : "the input (a negative case)")}; see {actualPath}\n{System.Text.Encoding.UTF8.GetString(output)}");

        // Invariants
        Assert.False(PythonParser.Parse(result.Result).HasErrors, "output must parse");
        var second = Rewriter.Rewrite(result.Result, Rules.Value);
        Assert.False(second.Changed, $"{name}: a second pass changed the output again");
        var replayed = source;
        foreach (var step in result.Steps)
        {
            Assert.Equal(replayed.Text, step.Input.Text);
            replayed = SourceEdits.Apply(step.Input, step.Edits);
        }
        Assert.Equal(result.Result.Text, replayed.Text);
        Assert.Equal(result.Changed, result.Steps.Count > 0);
    }

    [Fact]
    public void Manual_rules_report_and_never_change()
    {
        var src = SourceText.FromBytes(File.ReadAllBytes(Path.Combine(CasesFolder, "api_rename", "manual_rule_only_reports.before.py")));
        var result = Rewriter.Rewrite(src, Rules.Value);
        Assert.False(result.Changed);
        var f = Assert.Single(result.Findings, x => x.Kind == FindingKind.Manual);
        Assert.Equal("tf-Session-manual", f.RuleId);
        Assert.Equal(3, f.Line);
    }

    [Fact]
    public void A_statement_replacement_inside_an_expression_is_refused_with_a_finding()
    {
        // `ok = t.setDaemon(True) or True` → `ok = t.daemon = True or True` would parse, and mean something else.
        var src = SourceText.FromBytes(File.ReadAllBytes(Path.Combine(CasesFolder, "syntax", "set_daemon_inside_expression_refused.before.py")));
        var result = Rewriter.Rewrite(src, Rules.Value);
        Assert.False(result.Changed);
        var f = Assert.Single(result.Findings, x => x.Kind == FindingKind.CannotRewrite);
        Assert.Equal("thread-setDaemon", f.RuleId);
    }

    [Fact]
    public void A_loose_replacement_in_a_tight_place_is_parenthesized()
    {
        var src = SourceText.From("from typing import Optional\n\nargs = Optional[int].__args__\n");
        var result = Rewriter.Rewrite(src, Rules.Value);
        Assert.Equal("\nargs = (int | None).__args__\n", result.Result.Text);
    }

    [Fact]
    public void Files_with_syntax_errors_are_refused_untouched()
    {
        var src = SourceText.From("import numpy as np\nx = np.float_(\n");
        var result = Rewriter.Rewrite(src, Rules.Value);
        Assert.NotNull(result.Refused);
        Assert.Equal(SourceErrorKind.SyntaxError, result.Refused!.Kind);
        Assert.Same(src, result.Result);
    }
}
