using static ApiMigrator.Tests.Matching.MatchingHarness;

namespace ApiMigrator.Tests.Matching;

/// <summary>
/// parameter rules: keyword ops (rename, remove, map_value) match a call only where an op would change
/// it; a template rule matches the call shape its pattern names. ShouldMatch / ShouldNotMatch rows.
/// </summary>
public class ParameterMatchingTests
{
    private const string RenameOp = """
        - id: to_csv-line_terminator
          kind: parameter
          library: pandas
          match: $df.to_csv
          where: {df: [pandas.DataFrame, pandas.Series]}
          ops:
          - {op: rename, keyword: line_terminator, to: lineterminator}
        """;

    private const string RemoveOp = """
        - id: asyncio-sleep-loop
          kind: parameter
          library: stdlib
          match: asyncio.sleep
          ops:
          - {op: remove, keyword: loop}
        """;

    private const string MapValueOp = """
        - id: freq-H
          kind: parameter
          library: pandas
          match: $f
          where: {f: [pandas]}
          ops:
          - {op: map_value, keyword: freq, from: '"H"', to: '"h"'}
        """;

    private const string Template = """
        - id: append
          kind: parameter
          library: pandas
          match: $df.append($other, $*rest)
          replace: pandas.concat([$df, $other], $*rest)
          where: {df: [pandas.DataFrame, pandas.Series], other: [pandas.DataFrame, pandas.Series]}
        """;

    private const string Frame = "import pandas as pd\ndf = pd.DataFrame()\n";

    [Theory]
    [InlineData(Frame + "df.to_csv('a.csv', line_terminator='\\n')\n", "df.to_csv('a.csv', line_terminator='\\n')")]
    [InlineData(Frame + "df.to_csv('a.csv', index=False, line_terminator='\\n', sep=';')\n", "df.to_csv('a.csv', index=False, line_terminator='\\n', sep=';')")]
    [InlineData("import pandas as pd\ndef f(s: pd.Series):\n    s.to_csv(line_terminator='\\n')\n", "s.to_csv(line_terminator='\\n')")]
    public void Keyword_rename_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(RenameOp, code, matched);
    }

    [Theory]
    // The keyword is not there, is already the new one, or both are there (a rename would duplicate it).
    [InlineData(Frame + "df.to_csv('a.csv')\n")]
    [InlineData(Frame + "df.to_csv('a.csv', lineterminator='\\n')\n")]
    [InlineData(Frame + "df.to_csv('a.csv', line_terminator='\\n', lineterminator='\\n')\n")]
    // The keyword belongs to an inner call, or hides in **kwargs.
    [InlineData(Frame + "df.to_csv(path(line_terminator='\\n'))\n")]
    [InlineData(Frame + "df.to_csv('a.csv', **{'line_terminator': '\\n'})\n")]
    // Another receiver's to_csv, and the method named without a call.
    [InlineData("class Writer:\n    def to_csv(self, **kw):\n        pass\nWriter().to_csv('a.csv', line_terminator='\\n')\n")]
    [InlineData("import numpy as np\na = np.zeros(3)\na.to_csv('a.csv', line_terminator='\\n')\n")]
    [InlineData(Frame + "write = df.to_csv\n")]
    public void Keyword_rename_ShouldNotMatch(string code)
    {
        AssertNoMatch(RenameOp, code);
    }

    [Theory]
    [InlineData("import asyncio\nasync def f(loop):\n    await asyncio.sleep(1, loop=loop)\n", "asyncio.sleep(1, loop=loop)")]
    [InlineData("from asyncio import sleep\nasync def f(loop):\n    await sleep(1, loop=loop)\n", "sleep(1, loop=loop)")]
    [InlineData("import asyncio as aio\nasync def f():\n    await aio.sleep(0, loop=None)\n", "aio.sleep(0, loop=None)")]
    public void Keyword_remove_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(RemoveOp, code, matched);
    }

    [Theory]
    [InlineData("import asyncio\nasync def f():\n    await asyncio.sleep(1)\n")]
    [InlineData("import trio\nasync def f(loop):\n    await trio.sleep(1, loop=loop)\n")]
    [InlineData("import time\ntime.sleep(1, loop=None)\n")]
    [InlineData("def sleep(t, loop=None):\n    pass\nsleep(1, loop=None)\n")]
    [InlineData("from asyncio import sleep\ndef f(sleep):\n    sleep(1, loop=None)\n")]
    [InlineData("import asyncio\nnap = asyncio.sleep\n")]
    [InlineData("import asyncio\nasync def f(kw):\n    await asyncio.sleep(1, **kw)\n")]
    public void Keyword_remove_ShouldNotMatch(string code)
    {
        AssertNoMatch(RemoveOp, code);
    }

    [Theory]
    [InlineData("import pandas as pd\nr = pd.date_range('2020-01-01', periods=3, freq='H')\n", "pd.date_range('2020-01-01', periods=3, freq='H')")]
    [InlineData("import pandas as pd\nr = pd.date_range('2020-01-01', periods=3, freq=\"H\")\n", "pd.date_range('2020-01-01', periods=3, freq=\"H\")")]
    [InlineData("from pandas import date_range\nr = date_range('2020-01-01', periods=3, freq='H')\n", "date_range('2020-01-01', periods=3, freq='H')")]
    public void Keyword_map_value_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(MapValueOp, code, matched);
    }

    [Theory]
    // Another value, the new value, no such keyword.
    [InlineData("import pandas as pd\nr = pd.date_range('2020-01-01', periods=3, freq='D')\n")]
    [InlineData("import pandas as pd\nr = pd.date_range('2020-01-01', periods=3, freq='h')\n")]
    [InlineData("import pandas as pd\nr = pd.date_range('2020-01-01', periods=3)\n")]
    // A value that is not the literal, and callees from elsewhere.
    [InlineData("import pandas as pd\nH = 'H'\nr = pd.date_range('2020-01-01', periods=3, freq=H)\n")]
    [InlineData("import pandas as pd\nd = dict(freq='H')\n")]
    [InlineData("import polars as pl\nr = pl.date_range(freq='H')\n")]
    public void Keyword_map_value_ShouldNotMatch(string code)
    {
        AssertNoMatch(MapValueOp, code);
    }

    [Theory]
    [InlineData("import pandas as pd\na = pd.DataFrame()\nb = pd.DataFrame()\nc = a.append(b)\n", "a.append(b)")]
    [InlineData("import pandas as pd\na = pd.DataFrame()\nb = pd.Series([1])\nc = a.append(b, ignore_index=True)\n", "a.append(b, ignore_index=True)")]
    public void Call_template_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(Template, code, matched);
    }

    [Theory]
    // A list's append, an Index's append, a dict appended (pandas.concat takes none).
    [InlineData("xs = []\nxs.append(1)\n")]
    [InlineData("import pandas as pd\ni = pd.Index([1])\nj = i.append(pd.Index([2]))\n")]
    [InlineData("import pandas as pd\na = pd.DataFrame()\nc = a.append({'x': 1}, ignore_index=True)\n")]
    // No argument for $other, or one unpacked from a list: the shape does not fit.
    [InlineData("import pandas as pd\na = pd.DataFrame()\nc = a.append()\n")]
    [InlineData("import pandas as pd\na = pd.DataFrame()\nc = a.append(*others)\n")]
    public void Call_template_ShouldNotMatch(string code)
    {
        AssertNoMatch(Template, code);
    }
}
