using ApiMigrator.Context;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using static ApiMigrator.Tests.Context.GuardTestKit;

namespace ApiMigrator.Tests.Context;

/// <summary>The registry and the analysis as a whole.</summary>
public class ContextGuardsTests
{
    [Fact]
    public void Every_guard_has_a_unique_name_a_description_and_an_example()
    {
        Assert.Equal(ContextGuards.All.Count, ContextGuards.All.Select(g => g.Name).Distinct().Count());
        foreach (var g in ContextGuards.All)
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", g.Name);
            Assert.NotEmpty(g.Description);
            Assert.NotEmpty(g.NodeKinds);
        }
    }

    [Fact]
    public void Every_guards_example_is_protected_by_that_guard()
    {
        foreach (var g in ContextGuards.All)
        {
            // Given the guard's own example, as a file inside an installed pandas (the library-package guard needs a path)
            var code = "import numpy as np\nimport pandas as pd\nimport pytest\n" + g.Example + "\n";

            // When
            var a = Analyze(code, "/usr/lib/python3/dist-packages/pandas/core/example.py");

            // Then
            Assert.Contains(a.Context.Regions, r => r.Guard == g.Name);
        }
    }

    [Fact]
    public void Given_deeply_nested_code_When_analyzed_on_a_small_stack_Then_the_walk_does_not_recurse()
    {
        // Given: 150 nested version branches and a 1,000-deep parenthesized condition
        var sb = new System.Text.StringBuilder("import sys\nimport numpy as np\n\n");
        for (int i = 0; i < 150; i++) sb.Append(new string(' ', i)).Append("if sys.version_info >= (3, 8):\n");
        sb.Append(new string(' ', 150)).Append("x = np.trapz([1])\n");
        sb.Append("if ").Append(new string('(', 1000)).Append("NUMPY_LT_2_0").Append(new string(')', 1000)).Append(":\n    y = np.trapz([1])\n");
        var scope = ModuleScope.Build(PythonParser.Parse(sb.ToString()));
        var matches = Matcher.FindMatches(GuardTestKit.Rules.Value, scope);

        // When: on a thread whose stack is far too small for a recursive walk of that depth
        ModuleContext? context = null;
        var thread = new Thread(() => context = ModuleContext.Analyze(scope, matches), 256 * 1024);
        thread.Start();
        thread.Join();

        // Then
        Assert.NotNull(context);
        Assert.All(matches.Where(m => m.Node.Text == "np.trapz"), m => Assert.Equal("version-branch", context.Protecting(m)?.Guard));
    }

    [Fact]
    public void Given_no_guarded_code_When_analyzed_Then_there_are_no_regions()
    {
        var a = Analyze("import numpy as np\n\n\ndef area(y):\n    return np.trapz(y)\n");

        Assert.Same(ModuleContext.Empty, a.Context);
    }
}
