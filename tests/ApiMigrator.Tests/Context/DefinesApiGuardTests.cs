using ApiMigrator.Context;
using static ApiMigrator.Tests.Context.GuardTestKit;

namespace ApiMigrator.Tests.Context;

/// <summary>The guards whose reason is "skipped: defines the API": library-package, defining-class, reexport.</summary>
public class DefinesApiGuardTests
{
    private const string PandasInternals = "from pandas.core import common\nimport numpy as np\n\n\nclass NDFrame:\n    def pad(self, df):\n        return np.trapz(df)\n";

    [Theory]
    [InlineData("/src/pandas/pandas/core/generic.py")]
    [InlineData("/usr/lib/python3/dist-packages/numpy/lib/helpers.py")]
    [InlineData("C:\\work\\numpy\\numpy\\__init__.py")]
    public void Given_a_file_inside_the_library_package_When_analyzed_Then_the_librarys_rules_are_held_back(string path)
    {
        // Given: a numpy rule in numpy's own package, or in pandas' (the pandas file is not numpy's code)
        var code = path.Contains("pandas", StringComparison.Ordinal) ? PandasInternals.Replace("np.trapz(df)", "pd.io.json.json_normalize(df)", StringComparison.Ordinal).Replace("import numpy as np", "import pandas as pd", StringComparison.Ordinal)
            : "from . import _core\nimport numpy as np\n\nx = np.trapz([1])\n";

        // When
        var a = Analyze(code, path);

        // Then
        var region = a.At(path.Contains("pandas", StringComparison.Ordinal) ? "pd.io.json.json_normalize" : "np.trapz");
        Assert.NotNull(region);
        Assert.Equal(GuardReason.DefinesApi, region.Reason);
        Assert.Equal("library-package", region.Guard);
        Assert.StartsWith("skipped: defines the API (module ", region.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_another_librarys_package_When_analyzed_Then_its_numpy_code_is_migrated()
    {
        var a = Analyze(PandasInternals, "/src/pandas/pandas/core/generic.py");

        Assert.Null(a.At("np.trapz"));
    }

    [Fact]
    public void Given_a_user_folder_named_like_the_library_with_no_package_code_When_analyzed_Then_nothing_is_held_back()
    {
        var a = Analyze("import numpy as np\n\nx = np.trapz([1])\n", "/home/me/numpy/scripts/plot.py");

        Assert.Null(a.At("np.trapz"));
    }

    [Fact]
    public void Given_self_attribute_of_a_class_that_defines_it_When_analyzed_Then_it_is_the_classs_own()
    {
        var a = Analyze("import pandas as pd\n\nclass Table(pd.DataFrame):\n    def iteritems(self):\n        return iter([])\n\n    def pairs(self):\n        frame = pd.DataFrame()\n        return list(self.iteritems()), list(frame.iteritems())\n");

        var own = a.At("self.iteritems");
        Assert.NotNull(own);
        Assert.Equal("defining-class", own.Guard);
        Assert.Equal(GuardReason.DefinesApi, own.Reason);
        Assert.Null(a.At("frame.iteritems"));
    }

    [Fact]
    public void Given_a_method_named_like_the_replacement_When_analyzed_Then_its_body_is_not_rewritten_to_call_itself()
    {
        var a = Analyze("import pandas as pd\n\nclass Frame(pd.DataFrame):\n    def ffill(self):\n        return self.fillna(method=\"ffill\")\n\n    def fill(self):\n        return self.fillna(method=\"ffill\")\n");

        var inside = a.At("self.fillna(method=\"ffill\")", 0);
        Assert.NotNull(inside);
        Assert.Contains("Frame.ffill", inside.Detail, StringComparison.Ordinal);
        Assert.Null(a.At("self.fillna(method=\"ffill\")", 1));
    }

    [Fact]
    public void Given_a_method_named_like_the_replacement_calling_it_on_another_object_When_analyzed_Then_it_is_migrated()
    {
        var a = Analyze("import pandas as pd\n\nclass Frame(pd.DataFrame):\n    def ffill(self):\n        return pd.read_csv(\"x.csv\").fillna(method=\"ffill\")\n");

        Assert.Null(a.At("pd.read_csv(\"x.csv\").fillna(method=\"ffill\")"));
    }

    [Theory]
    [InlineData("__all__ = [\"trapz\", \"area\"]")]
    [InlineData("__all__ = (\"area\",)\n__all__ += [\"trapz\"]")]
    [InlineData("__all__ = []\n__all__.extend([\"trapz\"])")]
    public void Given_a_name_re_exported_in_all_When_analyzed_Then_its_import_is_left_alone(string all)
    {
        var a = Analyze($"from numpy import trapz\n\n{all}\n");

        var region = a.AtImport("trapz");
        Assert.NotNull(region);
        Assert.Equal("reexport", region.Guard);
    }

    [Fact]
    public void Given_an_import_not_listed_in_all_When_analyzed_Then_it_is_migrated()
    {
        var a = Analyze("from numpy import trapz\n\n__all__ = [\"area\"]\n");

        Assert.Null(a.AtImport("trapz"));
    }
}
