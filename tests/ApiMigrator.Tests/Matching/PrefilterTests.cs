using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Matching;

/// <summary>
/// The text prefilter decides, without parsing, whether a file is worth matching. It may let through files
/// no rule matches; it must never drop a file a rule really matches.
/// </summary>
public class PrefilterTests
{
    private static readonly Lazy<RuleSet> Shipped = new(() => new RuleSet(ShippedRules.Load()));

    internal static RuleSet Rules(string yaml)
    {
        var (rules, errors) = RuleFile.Parse(yaml);
        Assert.Empty(errors);
        return new RuleSet(rules);
    }

    private static readonly string AppendRule = """
        - id: pandas.append
          library: pandas
          kind: syntax
          match: $df.append($x)
          replace: pd.concat([$df, $x])
          where: {df: [pandas]}
        """;

    private static readonly string FloatRule = """
        - id: numpy.float_
          library: numpy
          kind: api_rename
          match: numpy.float_
          replace: numpy.float64
        """;

    /// <summary>A rule set of one rule with no constraints.</summary>
    private static RuleSet OneRule(string id, string library, string kind, string match, string replace)
        => Rules($"- id: {id}\n  library: {library}\n  kind: {kind}\n  match: '{match.Replace("'", "''", StringComparison.Ordinal)}'\n  replace: '{replace.Replace("'", "''", StringComparison.Ordinal)}'\n");

    internal static bool MayApply(RuleSet rules, string text) => rules.AnyRuleMayApply(rules.AnchorsIn(text));

    [Fact]
    public void A_method_rule_on_a_common_name_needs_its_library_named()
    {
        // Given a pandas rule on `.append` and files that call append
        var rules = Rules(AppendRule);

        // Then only the files that name pandas (an import, its alias, or pandas' own modules) are worth parsing
        Assert.False(MayApply(rules, "items = []\nitems.append(1)\n"));
        Assert.True(MayApply(rules, "# pandas' own code imports itself relatively\nitems.append(1)\n"));
        Assert.True(MayApply(rules, "import pandas\nitems.append(1)\n"));
        Assert.True(MayApply(rules, "from pandas import DataFrame\nitems.append(1)\n"));
        Assert.True(MayApply(rules, "x = pd.DataFrame()\nx.append(1)\n"));
    }

    [Fact]
    public void A_method_name_counts_only_after_a_dot()
    {
        // Given a pandas rule on the method `.any` of a DataFrame, a word builtins and variables also use
        var rules = Rules("""
            - id: pandas.any-axis
              library: pandas
              kind: syntax
              match: $df.any($axis)
              replace: $df.any(axis=$axis)
              where: {df: [pandas]}
            """);

        // Then it counts after a dot, also across a line break, a continuation or a comment
        Assert.True(MayApply(rules, "import pandas as pd\nflags = frame.any(1)\n"));
        Assert.True(MayApply(rules, "import pandas as pd\nflags = (frame.  # rows\n    any(1))\n"));
        Assert.True(MayApply(rules, "import pandas as pd\nflags = frame \\\n    .any(1)\n"));
        // But not as the builtin, a variable, or a keyword
        Assert.False(MayApply(rules, "import pandas as pd\nif any(x > 0 for x in xs):\n    pass\n"));
        Assert.False(MayApply(rules, "import pandas as pd\nany = 1\nf(any=any)\n"));
    }

    [Fact]
    public void A_qualified_name_rule_needs_its_module_imported_or_its_alias()
    {
        // Given a rule on numpy.float_
        var rules = Rules(FloatRule);

        // Then an import counts (also continued with a backslash or after a semicolon), and so does `np`; a bare mention does not

        Assert.True(MayApply(rules, "import os, \\\n    numpy\nx = numpy.float_\n"));
        Assert.True(MayApply(rules, "x = 1; import numpy\ny = numpy.float_\n"));
        Assert.True(MayApply(rules, "x = np.float_\n"));
        Assert.False(MayApply(rules, "# numpy is not imported here\nx = numpy.float_\n"));
        Assert.False(MayApply(rules, "x = float_\n"));
    }

