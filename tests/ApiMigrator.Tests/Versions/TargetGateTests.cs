using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Versions;

namespace ApiMigrator.Tests.Versions;

/// <summary>The target gate inside the rewriter: typing syntax per site, library ranges, breaking fixes.</summary>
public class TargetGateTests
{
    private const string TypingRules = """
        - id: t.optional
          kind: syntax
          library: stdlib
          versions: {from: "3.9", to: "3.10"}
          match: typing.Optional[$1]
          replace: $1 | None
        - id: t.list
          kind: syntax
          library: stdlib
          versions: {from: "3.8", to: "3.9"}
          match: typing.List[$1]
          replace: list[$1]
        """;

    private const string NumpyRules = """
        - id: np.float_
          kind: api_rename
          library: numpy
          versions: {from: "1.26", to: "2.0", introduced: "1.0"}
          match: numpy.float_
          replace: numpy.float64
        - id: np.trapz
          kind: api_rename
          library: numpy
          versions: {from: "1.26", to: "2.0", introduced: "2.0"}
          match: numpy.trapz
          replace: numpy.trapezoid
        - id: np.learned
          kind: api_rename
          library: numpy
          versions: {from: "1.26", to: "2.0"}
          match: numpy.Inf
          replace: numpy.inf
        """;

    private static RuleSet Rules(string yaml, ProjectTargets? targets)
    {
        var (rules, errors) = RuleFile.Parse(yaml);
        Assert.Empty(errors);
        return new RuleSet(rules) { Targets = targets is null ? null : new TargetGate(targets) };
    }

    private static ProjectTargets Python(int minor) => new() { Python = ReleaseVersion.Of(3, minor), PythonSource = "test" };

    private static FileRewriteResult Run(string code, RuleSet rules, bool unsafeFixes = false)
        => Rewriter.Rewrite(SourceText.From(code), rules, new RewriteOptions { MinConfidence = 0.5, Unsafe = unsafeFixes });

