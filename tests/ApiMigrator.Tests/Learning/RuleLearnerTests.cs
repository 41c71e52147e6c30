using ApiMigrator.Data;
using ApiMigrator.Learning;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Learning;

public class RuleLearnerTests
{
    private static MigrationPair Pair(string id, string before, string after, string library = "numpy", bool negative = false)
        => new(id, before, after, library, "1.26", "2.0", PairKind.ApiRename, "p-" + id.Split('-')[0], "https://example.org/guide", null, negative);

    private static string Apply(IReadOnlyList<MigrationRule> rules, string code, double min = 0.85)
        => Rewriter.Rewrite(SourceText.From(code), new RuleSet(rules), new RewriteOptions { MinConfidence = min }).Result.Text;

    [Fact]
    public void A_rename_learned_through_one_alias_applies_through_every_import_style()
    {
        // Given two pairs written with `np`
        var pairs = new[]
        {
            Pair("a-1", "import numpy as np\nx = np.float_(1)\n", "import numpy as np\nx = np.float64(1)\n"),
            Pair("a-2", "import numpy as np\ny = [np.float_(v) for v in r]\n", "import numpy as np\ny = [np.float64(v) for v in r]\n"),
        };

        // When
        var rules = RuleLearner.Learn(pairs).Rules;

        // Then the rule is stated on qualified names and rewrites other spellings
        var rule = Assert.Single(rules);
        Assert.Equal(RuleKind.ApiRename, rule.Kind);
        Assert.Equal("numpy.float_", rule.Match);
        Assert.Equal("numpy.float64", rule.Replace);
        Assert.Equal(2, rule.Support);
        Assert.Equal("import numpy\nz = numpy.float64\n", Apply(rules, "import numpy\nz = numpy.float_\n"));
        Assert.Equal("import numpy as N\nz = N.float64\n", Apply(rules, "import numpy as N\nz = N.float_\n"));
        Assert.Equal("def f(np):\n    return np.float_\n", Apply(rules, "def f(np):\n    return np.float_\n"));
    }

    [Fact]
    public void Unchanged_subtrees_become_metavariables_and_the_rule_generalizes_to_new_arguments()
    {
        var pairs = new[]
        {
            Pair("b-1", "import pandas as pd\ndf = pd.read_csv('a')\nother = pd.read_csv('b')\ndf = df.append(other)\n",
                        "import pandas as pd\ndf = pd.read_csv('a')\nother = pd.read_csv('b')\ndf = pd.concat([df, other])\n", "pandas"),
            Pair("b-2", "import pandas as pd\nleft = pd.DataFrame()\nright = pd.DataFrame()\nboth = left.append(right)\n",
                        "import pandas as pd\nleft = pd.DataFrame()\nright = pd.DataFrame()\nboth = pd.concat([left, right])\n", "pandas"),
        };
        var rule = Assert.Single(RuleLearner.Learn(pairs).Rules);
        Assert.Equal(RuleKind.Parameter, rule.Kind);
        Assert.Equal("$1.append($2, $*rest)", rule.Match);
        Assert.Equal("pandas.concat([$1, $2], $*rest)", rule.Replace);
        // The receivers were DataFrames: the rule names the type, not only the package.
        Assert.Equal(["pandas.DataFrame"], rule.Where["1"]);
        // Different variable names and an extra keyword argument carried over.
        Assert.Equal("import pandas as pd\na = pd.read_csv('x')\nb = pd.concat([a, extra], ignore_index=True)\n",
            Apply([rule], "import pandas as pd\na = pd.read_csv('x')\nb = a.append(extra, ignore_index=True)\n"));
        // A list's append is not pandas'.
        Assert.Equal("a = []\na.append(3)\n", Apply([rule], "a = []\na.append(3)\n", min: 0));
        // Nor is an Index's (Index.append still exists), nor a list from tolist().
        Assert.Equal("import pandas as pd\ndf = pd.read_csv('x')\ni = df.index.append(pd.Index([9]))\n",
            Apply([rule], "import pandas as pd\ndf = pd.read_csv('x')\ni = df.index.append(pd.Index([9]))\n", min: 0));
        Assert.Equal("import pandas as pd\ndf = pd.read_csv('x')\nc = df.columns.tolist()\nc.append('t')\n",
            Apply([rule], "import pandas as pd\ndf = pd.read_csv('x')\nc = df.columns.tolist()\nc.append('t')\n", min: 0));
    }

    [Fact]
    public void A_receiver_whose_type_the_pairs_do_not_show_keeps_the_package_as_weak_evidence()
    {
        var pairs = new[]
        {
            Pair("w-1", "import pandas as pd\ndef f(df):\n    return df.iteritems()\n", "import pandas as pd\ndef f(df):\n    return df.items()\n", "pandas"),
        };
        var rule = Assert.Single(RuleLearner.Learn(pairs).Rules);
        Assert.Equal(["pandas"], rule.Where["1"]);
    }

