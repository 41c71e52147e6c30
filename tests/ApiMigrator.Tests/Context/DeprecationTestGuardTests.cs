using ApiMigrator.Context;
using static ApiMigrator.Tests.Context.GuardTestKit;

namespace ApiMigrator.Tests.Context;

/// <summary>The guards whose reason is "skipped: deprecation test": warning-context, deprecation-mark.</summary>
public class DeprecationTestGuardTests
{
    private const string Imports = "import unittest\nimport warnings\n\nimport numpy as np\nimport pandas._testing as tm\nimport pytest\n\n";

    [Theory]
    [InlineData("pytest.warns(DeprecationWarning)")]
    [InlineData("pytest.warns(DeprecationWarning, match=\"trapz\") as record")]
    [InlineData("pytest.deprecated_call()")]
    [InlineData("pytest.raises(AttributeError)")]
    [InlineData("self.assertWarns(DeprecationWarning)")]
    [InlineData("self.assertWarnsRegex(DeprecationWarning, \"trapz\")")]
    [InlineData("self.assertRaises(AttributeError)")]
    [InlineData("tm.assert_produces_warning(DeprecationWarning)")]
    [InlineData("warnings.catch_warnings()")]
    [InlineData("open(\"log\") as log, pytest.warns(DeprecationWarning)")]
    [InlineData("_check_warning(PANDAS_GT_150, FutureWarning, message=\"iteritems is deprecated\")")]
    [InlineData("expect_deprecated(\"trapz\")")]
    [InlineData("check(np.VisibleDeprecationWarning)")]
    public void Given_old_api_under_a_warning_check_When_analyzed_Then_it_is_a_deprecation_test(string header)
    {
        var a = Analyze(Imports + $"def test_it(self):\n    with {header}:\n        np.trapz([1, 2])\n");

        var region = a.At("np.trapz");
        Assert.NotNull(region);
        Assert.Equal(GuardReason.DeprecationTest, region.Reason);
        Assert.Equal("warning-context", region.Guard);
        Assert.StartsWith("skipped: deprecation test (inside `with ", region.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("np.testing.assert_warns(DeprecationWarning, np.trapz, [1, 2])")]
    [InlineData("self.assertWarns(DeprecationWarning, np.trapz, [1, 2])")]
    [InlineData("pytest.deprecated_call(np.trapz, [1, 2])")]
    public void Given_old_api_passed_to_a_warning_check_When_analyzed_Then_it_is_a_deprecation_test(string call)
    {
        var a = Analyze(Imports + $"def test_it(self):\n    {call}\n");

        Assert.Equal(GuardReason.DeprecationTest, a.At("np.trapz")?.Reason);
    }

    [Theory]
    [InlineData("open(\"log\") as log")]
    [InlineData("raises(ValueError)")]
    [InlineData("contextlib.suppress(KeyError)")]
    [InlineData("assert_no_warnings()")]
    public void Given_a_with_that_checks_no_warning_When_analyzed_Then_the_old_api_is_migrated(string header)
    {
        // `raises` here is the file's own function, not pytest's.
        var a = Analyze(Imports + $"def raises(e):\n    return open(\"x\")\n\n\ndef test_it():\n    with {header}:\n        np.trapz([1, 2])\n");

        Assert.Null(a.At("np.trapz"));
    }

    [Fact]
    public void Given_an_imported_bare_check_When_analyzed_Then_it_counts()
    {
        var a = Analyze("import numpy as np\nfrom pytest import warns\n\n\ndef test_it():\n    with warns(DeprecationWarning):\n        np.trapz([1, 2])\n");

        Assert.Equal("warning-context", a.At("np.trapz")?.Guard);
    }

    [Theory]
    [InlineData("@pytest.mark.filterwarnings(\"ignore::DeprecationWarning\")")]
    [InlineData("@pytest.mark.filterwarnings(\"ignore:`trapz` is deprecated\")")]
    [InlineData("@ignore_warnings(category=FutureWarning)")]
    [InlineData("@pytest.mark.skipif(not NUMPY_LT_1_24, reason=\"np.msort is deprecated\")")]
    public void Given_a_test_marked_for_a_deprecation_When_analyzed_Then_it_is_a_deprecation_test(string mark)
    {
        var a = Analyze(Imports + $"{mark}\ndef test_it():\n    np.trapz([1, 2])\n\n\ndef test_other():\n    np.trapz([1, 2])\n");

        var region = a.At("np.trapz", 0);
        Assert.NotNull(region);
        Assert.Equal("deprecation-mark", region.Guard);
        Assert.Null(a.At("np.trapz", 1));
    }

    [Fact]
    public void Given_a_mark_that_names_no_deprecation_When_analyzed_Then_the_test_is_migrated()
    {
        var a = Analyze(Imports + "@pytest.mark.filterwarnings(\"ignore::ResourceWarning\")\ndef test_it():\n    np.trapz([1, 2])\n");

        Assert.Null(a.At("np.trapz"));
    }

    [Fact]
    public void Given_a_module_pytestmark_naming_a_deprecation_When_analyzed_Then_the_whole_module_is_a_deprecation_test()
    {
        var a = Analyze(Imports + "pytestmark = pytest.mark.filterwarnings(\"ignore::DeprecationWarning\")\n\n\ndef test_it():\n    np.trapz([1, 2])\n");

        Assert.Equal("deprecation-mark", a.At("np.trapz")?.Guard);
    }

    [Fact]
    public void Given_a_class_pytestmark_When_analyzed_Then_only_the_class_is_a_deprecation_test()
    {
        var a = Analyze(Imports + "class TestOld:\n    pytestmark = [pytest.mark.filterwarnings(\"ignore::FutureWarning\")]\n\n    def test_it(self):\n        np.trapz([1, 2])\n\n\nx = np.trapz([1, 2])\n");

        Assert.NotNull(a.At("np.trapz", 0));
        Assert.Null(a.At("np.trapz", 1));
    }
}
