using ApiMigrator.Files;

namespace ApiMigrator.Tests.Files;

public class IgnorePatternsTests
{
    private const string Base = "/repo";

    private static bool? Match(string[] lines, string relative, bool isDir = false)
        => IgnorePatterns.Parse(Base, lines).Match(Path.Combine(Base, relative), isDir);

    [Theory]
    [InlineData("build", "build", true, true)]
    [InlineData("build", "src/build", true, true)]
    [InlineData("build/", "src/build", true, true)]
    [InlineData("build/", "src/build", false, null)]
    [InlineData("/build", "build", true, true)]
    [InlineData("/build", "src/build", true, null)]
    [InlineData("*.pyc", "a/b/c.pyc", false, true)]
    [InlineData("*_pb2.py", "proto/x_pb2.py", false, true)]
    [InlineData("tests/fixtures/**", "tests/fixtures/a/b.py", false, true)]
    [InlineData("tests/fixtures/**", "src/tests/fixtures/a.py", false, null)]
    [InlineData("**/gen", "a/b/gen", true, true)]
    [InlineData("a/**/z.py", "a/z.py", false, true)]
    [InlineData("a/**/z.py", "a/b/c/z.py", false, true)]
    [InlineData("doc/*.py", "doc/x.py", false, true)]
    [InlineData("doc/*.py", "doc/sub/x.py", false, null)]
    [InlineData("file?.py", "file1.py", false, true)]
    [InlineData("file[0-9].py", "file7.py", false, true)]
    [InlineData("file[!0-9].py", "file7.py", false, null)]
    [InlineData("# comment", "# comment", false, null)]
    [InlineData("\\#hash.py", "#hash.py", false, true)]
    public void Given_a_gitignore_pattern_When_matching_a_path_Then_git_semantics_hold(string pattern, string path, bool isDir, bool? expected)
    {
        Assert.Equal(expected, Match([pattern], path, isDir));
    }

    [Fact]
    public void Given_a_negation_after_a_pattern_When_matching_Then_the_last_matching_pattern_wins()
    {
        string[] lines = ["*.py", "!keep.py"];

        Assert.True(Match(lines, "drop.py"));
        Assert.False(Match(lines, "keep.py"));
    }

    [Fact]
    public void Given_a_path_outside_the_base_folder_When_matching_Then_there_is_no_opinion()
    {
        Assert.Null(IgnorePatterns.Parse(Base, ["*.py"]).Match("/elsewhere/a.py", false));
    }

    [Fact]
    public void Given_exclude_globs_When_matching_outside_the_base_folder_Then_only_name_patterns_apply()
    {
        var excludes = IgnorePatterns.Parse(Base, ["*_pb2.py", "src/*.py"], namesMatchAnywhere: true);

        Assert.True(excludes.Match("/elsewhere/x_pb2.py", false));
        Assert.Null(excludes.Match("/elsewhere/src/a.py", false));
        Assert.True(excludes.Match("/repo/src/a.py", false));
    }
}
