using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Tests.Rewriting;

public class ImportEditorTests
{
    private static string Add(string code, ImportRequest req, bool join = false)
    {
        var src = SourceText.From(code);
        var scope = ModuleScope.Build(PythonParser.Parse(src));
        var r = ImportEditor.Add(scope, req, joinExisting: join);
        Assert.True(r.Ok, r.Problem);
        var output = r.Edit is null ? code : SourceEdits.Apply(src, [r.Edit]).Text;
        Assert.False(PythonParser.Parse(output).HasErrors);
        return output;
    }

    [Fact]
    public void Joins_an_existing_from_import_of_the_same_module_when_asked()
        => Assert.Equal("from numpy.exceptions import ComplexWarning, AxisError\nx = 1\n",
            Add("from numpy.exceptions import ComplexWarning\nx = 1\n", new ImportRequest("numpy.exceptions", "AxisError"), join: true));

    [Fact]
    public void By_default_a_new_name_gets_its_own_line_after_its_module()
        => Assert.Equal("from numpy.exceptions import ComplexWarning\nfrom numpy.exceptions import AxisError\nx = 1\n",
            Add("from numpy.exceptions import ComplexWarning\nx = 1\n", new ImportRequest("numpy.exceptions", "AxisError")));

    [Fact]
    public void A_submodule_import_is_added_beside_its_package()
        => Assert.Equal("import collections\nimport collections.abc\nx = collections.abc.Mapping\n",
            Add("import collections\nx = collections.abc.Mapping\n", new ImportRequest("collections.abc")));

    [Fact]
    public void Adds_a_line_after_the_imports_of_the_same_package_keeping_trailing_comments()
        => Assert.Equal("import os\nimport numpy as np  # numeric\nfrom numpy.exceptions import AxisError\nimport sys\n\nx = 1\n",
            Add("import os\nimport numpy as np  # numeric\nimport sys\n\nx = 1\n", new ImportRequest("numpy.exceptions", "AxisError")));

    [Fact]
    public void Keeps_crlf_line_endings()
        => Assert.Equal("import os\r\nimport pandas as pd\r\nx = 1\r\n", Add("import os\r\nx = 1\r\n", new ImportRequest("pandas", null, "pd")));

    [Fact]
    public void Goes_after_the_docstring_when_there_are_no_imports()
        => Assert.Equal("\"\"\"Doc.\"\"\"\nimport pandas as pd\nx = 1\n", Add("\"\"\"Doc.\"\"\"\nx = 1\n", new ImportRequest("pandas", null, "pd")));

    [Fact]
    public void Goes_below_header_comments_when_there_is_nothing_else()
        => Assert.Equal("#!/usr/bin/env python\n# header\nimport pandas as pd\nx = 1\n", Add("#!/usr/bin/env python\n# header\nx = 1\n", new ImportRequest("pandas", null, "pd")));

    [Fact]
    public void Reuses_an_identical_import()
        => Assert.Equal("import pandas as pd\n", Add("import pandas as pd\n", new ImportRequest("pandas", null, "pd")));

    [Fact]
    public void Refuses_when_the_name_is_taken()
    {
        var scope = ModuleScope.Build(PythonParser.Parse("pd = 3\n"));
        var r = ImportEditor.Add(scope, new ImportRequest("pandas", null, "pd"));
        Assert.False(r.Ok);
        Assert.Null(r.Edit);
    }

    [Theory]
    [InlineData("import os\nimport numpy as np\nx = 1\n", "np", "import os\nx = 1\n")]
    [InlineData("from a import b, c\nb()\n", "c", "from a import b\nb()\n")]
    [InlineData("from a import b, c\nc()\n", "b", "from a import c\nc()\n")]
    [InlineData("try:\n    import numpy as np\nexcept ImportError:\n    pass\n", "np", "try:\n    pass\nexcept ImportError:\n    pass\n")]
    [InlineData("import numpy as np; x = 1\n", "np", "x = 1\n")]
    public void Removes_an_import_and_only_it(string code, string name, string expected)
    {
        var src = SourceText.From(code);
        var scope = ModuleScope.Build(PythonParser.Parse(src));
        var binding = scope.Imports.Single(i => i.LocalName == name);
        Assert.False(ImportEditor.IsUsed(scope, binding));
        var output = SourceEdits.Apply(src, [ImportEditor.Remove(scope, binding)]).Text;
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("import numpy as np\nx = np.zeros(3)\n", "np")]
    [InlineData("from numpy import zeros\n__all__ = ['zeros']\n", "zeros")]
    [InlineData("import numpy as np\ndef f():\n    return np\n", "np")]
    public void Used_imports_are_reported_used(string code, string name)
    {
        var scope = ModuleScope.Build(PythonParser.Parse(code));
        Assert.True(ImportEditor.IsUsed(scope, scope.Imports.Single(i => i.LocalName == name)));
    }

    [Fact]
    public void An_import_shadowed_everywhere_it_is_read_is_unused()
    {
        var scope = ModuleScope.Build(PythonParser.Parse("import numpy as np\ndef f(np):\n    return np\n"));
        Assert.False(ImportEditor.IsUsed(scope, scope.Imports.Single()));
    }
}