    [Fact]
    public void Every_shipped_rule_example_that_names_its_library_and_matches_passes_the_prefilter()
    {
        // Given every shipped rule whose example's before text the rule really matches
        var rules = Shipped.Value;
        int checkedExamples = 0;
        var dropped = new List<string>();
        for (int i = 0; i < rules.Rules.Count; i++)
        {
            var rule = rules.Rules[i];
            if (rule.Example is not { } example) continue;
            var tree = PythonParser.Parse(example.Before);
            if (tree.HasErrors) continue;
            var scope = ModuleScope.Build(tree);
            bool matches = false;
            for (int n = 0; n < tree.Nodes.Length && !matches; n++)
            {
                var node = new SyntaxNode(tree, n);
                if (node.IsNamed && Matcher.TryMatch(rule, node, scope) is not null) matches = true;
            }
            if (!matches) continue;
            // An example that never names the rule's library (a learned pair's bare `x.fillna(method=…)`) matches only as an
            // unknown receiver; the text prefilter has never let such files through (that is what keeps `.append` cheap).
            var words = System.Text.RegularExpressions.Regex.Matches(example.Before, "[A-Za-z_][A-Za-z0-9_]*").Select(w => w.Value).ToHashSet(StringComparer.Ordinal);
            if (rule.ModuleAnchors.Count > 0 && !rule.ModuleAnchors.Any(words.Contains)) continue;
            checkedExamples++;

            // Then the rule's own condition holds in that text, so the whole set lets the file through
            var keys = rules.AnchorsIn(example.Before);
            if (!rules.Prefilter.ConditionOf(i).HoldsIn(keys) || !rules.AnyRuleMayApply(keys)) dropped.Add(rule.Id);
        }
        Assert.True(checkedExamples > 1000, $"only {checkedExamples} examples matched their rule");
        Assert.True(dropped.Count == 0, "the prefilter drops: " + string.Join(", ", dropped));
    }
    [Fact]
    public void A_dotted_name_needs_its_parts_after_a_dot_or_imported()
    {
        // Given a rule on numpy.lib.utils
        var rules = OneRule("numpy.lib.utils", "numpy", "api_rename", "numpy.lib.utils", "numpy.utils2");

        // Then its parts count after a dot (also across a line break and a comment) or after `import`, parenthesized too
        Assert.True(MayApply(rules, "import numpy as np\nx = np.lib.utils\n"));
        Assert.True(MayApply(rules, "import numpy as np\nx = (np.lib.  # note\n     utils)\n"));
        Assert.True(MayApply(rules, "from numpy import (\n    lib,  # the (old) one\n)\nfrom numpy.lib import (  # x)\n    utils)\n"));
        Assert.True(MayApply(rules, "import numpy.lib.utils as u\n"));
        // But not as bare words, nor after a relative import's dots
        Assert.False(MayApply(rules, "import numpy\nlib = utils = 1\n"));
        Assert.False(MayApply(rules, "import numpy\nfrom .lib import x\nfrom ..utils import y\n"));
    }

    [Fact]
    public void A_conventional_alias_stands_for_its_whole_dotted_module()
    {
        // Given a rule on a name under matplotlib.pyplot, whose alias plt spells no `pyplot`
        var rules = OneRule("plt.old", "matplotlib", "api_rename", "matplotlib.pyplot.old", "matplotlib.pyplot.new");

        // Then `plt.old` is enough
        Assert.True(MayApply(rules, "plt.old()\n"));
        Assert.False(MayApply(rules, "plt.new()\nold = 1\n"));
    }

    [Fact]
    public void A_keyword_of_the_pattern_must_be_followed_by_an_equals_sign()
    {
        // Given a rule on a call with a keyword
        var rules = OneRule("numpy.array-copy", "numpy", "syntax", "numpy.array($a, copy=False)", "numpy.asarray($a)");

        // Then `copy=` counts (spaces, a line break or a comment may come before the '='), `copy ==` and a bare `copy` do not
        Assert.True(MayApply(rules, "import numpy as np\nnp.array(x, copy=False)\n"));
        Assert.True(MayApply(rules, "import numpy as np\nnp.array(x, copy  # c\n  = False)\n"));
        Assert.False(MayApply(rules, "import numpy as np\nnp.array(x)\nif copy == False: pass\n"));
        Assert.False(MayApply(rules, "import numpy as np\nnp.array(x)\ny = copy.copy(x)\n"));
    }

    [Fact]
    public void A_dotted_names_first_part_counts_after_a_name_an_import_binds()
    {
        // Given a rule on numpy.core
        var rules = OneRule("numpy.core", "numpy", "api_rename", "numpy.core", "numpy._core");

        // Then `.core` counts after the module, an alias the file imports (even further down), a conventional alias, or by import
        Assert.True(MayApply(rules, "import numpy\nx = numpy.core.multiarray\n"));
        Assert.True(MayApply(rules, "import numpy as xp\nx = xp.core\n"));
        Assert.True(MayApply(rules, "def f():\n    return onp.core\nimport numpy as onp\n"));
        Assert.True(MayApply(rules, "import numpy\nx = np.core\n"));
        Assert.True(MayApply(rules, "from numpy import core\n"));
        Assert.True(MayApply(rules, "from numpy import (\n    core,\n)\n"));
        Assert.True(MayApply(rules, "import numpy.core.multiarray as m\n"));
        // and wherever the word before the dot is not plain (a bracket, a space, a comment), as after any dot
        Assert.True(MayApply(rules, "import numpy\nx = (numpy).core\n"));
        Assert.True(MayApply(rules, "import numpy\nx = (numpy  # the module\n     .core)\n"));
        // But not after a name no import binds, nor as a deeper part
        Assert.False(MayApply(rules, "import numpy\nfrom xarray.core import dataset\nds = dataset.Dataset()\ny = ds.core\n"));
        Assert.False(MayApply(rules, "import numpy\nx = np.random.core\n"));
    }

