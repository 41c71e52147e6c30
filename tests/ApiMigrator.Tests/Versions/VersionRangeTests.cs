using ApiMigrator.Versions;

namespace ApiMigrator.Tests.Versions;

public class VersionRangeTests
{
    private static ReleaseVersion V(string s) => ReleaseVersion.TryParse(s)!;

    private static VersionRange R(string s) => VersionRange.TryParse(s, out var e) ?? throw new InvalidOperationException(e);

    [Theory]
    [InlineData("2.0", "2.0.0", 0)]
    [InlineData("1.22", "2.0", -1)]
    [InlineData("3.10", "3.9", 1)]
    [InlineData("2.0rc1", "2.0", 0)]
    [InlineData("v1.5.3", "1.5.2", 1)]
    public void Given_two_release_numbers_When_compared_Then_components_compare_numerically(string a, string b, int sign)
        => Assert.Equal(sign, Math.Sign(V(a).CompareTo(V(b))));

    [Fact]
    public void Given_a_pin_to_one_minor_series_When_asked_about_the_next_minor_Then_it_is_not_reached()
    {
        var pin = R(">=2.0,<2.1");

        Assert.False(pin.ReachesAtLeast(V("2.1")));
        Assert.True(pin.ReachesAtLeast(V("2.0")));
        Assert.True(pin.AllAtLeast(V("2.0")));
        Assert.Equal(">=2.0, <2.1", pin.ToString());
    }

    [Fact]
    public void Given_an_open_lower_bound_When_a_replacement_is_newer_Then_not_every_allowed_version_has_it()
    {
        var range = R("numpy>=1.22".Replace("numpy", "", StringComparison.Ordinal));

        Assert.True(range.ReachesAtLeast(V("2.0")));
        Assert.False(range.AllAtLeast(V("2.0")));
        Assert.True(range.AllAtLeast(V("1.0")));
    }

    [Theory]
    [InlineData("~=1.22", ">=1.22, <2")]
    [InlineData("~=1.22.3", ">=1.22.3, <1.23")]
    [InlineData("==2.0.*", ">=2.0, <2.1")]
    [InlineData("2.0", ">=2.0, <2.1")]
    [InlineData("==1.5.3", "==1.5.3")]
    [InlineData(">1.5, !=1.6, <=2.2", ">1.5, <=2.2")]
    [InlineData("", "any version")]
    public void Given_a_specifier_set_When_parsed_Then_its_bounds_follow_PEP_440(string spec, string expected)
        => Assert.Equal(expected, R(spec).ToString());

    [Theory]
    [InlineData(">=2.1,<2.0")]
    [InlineData("=>2.0")]
    [InlineData(">=abc")]
    public void Given_a_bad_or_empty_specifier_When_parsed_Then_it_is_an_error(string spec)
    {
        Assert.Null(VersionRange.TryParse(spec, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Given_a_library_declared_twice_When_the_ranges_are_joined_Then_the_hull_allows_both()
        => Assert.Equal(">=1.22, <2.1", R(">=1.22,<2").Hull(R(">=2.0,<2.1")).ToString());

    [Theory]
    [InlineData("py38", "3.8")]
    [InlineData("py314", "3.14")]
    public void Given_ruffs_spelling_When_parsed_Then_it_is_a_Python_version(string target, string version)
        => Assert.Equal(V(version), PythonVersions.TryParseTarget(target));

    [Theory]
    [InlineData("py27")]
    [InlineData("3.8")]
    [InlineData("py315")]
    public void Given_an_unknown_target_When_parsed_Then_it_is_refused(string target) => Assert.Null(PythonVersions.TryParseTarget(target));
}
