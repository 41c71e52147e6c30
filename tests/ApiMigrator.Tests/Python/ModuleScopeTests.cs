using ApiMigrator.Python;

namespace ApiMigrator.Tests.Python;

public class ModuleScopeTests
{
    /// <summary>Resolves the expression whose text is <paramref name="expr"/> at its <paramref name="occurrence"/>-th appearance (0-based).</summary>
    private static Resolution Resolve(string code, string expr, int occurrence = 0)
    {
        var tree = PythonParser.Parse(code);
        Assert.False(tree.HasErrors, "test snippet must parse");
        var scope = ModuleScope.Build(tree);
        var node = tree.AllNodes()
            .Where(n => n.Kind is "identifier" or "attribute" && n.Text == expr && ModuleScope.IsReference(n) || n.Kind == "attribute" && n.Text == expr)
            .Distinct().ElementAt(occurrence);
        return scope.Resolve(node);
    }

    [Theory]
    [InlineData("import numpy as np\nx = np.float_\n", "np.float_", "numpy.float_")]
    [InlineData("import numpy\nx = numpy.float_\n", "numpy.float_", "numpy.float_")]
    [InlineData("from numpy import float_ as f\nx = f\n", "f", "numpy.float_")]
    [InlineData("from numpy import float_\nx = float_(1)\n", "float_", "numpy.float_")]
    [InlineData("import numpy as np\nx = np.random.rand\n", "np.random.rand", "numpy.random.rand")]
    [InlineData("from tensorflow.compat import v1 as tf\ns = tf.Session\n", "tf.Session", "tensorflow.compat.v1.Session")]
    [InlineData("import os.path\np = os.path.join\n", "os.path.join", "os.path.join")]
    [InlineData("import xml.etree.ElementTree as ET\nET.parse\n", "ET.parse", "xml.etree.ElementTree.parse")]
    [InlineData("def f():\n    import numpy as np\n    return np.float_\n", "np.float_", "numpy.float_")]
    [InlineData("try:\n    import numpy as np\nexcept ImportError:\n    raise\nnp.float_\n", "np.float_", "numpy.float_")]
    [InlineData("if X:\n    import numpy as np\nelse:\n    import numpy as np\nnp.int_\n", "np.int_", "numpy.int_")]
    [InlineData("import numpy as np\nclass C:\n    np = 1\n    def f(self):\n        return np.float_\n", "np.float_", "numpy.float_")]
    [InlineData("import numpy as np\ndef f(x=np.float_):\n    np = 2\n", "np.float_", "numpy.float_")]
    [InlineData("import numpy as np\nys = [np.float_ for np2 in range(3)]\n", "np.float_", "numpy.float_")]
    [InlineData("import pandas as pd\nf = lambda d: pd.concat(d)\n", "pd.concat", "pandas.concat")]
    public void Imported_names_resolve_to_qualified_names(string code, string expr, string qualified)
    {
        var r = Resolve(code, expr);
        Assert.Equal(ResolutionKind.Imported, r.Kind);
        Assert.Equal(qualified, r.QualifiedName);
    }

    [Theory]
    [InlineData("import numpy as np\ndef f(np):\n    return np.float_\n", "np.float_", ResolutionKind.Local)]
    [InlineData("import numpy as np\ndef f():\n    np = load()\n    return np.float_\n", "np.float_", ResolutionKind.Local)]
    [InlineData("import numpy as np\ndef f():\n    x = np.float_\n    np = 3\n", "np.float_", ResolutionKind.Local)]
    [InlineData("import numpy as np\nclass C:\n    np = other\n    x = np.float_\n", "np.float_", ResolutionKind.Local)]
    [InlineData("import numpy as np\nf = lambda np: np.float_\n", "np.float_", ResolutionKind.Local)]
    [InlineData("import numpy as np\nys = [np.float_ for np in range(3)]\n", "np.float_", ResolutionKind.Local)]
    [InlineData("import numpy as np\nfor np in items:\n    np.float_\n", "np.float_", ResolutionKind.Unknown)]
    [InlineData("import numpy as np\nwith open(p) as np:\n    np.read\n", "np.read", ResolutionKind.Unknown)]
    [InlineData("from numpy import *\nx = float_\n", "float_", ResolutionKind.Unknown)]
    [InlineData("try:\n    import simplejson as json\nexcept ImportError:\n    import json\njson.loads\n", "json.loads", ResolutionKind.Unknown)]
    [InlineData("try:\n    import numpy as np\nexcept ImportError:\n    np = None\nnp.float_\n", "np.float_", ResolutionKind.Unknown)]
    [InlineData("x = np.float_\n", "np.float_", ResolutionKind.Unbound)]
    [InlineData("x = len\n", "len", ResolutionKind.Builtin)]
    [InlineData("from . import np\nx = np.float_\n", "np.float_", ResolutionKind.Imported)]
    public void Shadowed_star_and_conditional_names_do_not_resolve_to_the_library(string code, string expr, ResolutionKind kind)
    {
        var r = Resolve(code, expr);
        Assert.Equal(kind, r.Kind);
        Assert.False(r.QualifiedName?.StartsWith("numpy", StringComparison.Ordinal) ?? false, $"must not resolve to numpy: {r.QualifiedName}");
    }

    [Fact]
    public void Relative_imports_keep_their_dots()
    {
        var r = Resolve("from ..utils import helper as h\nh()\n", "h");
        Assert.Equal(".." + "utils.helper", r.QualifiedName);
        Assert.True(r.Import!.IsRelative);
    }

    [Fact]
    public void Global_declaration_sends_lookup_to_module()
    {
        var r = Resolve("import numpy as np\ndef f():\n    global np\n    np = reload()\n    return np.float_\n", "np.float_");
        // `np` is bound at module level by the import and by the global assignment in f: not provably numpy.
        Assert.Equal(ResolutionKind.Unknown, r.Kind);
    }

    [Fact]
    public void Walrus_in_comprehension_binds_in_enclosing_function()
    {
        var r = Resolve("import numpy as np\ndef f(xs):\n    ys = [(np := x) for x in xs]\n    return np.float_\n", "np.float_");
        Assert.Equal(ResolutionKind.Local, r.Kind);
    }

    [Fact]
    public void All_import_forms_are_recorded()
    {
        var tree = PythonParser.Parse("from __future__ import annotations\nimport numpy as np, os.path\nfrom a.b import (c as d, e)\nfrom . import x\nfrom ..m import *\ndef f():\n    import json\n");
        var scope = ModuleScope.Build(tree);
        var got = scope.Imports.Select(i => $"{i.Form}:{i.LocalName}={i.QualifiedName}").ToList();
        Assert.Equal(
        [
            "Future:annotations=__future__.annotations", "ImportAs:np=numpy", "Import:os=os", "FromAs:d=a.b.c", "From:e=a.b.e",
            "From:x=.x", "Star:*=..m.*", "Import:json=json",
        ], got);
        Assert.True(scope.HasStarImport);
        Assert.True(scope.ImportsPackage("numpy"));
        Assert.False(scope.ImportsPackage("num"));
        Assert.Equal("os.path", scope.Imports.Single(i => i.LocalName == "os").Module);
    }

    [Fact]
    public void Conditional_imports_are_marked()
    {
        var scope = ModuleScope.Build(PythonParser.Parse("try:\n    import ujson as json\nexcept ImportError:\n    import json\nimport os\n"));
        Assert.Equal([true, true, false], scope.Imports.Select(i => i.IsConditional));
    }
}