    [Fact]
    public void Given_Python_38_When_Optional_is_evaluated_at_runtime_Then_it_is_kept_with_a_finding()
    {
        const string code = "from typing import Optional\n\nAlias = Optional[int]\n\ndef f(x: Optional[int]) -> None:\n    pass\n";

        var r = Run(code, Rules(TypingRules, Python(8)));

        Assert.Equal(code, r.Result.Text);
        Assert.Equal(2, r.Findings.Count(f => f.Kind == FindingKind.TargetVersion));
        Assert.All(r.Findings, f => Assert.Contains("needs Python 3.10", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_Python_38_and_postponed_annotations_When_the_annotation_is_never_evaluated_Then_it_is_rewritten()
    {
        const string code = "from __future__ import annotations\n\nfrom typing import Optional\n\nAlias = Optional[int]\n\n\ndef f(x: Optional[int]) -> Optional[str]:\n    y: Optional[int] = None\n    return None\n\n\nclass Plain:\n    a: Optional[int] = None\n";

        var r = Run(code, Rules(TypingRules, Python(8)));

        Assert.Contains("Alias = Optional[int]", r.Result.Text, StringComparison.Ordinal);
        Assert.Contains("def f(x: int | None) -> str | None:", r.Result.Text, StringComparison.Ordinal);
        Assert.Contains("    y: int | None = None", r.Result.Text, StringComparison.Ordinal);
        Assert.Contains("    a: int | None = None", r.Result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from dataclasses import dataclass\n\n\n@dataclass\nclass D:\n")]
    [InlineData("from typing import NamedTuple\n\n\nclass D(NamedTuple):\n")]
    [InlineData("from typing import TypedDict\n\n\nclass D(TypedDict, total=False):\n")]
    [InlineData("from pydantic import BaseModel\n\n\nclass D(BaseModel):\n")]
    [InlineData("import attrs\n\n\n@attrs.define\nclass D:\n")]
    public void Given_Python_38_and_postponed_annotations_When_a_framework_reads_the_class_annotations_Then_they_are_kept(string header)
    {
        var code = "from __future__ import annotations\n\nfrom typing import Optional\n" + header + "    a: Optional[int] = None\n";

        var r = Run(code, Rules(TypingRules, Python(8)));

        Assert.Equal(code, r.Result.Text);
        Assert.Contains(r.Findings, f => f.Kind == FindingKind.TargetVersion);
    }

    [Fact]
    public void Given_Python_38_When_a_local_variable_is_annotated_Then_it_is_rewritten_because_it_is_never_evaluated()
    {
        const string code = "from typing import Optional\n\n\ndef f():\n    y: Optional[int] = None\n    return y\n";

        var r = Run(code, Rules(TypingRules, Python(8)));

        Assert.Contains("    y: int | None = None", r.Result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_Python_39_When_builtin_generics_and_unions_are_evaluated_Then_only_the_generics_are_rewritten()
    {
        const string code = "from typing import List, Optional\n\nA = List[int]\nB = Optional[int]\n";

        var r = Run(code, Rules(TypingRules, Python(9)));

        Assert.Contains("A = list[int]", r.Result.Text, StringComparison.Ordinal);
        Assert.Contains("B = Optional[int]", r.Result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_Python_310_When_Optional_is_evaluated_Then_it_is_rewritten()
    {
        var r = Run("from typing import Optional\n\nAlias = Optional[int]\n", Rules(TypingRules, Python(10)));

        Assert.EndsWith("Alias = int | None\n", r.Result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Optional", r.Result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Optional[\"Node\"]")]
    [InlineData("Optional['Node']")]
    public void Given_any_target_When_the_operand_is_a_string_Then_it_never_becomes_an_operand_of_a_union(string annotation)
    {
        var code = "from __future__ import annotations\n\nfrom typing import Optional\n\n\ndef f(x: " + annotation + ") -> None:\n    pass\n";

        var r = Run(code, Rules(TypingRules, Python(14)));
        var noTargets = Run(code, Rules(TypingRules, null));

        Assert.Equal(code, r.Result.Text);
        Assert.Equal(code, noTargets.Result.Text);
        Assert.Contains(r.Findings, f => f.Kind == FindingKind.CannotRewrite && f.Message.Contains("is a string", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_Python_312_When_Optional_NamedTuple_is_evaluated_Then_it_is_kept_because_NamedTuple_is_not_a_class()
    {
        const string code = "from typing import NamedTuple, Optional\n\nRow = Optional[NamedTuple]\n";

        var r = Run(code, Rules(TypingRules, Python(12)));

        Assert.Equal(code, r.Result.Text);
        Assert.Contains(r.Findings, f => f.Kind == FindingKind.CannotRewrite && f.Message.Contains("typing.NamedTuple is a function", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_numpy_at_least_122_When_migrating_Then_replacements_present_in_122_apply_and_newer_ones_are_breaking()
    {
        var targets = new ProjectTargets { Libraries = new Dictionary<string, LibraryTarget> { ["numpy"] = new(VersionRange.AtLeast(ReleaseVersion.Of(1, 22)), "test") } };
        const string code = "import numpy as np\n\na = np.float_(1)\nb = np.trapz([1, 2])\nc = np.Inf\n";

        var safe = Run(code, Rules(NumpyRules, targets));
        var withUnsafe = Run(code, Rules(NumpyRules, targets), unsafeFixes: true);

        Assert.Equal("import numpy as np\n\na = np.float64(1)\nb = np.trapz([1, 2])\nc = np.Inf\n", safe.Result.Text);
        Assert.Equal(["np.learned", "np.trapz"], safe.Findings.Where(f => f.Kind == FindingKind.Breaking).Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.Contains(safe.Findings, f => f.Message.Contains("raise the lower bound to numpy>=2.0", StringComparison.Ordinal));
        Assert.Equal("import numpy as np\n\na = np.float64(1)\nb = np.trapezoid([1, 2])\nc = np.inf\n", withUnsafe.Result.Text);
    }

    [Fact]
    public void Given_a_pin_below_the_rules_target_When_migrating_Then_the_rule_is_not_applied_even_with_unsafe()
    {
        var targets = new ProjectTargets { Libraries = new Dictionary<string, LibraryTarget> { ["numpy"] = new(VersionRange.TryParse(">=1.22,<2", out _)!, "test") } };

        var r = Run("import numpy as np\n\nb = np.trapz([1, 2])\n", Rules(NumpyRules, targets), unsafeFixes: true);

        Assert.False(r.Changed);
        Assert.Contains(r.Findings, f => f.Kind == FindingKind.TargetVersion && f.Message.Contains("allows numpy >=1.22, <2", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_no_declared_library_version_When_migrating_Then_every_rule_applies()
    {
        var r = Run("import numpy as np\n\nb = np.trapz([1, 2])\n", Rules(NumpyRules, ProjectTargets.Default));

        Assert.Equal("import numpy as np\n\nb = np.trapezoid([1, 2])\n", r.Result.Text);
    }
}

public class AnnotationContextTests
{
    private static bool Evaluated(string code, string marker)
    {
        var tree = PythonParser.Parse(SourceText.From(code));
        var scope = ModuleScope.Build(tree);
        int at = code.IndexOf(marker, StringComparison.Ordinal);
        var node = tree.Root.DescendantsAndSelf().Last(n => n.StartByte == at && n.Kind == "identifier");
        return AnnotationContext.IsEvaluated(node, scope);
    }

    [Theory]
    [InlineData("def f(x: MARK): pass\n", true)]
    [InlineData("from __future__ import annotations\ndef f(x: MARK): pass\n", false)]
    [InlineData("from __future__ import annotations\ndef f() -> MARK: pass\n", false)]
    [InlineData("from __future__ import annotations\n@app.get('/')\ndef f(x: MARK): pass\n", true)]
    [InlineData("from __future__ import annotations\nclass C:\n    @property\n    def f(self) -> MARK: pass\n", false)]
    [InlineData("from __future__ import annotations\nx: MARK = 1\n", false)]
    [InlineData("x: MARK = 1\n", true)]
    [InlineData("def f():\n    x: MARK = 1\n", false)]
    [InlineData("from __future__ import annotations\nclass C(Base):\n    x: MARK = 1\n", true)]
    [InlineData("from __future__ import annotations\nclass C(Protocol):\n    x: MARK = 1\n", false)]
    [InlineData("from __future__ import annotations\nX = MARK\n", true)]
    [InlineData("from __future__ import annotations\ny = cast(MARK, 1)\n", true)]
    public void Given_a_position_When_asked_Then_it_says_whether_Python_evaluates_it(string code, bool evaluated)
        => Assert.Equal(evaluated, Evaluated(code, "MARK"));
}
