using static ApiMigrator.Tests.Matching.MatchingHarness;

namespace ApiMigrator.Tests.Matching;

/// <summary>
/// syntax rules: a pattern with holes matches the same shape whatever the spelling of its names; literal-kind
/// and receiver-type constraints narrow it. ShouldMatch / ShouldNotMatch rows.
/// </summary>
public class SyntaxMatchingTests
{
    private const string SetDaemon = """
        - id: thread-setDaemon
          kind: syntax
          library: stdlib
          match: $t.setDaemon($v)
          replace: $t.daemon = $v
          where: {t: [threading.Thread]}
        """;

    private const string Optional = """
        - id: typing-Optional
          kind: syntax
          library: stdlib
          match: typing.Optional[$T]
          replace: $T | None
          kinds: {T: '!string'}
        """;

    private const string GetCmap = """
        - id: cm-get_cmap
          kind: syntax
          library: matplotlib
          match: matplotlib.cm.get_cmap($name)
          replace: matplotlib.colormaps[$name]
          kinds: {name: string}
        """;

    [Theory]
    [InlineData("import threading\nt = threading.Thread(target=run)\nt.setDaemon(True)\n", "t.setDaemon(True)")]
    [InlineData("from threading import Thread\nt = Thread()\nt.setDaemon(flag)\n", "t.setDaemon(flag)")]
    [InlineData("import threading\nclass Worker(threading.Thread):\n    pass\nw = Worker()\nw.setDaemon(True)\n", "w.setDaemon(True)")]
    [InlineData("import threading\nclass Worker(threading.Thread):\n    def start_bg(self):\n        self.setDaemon(True)\n", "self.setDaemon(True)")]
    public void Receiver_typed_pattern_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(SetDaemon, code, matched);
    }

    [Theory]
    // Another class's setDaemon, and the module itself.
    [InlineData("class Job:\n    def setDaemon(self, v):\n        pass\nJob().setDaemon(True)\n")]
    [InlineData("import threading\nthreading.setDaemon(True)\n")]
    [InlineData("import multiprocessing\np = multiprocessing.Process()\np.setDaemon(True)\n")]
    // A call of another shape: no argument, two arguments, a keyword argument.
    [InlineData("import threading\nt = threading.Thread()\nt.setDaemon()\n")]
    [InlineData("import threading\nt = threading.Thread()\nt.setDaemon(True, False)\n")]
    [InlineData("import threading\nt = threading.Thread()\nt.setDaemon(daemonic=True)\n")]
    // The method read but not called, and the new spelling.
    [InlineData("import threading\nt = threading.Thread()\nf = t.setDaemon\n")]
    [InlineData("import threading\nt = threading.Thread()\nt.daemon = True\n")]
    public void Receiver_typed_pattern_ShouldNotMatch(string code)
    {
        AssertNoMatch(SetDaemon, code);
    }

    [Theory]
    [InlineData("from typing import Optional\nx: Optional[int] = None\n", "Optional[int]")]
    [InlineData("import typing\ndef f(a: typing.Optional[str]) -> None:\n    pass\n", "typing.Optional[str]")]
    [InlineData("import typing as t\nY = t.Optional[int]\n", "t.Optional[int]")]
    public void Subscript_pattern_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(Optional, code, matched);
    }

    [Theory]
    // A string forward reference is excluded by the hole's kind ('!string').
    [InlineData("from typing import Optional\nx: Optional['Node'] = None\n")]
    // Another module's Optional, a local Optional, an unimported one, and another typing form.
    [InlineData("from mytyping import Optional\nx: Optional[int] = None\n")]
    [InlineData("Optional = dict\nY = Optional[int]\n")]
    [InlineData("Y = Optional[int]\n")]
    [InlineData("from typing import Union\nx: Union[int, None] = None\n")]
    [InlineData("from typing import Optional\nx: int | None = None\n")]
    public void Subscript_pattern_ShouldNotMatch(string code)
    {
        AssertNoMatch(Optional, code);
    }

    [Theory]
    [InlineData("import matplotlib.cm as cm\nc = cm.get_cmap('viridis')\n", "cm.get_cmap('viridis')")]
    [InlineData("from matplotlib import cm\nc = cm.get_cmap(\"viridis\")\n", "cm.get_cmap(\"viridis\")")]
    [InlineData("import matplotlib.cm\nc = matplotlib.cm.get_cmap('viridis')\n", "matplotlib.cm.get_cmap('viridis')")]
    [InlineData("from matplotlib.cm import get_cmap\nc = get_cmap('viridis')\n", "get_cmap('viridis')")]
    public void Literal_kind_pattern_ShouldMatch(string code, string matched)
    {
        AssertSingleMatch(GetCmap, code, matched);
    }

    [Theory]
    // A name (it may hold a Colormap, which colormaps[...] does not take), a second argument, a keyword.
    [InlineData("import matplotlib.cm as cm\nc = cm.get_cmap(name)\n")]
    [InlineData("import matplotlib.cm as cm\nc = cm.get_cmap('viridis', 8)\n")]
    [InlineData("import matplotlib.cm as cm\nc = cm.get_cmap(name='viridis')\n")]
    // Another module's get_cmap.
    [InlineData("import seaborn.cm as cm\nc = cm.get_cmap('viridis')\n")]
    [InlineData("def get_cmap(n):\n    pass\nc = get_cmap('viridis')\n")]
    public void Literal_kind_pattern_ShouldNotMatch(string code)
    {
        AssertNoMatch(GetCmap, code);
    }
}