    [Fact]
    public void A_dotted_names_later_part_counts_after_the_part_before_it()
    {
        // Given a rule on numpy.linalg.linalg, whose last part is also the part before it
        var rules = OneRule("numpy.linalg.linalg", "numpy", "api_rename", "numpy.linalg.linalg", "numpy.linalg");

        // Then the last `linalg` counts after `linalg.`, after a name an import binds, or imported from a module ending in linalg
        Assert.True(MayApply(rules, "import numpy as np\nx = np.linalg.linalg.norm\n"));
        Assert.True(MayApply(rules, "import numpy.linalg.linalg\n"));
        Assert.True(MayApply(rules, "from numpy.linalg import linalg\n"));
        Assert.True(MayApply(rules, "from numpy.linalg import (\n    norm,\n    linalg,\n)\n"));
        Assert.True(MayApply(rules, "from numpy import linalg as la\nx = la.linalg\n"));
        Assert.True(MayApply(rules, "import numpy as np\nx = (np.linalg).linalg\n"));
        // But not in a file that only uses numpy.linalg, nor imported from another module
        Assert.False(MayApply(rules, "import numpy as np\nfrom numpy.linalg import norm\nx = np.linalg.norm(y)\n"));
        Assert.False(MayApply(rules, "import numpy as np\nfrom scipy import linalg\nx = np.linalg.norm(y)\n"));
    }

    [Fact]
    public void A_part_imported_by_name_counts_only_from_its_own_module()
    {
        // Given a rule on pandas.np, whose part is numpy's conventional alias
        var rules = OneRule("pandas.np", "pandas", "api_rename", "pandas.np", "numpy");

        // Then `from pandas import np` and `pd.np` count, `import numpy as np` does not
        Assert.True(MayApply(rules, "from pandas import np\n"));
        Assert.True(MayApply(rules, "import pandas as pd\nx = pd.np.nan\n"));
        Assert.False(MayApply(rules, "import numpy as np\nimport pandas as pd\nx = pd.DataFrame(np.zeros(3))\n"));
        Assert.False(MayApply(rules, "import pandas as pd\nfrom .compat import np\n"));
    }

    [Fact]
    public void A_keyword_the_pattern_gives_a_call_counts_inside_a_call_of_that_name()
    {
        // Given a rule on numpy.array(…, copy=False)
        var rules = OneRule("numpy.array-copy", "numpy", "syntax", "numpy.array($a, copy=False)", "numpy.asarray($a)");

        // Then `copy=` counts inside a call of `array`, over lines, nested in its arguments, or in a call of a name an import
        // binds to `array`; and wherever the brackets cannot be told (a call of a call, inside a string)
        Assert.True(MayApply(rules, "import numpy as np\nnp.array(x, copy=False)\n"));
        Assert.True(MayApply(rules, "import numpy as np\ny = np.array(\n    [1, (2)],\n    copy=False,\n)\n"));
        Assert.True(MayApply(rules, "import numpy as np\nnp.array(f(copy=False))\n"));
        Assert.True(MayApply(rules, "from numpy import array as arr\narr(x, copy=False)\n"));
        Assert.True(MayApply(rules, "import numpy as np\nnp.array\nfactory()(x, copy=False)\n"));
        Assert.True(MayApply(rules, "import numpy as np\nnp.array\ns = f'{g(x, copy=False)}'\n"));
        // But not in a call of another name, nor after a bracket that a string or a comment holds
        Assert.False(MayApply(rules, "import numpy as np\nx = np.array(y)\nz = x.astype(int, copy=False)\n"));
        Assert.False(MayApply(rules, "import numpy as np\ns = 'np.array('\nt = f(copy=False)  # np.array(\n"));
        Assert.False(MayApply(rules, "import numpy as np\ns = \"\"\"np.array(\n\"\"\"\nnp.array\nt = f(copy=False)\n"));
    }

    [Fact]
    public void A_word_the_pattern_passes_a_call_as_a_string_counts_inside_a_call_of_that_name()
    {
        // Given a rule on numpy.dtype("a")
        var rules = OneRule("numpy.dtype-a", "numpy", "api_rename", "numpy.dtype(\"a\")", "numpy.dtype(\"S\")");

        // Then "a" counts as an argument of a call of dtype, of a name an import binds to it, or where the brackets cannot be told
        Assert.True(MayApply(rules, "import numpy as np\nt = np.dtype('a')\n"));
        Assert.True(MayApply(rules, "import numpy as np\nt = np.dtype(\n    \"a\",\n)\n"));
        Assert.True(MayApply(rules, "from numpy import dtype as dt\nt = dt('a')\n"));
        Assert.True(MayApply(rules, "import numpy as np\nnp.dtype\nt = make()('a')\n"));
        // But not as the argument of another call, nor in a docstring that shows such a call
        Assert.False(MayApply(rules, "import numpy as np\nt = np.dtype(x)\nd = {'a': 1}\nf('a')\n"));
        Assert.False(MayApply(rules, "import numpy as np\n'''np.dtype(\"a\")'''\nt = np.dtype(x)\n"));
    }
}
