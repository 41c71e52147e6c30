using ApiMigrator.Configuration;
using ApiMigrator.Versions;

namespace ApiMigrator.Tests.Configuration;

public class ConfigFileTests
{
    private static string Pyproject(string text)
    {
        var root = TempTree.Folder();
        return TempTree.Write(root, "pyproject.toml", text);
    }

    [Fact]
    public void Given_a_tool_apimig_table_When_loaded_Then_every_key_is_read_with_its_line()
    {
        var path = Pyproject("""
            [project]
            name = "x"

            [tool.apimig]
            select = ["numpy", "pandas"]
            ignore = ["pandas.fillna-*"]
            unsafe = true
            min-confidence = 0.9
            target-version = "py38"
            rules = ["rules/extra.yaml"]
            extend-exclude = ["tests/fixtures"]

            [tool.apimig.per-file-ignores]
            "tests/*" = ["numpy"]

            [tool.apimig.targets]
            pandas = "2.0"
            scikit-learn = ">=1.2"

            [tool.apimig.llm]
            endpoint = "http://127.0.0.1:8080/v1"
            api-key-env = "MY_KEY"
            """);

        var config = ConfigFile.Load(path)!;

        Assert.Equal(["numpy", "pandas"], config.Select!.Value);
        Assert.Equal($"{path}:5", config.Select.Source);
        Assert.True(config.Unsafe!.Value);
        Assert.Equal(0.9, config.MinConfidence!.Value);
        Assert.Equal(ReleaseVersion.Of(3, 8), config.TargetVersion!.Value);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "rules", "extra.yaml"), config.Rules!.Value[0]);
        Assert.Equal(">=2.0, <2.1", config.Targets["pandas"].Range.ToString());
        Assert.Equal(">=1.2", config.Targets["sklearn"].Range.ToString());
        Assert.Equal("tests/*", config.PerFileIgnores[0].Glob);
        Assert.Equal("MY_KEY", config.Llm["api-key-env"].Value);
    }

    [Fact]
    public void Given_a_pyproject_without_tool_apimig_When_loaded_Then_it_is_no_configuration()
        => Assert.Null(ConfigFile.Load(Pyproject("[project]\nname = \"x\"\n")));

    [Theory]
    [InlineData("[tool.apimig]\nselct = [\"numpy\"]\n", 2, "unknown key 'selct'")]
    [InlineData("[tool.apimig]\n\ntarget_version = \"py38\"\n", 3, "did you mean 'target-version'")]
    [InlineData("[tool.apimig]\ntarget-version = \"3.8\"\n", 2, "target-version must be one of py37|py38")]
    [InlineData("[tool.apimig]\nunsafe = \"yes\"\n", 2, "unsafe must be true or false")]
    [InlineData("[tool.apimig]\nmin-confidence = 1.5\n", 2, "between 0 and 1")]
    [InlineData("[tool.apimig]\nselect = \"numpy\"\n", 2, "select must be an array of strings")]
    [InlineData("[tool.apimig.targets]\npandas = \">=2.1,<2.0\"\n", 2, "allows no version")]
    [InlineData("[tool.apimig.llm]\napi-key = \"sk-123\"\n", 2, "secrets do not belong")]
    [InlineData("[tool.apimig]\nselect = [\"numpy\"\n", 3, "not valid TOML: Unexpected token `<eof>`")]
    [InlineData("[tool.apimig]\nunsafe = true\nunsafe = false\n", 3, "is already defined")]
    [InlineData("[tool.apimig]\nselect = = [\"numpy\"]\n", 2, "not valid TOML")]
    public void Given_a_bad_configuration_When_loaded_Then_the_error_names_the_file_and_line(string toml, int line, string message)
    {
        var path = Pyproject(toml);

        var e = Assert.Throws<ConfigError>(() => ConfigFile.Load(path));

        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{line}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_apimig_toml_When_loaded_Then_its_keys_are_at_the_top_level()
    {
        var root = TempTree.Folder();
        var path = TempTree.Write(root, "apimig.toml", "select = [\"numpy\"]\n[targets]\nnumpy = \">=2\"\n");

        var config = ConfigFile.Load(path)!;

        Assert.Equal(["numpy"], config.Select!.Value);
        Assert.Equal(">=2", config.Targets["numpy"].Range.ToString());
    }
}

public class ProjectMetadataTests
{
    [Fact]
    public void Given_a_pyproject_When_read_Then_requires_python_and_every_dependency_list_count()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "pyproject.toml", """
            [project]
            name = "x"
            requires-python = ">=3.8"
            dependencies = ["pandas[excel]>=2.0,<2.1; python_version>'3.8'", "numpy>=1.22", "requests"]

            [project.optional-dependencies]
            ml = ["scikit-learn~=1.3", "numpy>=2.0"]
            """);

        var meta = ProjectMetadata.Read(root);

        Assert.Equal(ReleaseVersion.Of(3, 8), meta.RequiresPython!.Value.Lower);
        Assert.Contains("pyproject.toml:3", meta.RequiresPython.Source, StringComparison.Ordinal);
        Assert.Equal(">=2.0, <2.1", meta.Dependencies["pandas"].Range.ToString());
        Assert.Equal(">=1.22", meta.Dependencies["numpy"].Range.ToString());
        Assert.Equal(">=1.3, <2", meta.Dependencies["sklearn"].Range.ToString());
        Assert.Equal("any version", meta.Dependencies["requests"].Range.ToString());
    }

    [Fact]
    public void Given_setup_cfg_and_requirements_files_When_read_Then_they_declare_the_project_too()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "setup.cfg", "[metadata]\nname = x\n\n[options]\npython_requires = >=3.9\ninstall_requires =\n    numpy>=1.24\n    pandas>=1.5,<3\n");
        TempTree.Write(root, "requirements-dev.txt", "# dev\n-r requirements.txt\napache-airflow==2.9.* # pinned\n");

        var meta = ProjectMetadata.Read(root);

        Assert.Equal(ReleaseVersion.Of(3, 9), meta.RequiresPython!.Value.Lower);
        Assert.Equal(">=1.24", meta.Dependencies["numpy"].Range.ToString());
        Assert.Equal(">=1.5, <3", meta.Dependencies["pandas"].Range.ToString());
        Assert.Equal(">=2.9, <2.10", meta.Dependencies["airflow"].Range.ToString());
        Assert.Equal("requirements-dev.txt:3", meta.Dependencies["airflow"].Source);
    }
}
