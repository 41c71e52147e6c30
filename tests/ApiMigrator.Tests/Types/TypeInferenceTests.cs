using ApiMigrator.Python;
using ApiMigrator.Types;

namespace ApiMigrator.Tests.Types;

public class TypeInferenceTests
{
    /// <summary>The inferred type of the last expression in <paramref name="code"/> whose text is <paramref name="expr"/>.</summary>
    private static PyType TypeOf(string code, string expr)
    {
        var tree = PythonParser.Parse(code);
        Assert.False(tree.HasErrors, "test snippet must parse");
        var node = tree.AllNodes().Where(n => n.IsNamed && n.Text == expr).OrderBy(n => n.StartByte).Last();
        return TypeInference.For(ModuleScope.Build(tree)).TypeOf(node);
    }

    [Theory]
    [InlineData("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf\n", "df", "pandas.DataFrame")]
    [InlineData("import pandas as pd\ndf = pd.DataFrame({'a': [1]})\ndf\n", "df", "pandas.DataFrame")]
    [InlineData("from pandas import DataFrame\ndf = DataFrame()\ndf\n", "df", "pandas.DataFrame")]
    [InlineData("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf['a']\n", "df['a']", "pandas.Series")]
    [InlineData("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf[['a', 'b']]\n", "df[['a', 'b']]", "pandas.DataFrame")]
    [InlineData("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf.columns\n", "df.columns", "pandas.Index")]
    [InlineData("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf.index\n", "df.index", "pandas.Index")]
    [InlineData("import pandas as pd\ndf = pd.read_csv('x.csv')\ncols = df.columns.tolist()\ncols\n", "cols", "builtins.list")]
    [InlineData("import pandas as pd\ns = pd.Series([1])\ns.to_list()\n", "s.to_list()", "builtins.list")]
    [InlineData("import pandas as pd\nstore = pd.HDFStore('x.h5')\nstore\n", "store", "pandas.HDFStore")]
    [InlineData("import pandas as pd\ns = pd.Series(['a'])\ns.str\n", "s.str", "pandas.core.strings.accessor.StringMethods")]
    [InlineData("import pandas as pd\ndf = pd.DataFrame()\ndf.style\n", "df.style", "pandas.io.formats.style.Styler")]
    [InlineData("import numpy as np\na = np.zeros(3)\na\n", "a", "numpy.ndarray")]
    [InlineData("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nfig\n", "fig", "matplotlib.figure.Figure")]
    [InlineData("from sqlalchemy import create_engine\nengine = create_engine('sqlite://')\nengine\n", "engine", "sqlalchemy.engine.Engine")]
    public void Library_calls_and_members_have_the_types_the_table_gives(string code, string expr, string expected)
    {
        // Given a snippet, When its expression is typed, Then the type is the one the API reference states
        Assert.Equal(PyType.Of(expected), TypeOf(code, expr));
    }

    [Theory]
    [InlineData("x = []\nx\n", "x", "builtins.list")]
    [InlineData("x = list(range(3))\nx\n", "x", "builtins.list")]
    [InlineData("x = 'a,b'.split(',')\nx\n", "x", "builtins.list[builtins.str]")]
    [InlineData("x = [i for i in range(3)]\nx\n", "x", "builtins.list")]
    [InlineData("x = {'a': 1}\nx\n", "x", "builtins.dict")]
    [InlineData("x = f'{1}'\nx\n", "x", "builtins.str")]
    public void Literals_and_builtins_are_typed(string code, string expr, string expected)
    {
        Assert.Equal(expected, Assert.Single(TypeOf(code, expr).Names));
    }

    [Fact]
    public void A_name_assigned_on_two_paths_has_the_join_of_both()
    {
        // Given a name assigned in both branches of an if
        var code = "import pandas as pd\nif c:\n    x = pd.read_csv('a')\nelse:\n    x = []\nx\n";

        // When its use after the if is typed
        var t = TypeOf(code, "x");

        // Then both reach it
        Assert.Equal(PyType.Of(["pandas.DataFrame", "builtins.list"]), t);
    }

    [Fact]
    public void A_later_assignment_in_straight_line_code_replaces_the_earlier_one()
    {
        var code = "import pandas as pd\nx = []\nx = pd.read_csv('a')\nx\n";
        Assert.Equal(PyType.Of("pandas.DataFrame"), TypeOf(code, "x"));
    }

    [Fact]
    public void A_reassignment_reads_the_old_value_on_its_right_side()
    {
        // Given df = df.append(...) in a loop, the df on the right is the frame from before (or the previous iteration)
        var code = "import pandas as pd\ndf = pd.DataFrame()\nfor p in ps:\n    df = df.append(pd.read_csv(p))\n";
        var tree = PythonParser.Parse(code);
        var receiver = tree.AllNodes().First(n => n.Kind == "identifier" && n.Text == "df" && n.Parent is { Kind: "attribute" });

        // When / Then
        Assert.Equal(PyType.Of("pandas.DataFrame"), TypeInference.For(ModuleScope.Build(tree)).TypeOf(receiver));
    }

