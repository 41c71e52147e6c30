using static ApiMigrator.Tests.Matching.MatchingHarness;

namespace ApiMigrator.Tests.Matching;

/// <summary>
/// api_rename rules: which code a qualified-name rule and a receiver-typed method rule match (ShouldMatch)
/// and which look-alikes they leave alone (ShouldNotMatch).
/// </summary>
public class ApiRenameMatchingTests
{
    private const string FloatRule = """
        - id: numpy-float_
          kind: api_rename
          library: numpy
          match: numpy.float_
          replace: numpy.float64
        """;

    private const string IteritemsRule = """
        - id: pandas-iteritems
          kind: api_rename
          library: pandas
          match: $df.iteritems
          replace: $df.items
          where: {df: [pandas.DataFrame, pandas.Series]}
        """;

    [Theory]
    [InlineData("import numpy as np\nx = np.float_(1)\n", "np.float_")]
    [InlineData("import numpy\nx = numpy.float_\n", "numpy.float_")]
    [InlineData("from numpy import float_\nx = float_(1)\n", "float_")]
    [InlineData("import numpy.random\nx = numpy.float_\n", "numpy.float_")]
    [InlineData("import numpy as np\ndef f():\n    return np.float_\n", "np.float_")]
    [InlineData("def f():\n    import numpy as np\n    return np.float_\n", "np.float_")]
    [InlineData("import numpy as np\nxs = [np.float_(v) for v in vs]\n", "np.float_")]
    [InlineData("import numpy as np\ng = lambda v: np.float_(v)\n", "np.float_")]
    [InlineData("import numpy as np\ndef f(x: np.float_) -> None:\n    pass\n", "np.float_")]
    // A default value is evaluated in the enclosing scope, where np is still the module.
    [InlineData("import numpy as np\ndef f(np=np.float_):\n    pass\n", "np.float_")]
    // No import in sight: the conventional alias.
    [InlineData("x = np.float_(1)\n", "np.float_")]
    public void Qualified_name_rule_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(FloatRule, code, matched);
    }

    [Theory]
    // A local variable, parameter or definition named like the alias.
    [InlineData("np = load()\nx = np.float_\n")]
    [InlineData("import numpy as np\ndef f(np):\n    return np.float_\n")]
    [InlineData("import numpy as np\ng = lambda np: np.float_\n")]
    // A name assigned anywhere in a function is local in all of it, even before the assignment.
    [InlineData("import numpy as np\ndef f():\n    x = np.float_\n    np = other\n")]
    [InlineData("def np():\n    pass\nx = np.float_\n")]
    // Another library's name, or an alias of another module.
    [InlineData("import mylib as np\nx = np.float_\n")]
    [InlineData("from mylib import float_\nx = float_(1)\n")]
    [InlineData("import np\nx = np.float_\n")]
    // Imported and rebound, in any order: unknown, never guessed.
    [InlineData("import numpy as np\nif c:\n    np = None\nx = np.float_\n")]
    [InlineData("import numpy as np\ndef f():\n    global np\n    np = None\nx = np.float_\n")]
    // A star import could bind any name: neither the bare name nor the conventional alias is trusted.
    [InlineData("from numpy import *\nx = float_(1)\n")]
    [InlineData("from mylib import *\nx = np.float_(1)\n")]
    // Other names, text that only looks like the name, and attributes of other objects.
    [InlineData("import numpy as np\nx = np.float64\n")]
    [InlineData("import numpy as np\nx = np.float_x\n")]
    [InlineData("import numpy as np\nx = 'np.float_'  # np.float_\n")]
    [InlineData("import numpy as np\nx = obj.np.float_\n")]
    [InlineData("import numpy as np\nf(float_=1)\n")]
    [InlineData("x = float_\n")]
    // A from-import alias is renamed at the import (`from numpy import float64 as f64`): its uses stay.
    [InlineData("from numpy import float_ as f64\nx = f64(1)\n")]
    public void Qualified_name_rule_ShouldNotMatch(string code)
    {
        AssertNoMatch(FloatRule, code);
    }

    [Theory]
    [InlineData("import numpy\n", "numpy.float_", false)]
    [InlineData("from numpy import float_\n", "float_", true)]
    [InlineData("from numpy import float_ as f64\n", "float_ as f64", true)]
    [InlineData("from numpy import float64\n", "", false)]
    public void An_import_of_the_old_name_is_an_import_site(string code, string site, bool expected)
    {
        var sites = AllMatches(FloatRule, code + "x = 1\n").Where(m => m.IsImportSite).ToList();
        if (!expected) { Assert.Empty(sites); return; }
        Assert.Equal(site, Assert.Single(sites).Node.Text);
    }

    [Theory]
    [InlineData("import pandas as pd\ndf = pd.read_csv('a.csv')\nfor k, v in df.iteritems():\n    pass\n", "df.iteritems")]
    [InlineData("import pandas as pd\ns = pd.Series([1])\ns.iteritems()\n", "s.iteritems")]
    [InlineData("from pandas import DataFrame\ndf = DataFrame()\ndf.iteritems()\n", "df.iteritems")]
    [InlineData("import pandas as pd\ndef f(df: pd.DataFrame):\n    return df.iteritems()\n", "df.iteritems")]
    [InlineData("import pandas as pd\nfor k, v in pd.read_csv('a.csv').iteritems():\n    pass\n", "pd.read_csv('a.csv').iteritems")]
    [InlineData("import pandas as pd\nclass Frame(pd.DataFrame):\n    pass\nFrame().iteritems()\n", "Frame().iteritems")]
    // A receiver of unknown type in a file that imports pandas: a match, at low confidence.
    [InlineData("import pandas as pd\ndef f(df):\n    return df.iteritems()\n", "df.iteritems")]
    public void Receiver_typed_rule_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(IteritemsRule, code, matched);
    }

    [Theory]
    // Receivers of other types: a dict, a list, a string, a class of the file, NumPy's array, a pandas Index.
    [InlineData("d = {}\nfor k, v in d.iteritems():\n    pass\n")]
    [InlineData("xs = []\nxs.iteritems()\n")]
    [InlineData("'abc'.iteritems()\n")]
    [InlineData("class Store:\n    def iteritems(self):\n        pass\ns = Store()\ns.iteritems()\n")]
    [InlineData("import numpy as np\na = np.zeros(3)\na.iteritems()\n")]
    [InlineData("import pandas as pd\ni = pd.Index([1])\ni.iteritems()\n")]
    // The module itself is not a frame.
    [InlineData("import pandas as pd\nf = pd.iteritems\n")]
    // The new spelling, and a different member.
    [InlineData("import pandas as pd\ndf = pd.DataFrame()\ndf.items()\n")]
    [InlineData("import pandas as pd\ndf = pd.DataFrame()\ndf.iterrows()\n")]
    public void Receiver_typed_rule_ShouldNotMatch(string code)
    {
        AssertNoMatch(IteritemsRule, code);
    }
}
