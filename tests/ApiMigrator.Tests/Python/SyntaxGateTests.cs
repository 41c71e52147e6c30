using ApiMigrator.Python;

namespace ApiMigrator.Tests.Python;

/// <summary>
/// The strict gate: what tree-sitter accepts but CPython rejects is refused before any rewrite, with
/// CPython's reason. Each rejected snippet here is one CPython refuses (checked against compile() in
/// <see cref="SyntaxGateCPythonTests"/> for the whole list).
/// </summary>
public class SyntaxGateTests
{
    internal static readonly (string Code, string Reason)[] RejectedCases =
    [
        ("print \"x\"\n", "print statement"),
        ("exec \"x = 1\"\n", "exec statement"),
        ("if 1 <> 2:\n    pass\n", "'<>'"),
        ("x = 0777\n", "leading zeros"),
        ("x = 10L\n", "long integer"),
        ("x = ur'a'\n", "string prefix"),
        ("if True:\n        x = 1\n\ty = 2\n", "inconsistent use of tabs"),
        ("if True:\n\tx = 1\n        y = 2\n", "inconsistent use of tabs"),
        ("if True:\n    if True:\n        x = 1\n  y = 2\n", "unindent does not match"),
        ("if True:\n    x = 1\n\f  y = 2\n", "unindent does not match"),
        // Found by the fuzz test: a module-level line inside a class, then the class's next method.
        ("class A:\n    def f(self):\n        pass\nx = 1\n\n    def g(self):\n        pass\n", "unexpected indent"),
        ("def f():\n    pass\nbreak\n", "'break' outside loop"),
        ("for x in y:\n    pass\nelse:\n    continue\n", "'continue' not properly in loop"),
        ("return 1\n", "'return' outside function"),
        ("class A:\n    return 1\n", "'return' outside function"),
        ("yield 1\n", "'yield' outside function"),
        ("f(a=1, a=2)\n", "keyword argument repeated"),
        ("f(a=1, 2)\n", "positional argument follows keyword argument"),
        ("def f(a=1, b):\n    pass\n", "non-default argument follows default argument"),
        ("def f(a, a):\n    pass\n", "duplicate argument"),
    ];

    internal static readonly string[] AcceptedCases =
    [
        // A comment ending in a backslash does not continue the line (test_urllib.py).
        "def f():\n    # cannot end a raw string in \\\n    x = 1\n    y = 2\n",
        "x = 0\ny = 00\nz = 0o777\nw = 1_000\n",
        "if True:\n\tx = 1\n\ty = 2\n",
        "if True:\n    x = (1,\n  2)\n    y = 3\n",
        "def f(a, b=1, *args, c, d=2, **kw):\n    return a\n",
        "def g(a=1, *, b):\n    pass\n",
        "f(*a, b=1, *c, **d)\n",
        "x = 1 + \\\n  2\nif x:\n    pass\n",
        "s = '''\nnot indentation\n  at all\n'''\nif s:\n    pass\n",
        "while x:\n    for y in z:\n        break\n    continue\n",
        "class A:\n    def f(self):\n        return 1\n",
        "\fx = 1\n",
        "x = rb'a' + Rb'b' + f'{y}' + fr'{z}'\n",
        "# comment\n      # odd comment indent\nx = 1\n",
    ];

    public static TheoryData<string, string> Rejected()
    {
        var data = new TheoryData<string, string>();
        foreach (var (code, reason) in RejectedCases) data.Add(code, reason);
        return data;
    }

    public static TheoryData<string> Accepted() => [.. AcceptedCases];

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Code_CPython_rejects_is_refused_with_its_reason(string code, string reason)
    {
        var tree = PythonParser.Parse(SourceText.From(code));

        var refusal = SyntaxGate.Refusal(tree);

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Code_CPython_accepts_passes(string code)
    {
        var tree = PythonParser.Parse(SourceText.From(code));

        Assert.Null(SyntaxGate.Refusal(tree));
    }

    [Fact]
    public void Too_many_indentation_levels_are_refused()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 101; i++) sb.Append(new string(' ', i)).Append("if x:\n");
        sb.Append(new string(' ', 101)).Append("pass\n");

        var refusal = SyntaxGate.Refusal(PythonParser.Parse(SourceText.From(sb.ToString())));

        Assert.NotNull(refusal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_as_too_deep_without_overflowing_the_stack()
    {
        // 9,000 nested operators: valid for tree-sitter, far deeper than any walk of the engine may go.
        var code = "import numpy as np\nx = " + string.Concat(Enumerable.Repeat("-", 9000)) + "np.float_\n";

        var refusal = SyntaxGate.Refusal(PythonParser.Parse(SourceText.From(code)));

        Assert.Equal(SourceErrorKind.TooDeep, refusal?.Kind);
    }

    [Fact]
    public void Every_file_of_the_standard_library_the_gate_refuses_is_one_CPython_rejects_too()
    {
        // The stdlib is a large real corpus: the gate must not refuse code CPython accepts.
        var lib = StdlibCorpus.LibFolder("3.12");
        Assert.True(lib is not null, "Python 3.12 is not installed under pyenv");
        var refused = new List<(string File, string Why)>();
        int checkedFiles = 0;
        foreach (var file in StdlibCorpus.Files(lib!))
        {
            if (SourceText.TryFrom(File.ReadAllBytes(file), file) is not { Text: { } text }) continue;
            var tree = PythonParser.Parse(text);
            if (tree.HasErrors) continue;
            checkedFiles++;
            if (SyntaxGate.Refusal(tree) is { } r) refused.Add((file, r.Message));
        }
        var verdicts = CPython.Compiles("3.12", refused.Select(r => File.ReadAllText(r.File)).ToList());
        var wronglyRefused = refused.Where((r, i) => verdicts[i]).Select(r => $"{r.File}: {r.Why}").ToList();

        Assert.True(checkedFiles > 1000, $"only {checkedFiles} files checked");
        Assert.True(wronglyRefused.Count == 0, string.Join("\n", wronglyRefused.Take(20)));
    }
}

/// <summary>The expectations above, confirmed by CPython's own compile(): the gate's tests must not rest on a wrong belief about Python.</summary>
public class SyntaxGateCPythonTests
{
    [Fact]
    public void Every_snippet_the_tests_call_rejected_is_rejected_by_CPython_and_every_accepted_one_compiles()
    {
        var rejected = SyntaxGateTests.RejectedCases.Select(c => c.Code).ToList();
        var accepted = SyntaxGateTests.AcceptedCases.ToList();

        var r = CPython.Compiles("3.12", rejected);
        var a = CPython.Compiles("3.12", accepted);

        Assert.All(rejected.Zip(r), x => Assert.False(x.Second, $"CPython compiles: {x.First}"));
        Assert.All(accepted.Zip(a), x => Assert.True(x.Second, $"CPython rejects: {x.First}"));
    }
}