    [Theory]
    [InlineData("import pandas as pd\ndef f(df: pd.DataFrame):\n    return df\n", "pandas.DataFrame")]
    [InlineData("from typing import Optional\nimport pandas as pd\ndef f(df: Optional[pd.Series] = None):\n    return df\n", "builtins.NoneType|pandas.Series")]
    [InlineData("import pandas as pd\ndef f(df: pd.Series | None):\n    return df\n", "builtins.NoneType|pandas.Series")]
    [InlineData("import pandas as pd\ndef f():\n    df: pd.DataFrame = load()\n    return df\n", "pandas.DataFrame")]
    public void Annotations_declare_types(string code, string expected)
    {
        Assert.Equal(PyType.Of(expected.Split('|')), TypeOf(code, "df"));
    }

    [Fact]
    public void Functions_in_the_same_file_give_their_return_annotation()
    {
        var code = "import pandas as pd\ndef load() -> pd.DataFrame:\n    return pd.DataFrame()\nx = load()\nx\n";
        Assert.Equal(PyType.Of("pandas.DataFrame"), TypeOf(code, "x"));
    }

    [Fact]
    public void Self_attributes_have_the_join_of_their_assignments_across_the_class()
    {
        var code = "import pandas as pd\nclass Log:\n    def __init__(self):\n        self.frame = pd.DataFrame()\n" +
                   "    def add(self, x):\n        self.frame = self.frame.append(x)\n        self.frame\n";
        Assert.Equal(PyType.Of("pandas.DataFrame"), TypeOf(code, "self.frame"));
    }

    [Fact]
    public void Self_in_a_library_subclass_is_the_local_class_whose_base_is_the_library_class()
    {
        // Given a TestCase subclass
        var code = "import unittest\nclass T(unittest.TestCase):\n    def test(self):\n        self\n";
        var tree = PythonParser.Parse(code);
        var types = TypeInference.For(ModuleScope.Build(tree));
        var self = tree.AllNodes().Last(n => n.Text == "self");

        // When / Then
        var t = types.TypeOf(self);
        Assert.Equal("local.T", Assert.Single(t.Names));
        Assert.True(types.IsA("local.T", "unittest.TestCase"));
        Assert.Contains("unittest", types.PackagesOf("local.T"));
    }

    [Fact]
    public void Loop_variables_take_the_element_type()
    {
        var code = "import matplotlib.pyplot as plt\nfigs = [plt.figure() for _ in range(2)]\nfor f in figs:\n    f\n";
        Assert.Equal(PyType.Of("matplotlib.figure.Figure"), TypeOf(code, "f"));
    }

    [Theory]
    [InlineData("def f(df):\n    return df\n", "df")]
    [InlineData("x = something()\nx\n", "x")]
    [InlineData("import pandas as pd\nx = pd.read_csv('a').loc[0]\nx\n", "x")]
    public void Unknown_stays_unknown(string code, string expr)
    {
        var t = TypeOf(code, expr);
        Assert.False(t.IsKnown && t.Names.All(n => !TypeNames.IsLibraryValue(n)), $"got {t}");
    }

    [Fact]
    public void A_pandas_value_of_unlisted_type_is_only_some_pandas_value()
    {
        var code = "import pandas as pd\nx = pd.some_new_function()\nx\n";
        Assert.Equal(PyType.Of("pandas.*"), TypeOf(code, "x"));
    }

    [Fact]
    public void Deep_nesting_gives_unknown_not_a_stack_overflow()
    {
        // Given an expression nested far deeper than the inference follows
        var code = "import pandas as pd\nx = " + new string('(', 200) + "pd.read_csv('a')" + new string(')', 200) + "\nx\n";
        var chain = "import pandas as pd\nx = pd.DataFrame()" + string.Concat(Enumerable.Repeat(".copy()", 300)) + "\nx\n";

        // When / Then: an answer, not a crash
        Assert.True(TypeOf(code, "x").IsUnknown);
        Assert.True(TypeOf(chain, "x").IsUnknown);
    }

    [Fact]
    public void A_long_chain_of_assignments_stops_at_the_depth_limit()
    {
        var lines = new List<string> { "import pandas as pd", "x0 = pd.DataFrame()" };
        for (int i = 1; i < 2000; i++) lines.Add($"x{i} = x{i - 1}");
        lines.Add("x1999");
        var t = TypeOf(string.Join("\n", lines) + "\n", "x1999");
        Assert.True(t.IsUnknown);
    }

    [Theory]
    [InlineData("pandas.DataFrame", "pandas.DataFrame", true)]
    [InlineData("pandas.Series", "pandas.core.base.IndexOpsMixin", true)]
    [InlineData("pandas.Index", "pandas.core.base.IndexOpsMixin", true)]
    [InlineData("pandas.Index", "pandas.DataFrame", false)]
    [InlineData("pandas.core.frame.DataFrame", "pandas.DataFrame", true)]
    [InlineData("type[pandas.DataFrame]", "pandas.DataFrame", true)]
    [InlineData("pandas.DataFrame", "type[pandas.DataFrame]", false)]
    [InlineData("builtins.list", "pandas.DataFrame", false)]
    public void Subtyping_follows_the_table_bases(string actual, string required, bool expected)
    {
        var types = TypeInference.For(ModuleScope.Build(PythonParser.Parse("x = 1\n")));
        Assert.Equal(expected, types.IsA(actual, required));
    }
}
