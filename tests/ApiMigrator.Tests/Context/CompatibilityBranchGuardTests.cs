using ApiMigrator.Context;
using static ApiMigrator.Tests.Context.GuardTestKit;

namespace ApiMigrator.Tests.Context;

/// <summary>The guards whose reason is "skipped: compatibility branch": import-fallback, hasattr-branch, version-branch.</summary>
public class CompatibilityBranchGuardTests
{
    [Theory]
    [InlineData("ImportError")]
    [InlineData("ModuleNotFoundError")]
    [InlineData("(ImportError, AttributeError)")]
    [InlineData("AttributeError as e")]
    public void Given_old_api_in_an_import_or_attribute_fallback_When_analyzed_Then_it_is_a_compatibility_branch(string caught)
    {
        var a = Analyze($"import numpy as np\n\ntry:\n    f = np.trapezoid\nexcept {caught}:\n    f = np.trapz\n");

        var region = a.At("np.trapz");
        Assert.NotNull(region);
        Assert.Equal(GuardReason.CompatibilityBranch, region.Reason);
        Assert.Equal("import-fallback", region.Guard);
        Assert.StartsWith("skipped: compatibility branch (fallback of `except ", region.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_handler_for_another_error_When_analyzed_Then_it_is_migrated()
    {
        var a = Analyze("import numpy as np\n\ntry:\n    f = compute()\nexcept ValueError:\n    f = np.trapz([1])\n");

        Assert.Null(a.At("np.trapz"));
    }

    [Theory]
    [InlineData("result = compute_fast()")]
    [InlineData("import fastcluster")]
    public void Given_an_import_error_handler_that_is_no_fallback_for_the_rules_library_When_analyzed_Then_it_is_migrated(string tried)
    {
        // An optional dependency missing (or another library's fallback) is no second spelling of numpy's API.
        var a = Analyze($"import numpy as np\n\ntry:\n    {tried}\nexcept ImportError:\n    f = np.trapz([1])\n");

        Assert.Null(a.At("np.trapz"));
    }

    [Fact]
    public void Given_a_stdlib_shim_whose_fallback_is_the_old_module_When_analyzed_Then_the_fallback_is_left_alone()
    {
        // The try body imports the replacement's module (importlib), the fallback the old one (imp).
        var a = Analyze("try:\n    from importlib import reload\nexcept ImportError:\n    from imp import reload\n");

        Assert.Equal("import-fallback", a.AtImport("reload")?.Guard);
    }

    [Fact]
    public void Given_a_try_body_whose_fallback_uses_the_old_name_When_analyzed_Then_the_try_body_is_left_alone_too()
    {
        var a = Analyze("import pandas as pd\n\ntry:\n    flat = pd.io.json.json_normalize\nexcept AttributeError:\n    flat = pd.io.json.json_normalize\n\nother = pd.io.json.json_normalize\n");

        Assert.Equal("import-fallback", a.At("pd.io.json.json_normalize", 0)?.Guard);
        Assert.Equal("import-fallback", a.At("pd.io.json.json_normalize", 1)?.Guard);
        Assert.Null(a.At("pd.io.json.json_normalize", 2));
    }

    [Fact]
    public void Given_a_try_body_with_the_old_name_and_a_fallback_binding_the_same_name_When_analyzed_Then_both_are_left_alone()
    {
        var a = Analyze("try:\n    from numpy import trapz\nexcept ImportError:\n    from numpy import trapezoid as trapz\n");

        Assert.Equal("import-fallback", a.AtImport("trapz")?.Guard);
    }

    [Fact]
    public void Given_a_try_body_whose_handler_binds_other_names_When_analyzed_Then_the_try_body_is_migrated()
    {
        var a = Analyze("import numpy as np\n\ntry:\n    import scipy\n    area = np.trapz([1])\nexcept ImportError:\n    scipy = None\n");

        Assert.Null(a.At("np.trapz"));
    }

    [Theory]
    [InlineData("if hasattr(np, \"trapezoid\"):\n    f = np.trapezoid\nelse:\n    f = np.trapz\n")]
    [InlineData("if not hasattr(np, \"trapezoid\"):\n    f = np.trapz\n")]
    [InlineData("if x:\n    pass\nelif hasattr(numpy, \"trapezoid\"):\n    pass\nelse:\n    f = np.trapz\n")]
    [InlineData("f = np.trapezoid if hasattr(np, \"trapezoid\") else np.trapz\n")]
    [InlineData("f = getattr(np, \"trapezoid\", None) or np.trapz\n")]
    [InlineData("if hasattr(frame, \"trapz\"):\n    f = np.trapz\n")]
    public void Given_old_api_in_a_hasattr_choice_When_analyzed_Then_it_is_a_compatibility_branch(string code)
    {
        var a = Analyze("import numpy\nimport numpy as np\n\n" + code);

        Assert.Equal("hasattr-branch", a.At("np.trapz")?.Guard);
    }

    [Theory]
    [InlineData("if hasattr(config, \"verbose\"):\n    f = np.trapz\n")]
    [InlineData("import pandas as pd\nif hasattr(pd, \"json_normalize\"):\n    f = np.trapz\n")]
    [InlineData("if hasattr(np, \"trapezoid\"):\n    pass\nf = np.trapz\n")]
    public void Given_a_hasattr_about_something_else_When_analyzed_Then_the_old_api_is_migrated(string code)
    {
        var a = Analyze("import numpy as np\n\n" + code);

        Assert.Null(a.At("np.trapz"));
    }

    [Theory]
    [InlineData("np.__version__ >= \"2\"")]
    [InlineData("np.__version__.startswith(\"1.\")")]
    [InlineData("NumpyVersion(np.__version__) < \"2.0.0\"")]
    [InlineData("Version(np.__version__) < Version(\"2.0\")")]
    [InlineData("parse_version(np.__version__) < parse_version(\"2\")")]
    [InlineData("LooseVersion(np.__version__) < \"2\"")]
    [InlineData("version.parse(np.__version__).major < 2")]
    [InlineData("minversion(\"numpy\", \"2.0\")")]
    [InlineData("sys.version_info < (3, 9)")]
    [InlineData("NUMPY_LT_2_0")]
    [InlineData("compat.NUMPY_LT_2_0")]
    [InlineData("_np_version_under1p20")]
    [InlineData("not NP_GE_2")]
    [InlineData("NP_VERSION < (2, 0)")]
    [InlineData("IS_PY3")]
    [InlineData("PY2 or x")]
    public void Given_old_api_in_a_version_branch_When_analyzed_Then_it_is_a_compatibility_branch(string condition)
    {
        var a = Analyze($"import sys\nimport numpy as np\n\nif {condition}:\n    f = np.trapz\nelse:\n    f = np.trapezoid\n\ng = np.trapezoid if {condition} else np.trapz\n");

        Assert.Equal("version-branch", a.At("np.trapz", 0)?.Guard);
        Assert.Equal("version-branch", a.At("np.trapz", 1)?.Guard);
        Assert.Equal(GuardReason.CompatibilityBranch, a.At("np.trapz", 0)?.Reason);
    }

    [Theory]
    [InlineData("x > 2")]
    [InlineData("args.version")]
    [InlineData("VERSION_TEXT")]
    [InlineData("self.version >= 3")]
    [InlineData("minor_version > VERSION[1]")]
    [InlineData("pd.__version__ >= \"2\"")]
    [InlineData("PANDAS_GE_20")]
    [InlineData("Version(\"2.0\") > Version(\"1.0\") and PD_LT_2")]
    public void Given_a_condition_that_is_no_numpy_version_test_When_analyzed_Then_numpy_code_is_migrated(string condition)
    {
        var a = Analyze($"import numpy as np\nimport pandas as pd\n\nif {condition}:\n    f = np.trapz\n");

        Assert.Null(a.At("np.trapz"));
    }

    [Fact]
    public void Given_an_early_return_on_a_version_When_analyzed_Then_the_rest_of_the_block_is_the_other_branch()
    {
        var a = Analyze("import numpy as np\n\n\ndef area(y):\n    if NUMPY_LT_2_0:\n        return np.trapz(y)\n    return np.trapz(y)\n\n\nz = np.trapz([1])\n");

        Assert.NotNull(a.At("np.trapz", 0));
        Assert.NotNull(a.At("np.trapz", 1));
        Assert.Null(a.At("np.trapz", 2));
    }

    [Fact]
    public void Given_a_module_level_version_requirement_that_raises_When_analyzed_Then_the_rest_of_the_module_is_migrated()
    {
        var a = Analyze("import sys\nimport numpy as np\n\nif sys.version_info < (3, 9):\n    raise RuntimeError(\"needs 3.9\")\n\nz = np.trapz([1])\n");

        Assert.Null(a.At("np.trapz"));
    }
}