    [Fact]
    public void A_keyword_rename_becomes_a_minimal_keyword_operation()
    {
        var pairs = new[]
        {
            Pair("c-1", "import pandas as pd\ndf = pd.DataFrame()\ndf.to_csv('o', line_terminator='\\n')\n", "import pandas as pd\ndf = pd.DataFrame()\ndf.to_csv('o', lineterminator='\\n')\n", "pandas"),
            Pair("c-2", "import pandas as pd\nd = pd.read_csv('i')\nd.to_csv(p, index=False, line_terminator=t)\n", "import pandas as pd\nd = pd.read_csv('i')\nd.to_csv(p, index=False, lineterminator=t)\n", "pandas"),
        };
        var rule = Assert.IsType<ParameterRule>(Assert.Single(RuleLearner.Learn(pairs).Rules));
        Assert.Equal("$recv.to_csv", rule.Match);
        var op = Assert.Single(rule.Ops);
        Assert.Equal(new KeywordOp(KeywordOpKind.Rename, "line_terminator", NewKeyword: "lineterminator"), op);
    }

    [Fact]
    public void Conflicting_replacements_lower_each_others_confidence()
    {
        var pairs = new[]
        {
            Pair("d-1", "import numpy as np\nx = np.float_\n", "import numpy as np\nx = np.float64\n"),
            Pair("d-2", "import numpy as np\ny = np.float_\n", "import numpy as np\ny = np.double\n"),
        };
        var rules = RuleLearner.Learn(pairs).Rules;
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.True(r.Conflicts >= 1));
        Assert.All(rules, r => Assert.True(Confidence.PriorOf(r) < 0.85, $"{r.Id}: {Confidence.PriorOf(r)}"));
        Assert.Equal("import numpy as np\nz = np.float_\n", Apply(rules, "import numpy as np\nz = np.float_\n"));
    }

    [Fact]
    public void A_negative_pair_the_rule_would_change_lowers_its_confidence()
    {
        var positives = new[]
        {
            Pair("e-1", "import numpy as np\nx = np.float_\n", "import numpy as np\nx = np.float64\n"),
            Pair("e-2", "import numpy as np\ny = np.float_(2)\n", "import numpy as np\ny = np.float64(2)\n"),
        };
        var clean = Assert.Single(RuleLearner.Learn(positives).Rules);
        var negative = Pair("e-3", "import numpy as np\nz = np.float_  # pinned to 1.x on purpose\n", "import numpy as np\nz = np.float_  # pinned to 1.x on purpose\n", negative: true);
        var hit = Assert.Single(RuleLearner.Learn([.. positives, negative]).Rules);
        Assert.Equal(0, clean.NegativeHits);
        Assert.Equal(1, hit.NegativeHits);
        Assert.True(Confidence.PriorOf(hit) < Confidence.PriorOf(clean));
    }

    [Fact]
    public void Learning_the_shipped_train_split_is_deterministic_to_the_byte()
    {
        var (split, errors) = SplitFiles.Read(DatasetFiles.SplitsFolder);
        Assert.Empty(errors);
        var ids = split!.Train.ToHashSet(StringComparer.Ordinal);
        var pairs = PairLoader.Load([DatasetFiles.PairsFolder]).Pairs.Where(p => ids.Contains(p.Id)).ToList();
        var first = RuleFile.Write(RuleLearner.Learn(pairs).Rules);
        var second = RuleFile.Write(RuleLearner.Learn(pairs.AsEnumerable().Reverse()).Rules);
        Assert.Equal(first, second);
        // And the written file reads back to the same rules.
        var (reread, problems) = RuleFile.Parse(first);
        Assert.Empty(problems);
        Assert.Equal(first, RuleFile.Write(reread));
    }

    [Fact]
    public void Learned_rules_never_mention_a_snippets_local_variables()
    {
        // Every name a rule mentions starts at a module some pair imports (or a conventional alias's module):
        // snippet variables such as `df` or `rows` must have become metavariables.
        var pairs = PairLoader.Load([DatasetFiles.PairsFolder]).Pairs;
        var modules = new HashSet<string>(StringComparer.Ordinal) { "numpy", "pandas", "tensorflow", "matplotlib", "sqlalchemy", "builtins", "list", "dict", "set", "tuple", "type", "frozenset", "str", "int", "float", "bool", "bytes" };
        foreach (var p in pairs)
            foreach (var side in new[] { p.Before, p.After })
                foreach (var b in ModuleScope.Build(PythonParser.Parse(side)).Imports)
                    modules.Add(b.Module.Split('.')[0]);
        foreach (var r in RuleLearner.Learn(pairs).Rules)
            foreach (var name in r.MatchPattern.QualifiedNames.Concat(r.ReplacePattern?.QualifiedNames ?? []))
                Assert.True(modules.Contains(name.Split('.')[0]), $"{r.Id}: '{name}' does not start at an imported module");
    }
}
