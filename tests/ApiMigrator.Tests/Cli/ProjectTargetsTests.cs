namespace ApiMigrator.Tests.Cli;

/// <summary>`apimig migrate` and `apimig config` end to end on temporary projects: target versions and configuration files.</summary>
public class ProjectTargetsTests
{
    private const string TypingCode = """
        from typing import Optional, Union

        Alias = Optional[int]


        def load(path: Union[str, bytes]) -> Optional[str]:
            data: Optional[bytes] = None
            return None

        """;

    private const string PostponedCode = """
        from __future__ import annotations

        from dataclasses import dataclass
        from typing import Optional


        def load(path: Optional[str]) -> Optional[str]:
            return path


        @dataclass
        class Row:
            key: Optional[int] = None

        """;

    private static string Project(string pyproject, params (string Path, string Text)[] files)
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "pyproject.toml", pyproject);
        foreach (var (path, text) in files) TempTree.Write(root, path, text);
        return root;
    }

    private static string Read(string root, string relative) => File.ReadAllText(Path.Combine(root, relative));

    [Fact]
    public async Task Given_requires_python_38_When_migrating_Then_Optional_and_Union_stay_where_evaluated_and_change_where_never_evaluated()
    {
        var root = Project("[project]\nname = \"p\"\nrequires-python = \">=3.8\"\n", ("pkg/a.py", TypingCode), ("pkg/b.py", PostponedCode));

        var run = await CliRun.Of(["migrate", "--write", "--select", "stdlib", root]);

        Assert.Equal(0, run.ExitCode);
        var a = Read(root, "pkg/a.py");
        Assert.Contains("Alias = Optional[int]", a, StringComparison.Ordinal);
        Assert.Contains("def load(path: Union[str, bytes]) -> Optional[str]:", a, StringComparison.Ordinal);
        Assert.Contains("    data: bytes | None = None", a, StringComparison.Ordinal);
        var b = Read(root, "pkg/b.py");
        Assert.Contains("def load(path: str | None) -> str | None:", b, StringComparison.Ordinal);
        Assert.Contains("    key: Optional[int] = None", b, StringComparison.Ordinal);
        Assert.Contains("target-version", run.Error, StringComparison.Ordinal);
        Assert.Contains("needs Python 3.10 where it is evaluated at runtime, and the project supports Python 3.8 (requires-python \">=3.8\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_requires_python_310_When_migrating_Then_every_Optional_and_Union_is_rewritten()
    {
        var root = Project("[project]\nname = \"p\"\nrequires-python = \">=3.10\"\n", ("pkg/a.py", TypingCode), ("pkg/b.py", PostponedCode));

        var run = await CliRun.Of(["migrate", "--write", "--select", "stdlib", root]);

        Assert.Equal(0, run.ExitCode);
        var a = Read(root, "pkg/a.py");
        Assert.Contains("Alias = int | None", a, StringComparison.Ordinal);
        Assert.Contains("def load(path: str | bytes) -> str | None:", a, StringComparison.Ordinal);
        Assert.DoesNotContain("Optional", a, StringComparison.Ordinal);
        Assert.Contains("    key: int | None = None", Read(root, "pkg/b.py"), StringComparison.Ordinal);
        Assert.DoesNotContain("target-version", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_pandas_pinned_below_21_When_migrating_Then_applymap_is_kept_with_a_finding()
    {
        const string code = "import pandas as pd\n\ndf = pd.DataFrame({\"a\": [1.5]})\nout = df.applymap(str)\n";
        var root = Project("[project]\nname = \"p\"\ndependencies = [\"pandas>=2.0,<2.1\"]\n", ("app.py", code));

        var run = await CliRun.Of(["migrate", "--write", "--unsafe", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(code, Read(root, "app.py"));
        Assert.Contains("target-version pandas.", run.Error, StringComparison.Ordinal);
        Assert.Contains("the project allows pandas >=2.0, <2.1 (dependencies in ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_pandas_21_or_newer_When_migrating_Then_applymap_becomes_map()
    {
        const string code = "import pandas as pd\n\ndf = pd.DataFrame({\"a\": [1.5]})\nout = df.applymap(str)\n";
        var root = Project("[project]\nname = \"p\"\ndependencies = [\"pandas>=2.1\"]\n", ("app.py", code));

        var run = await CliRun.Of(["migrate", "--write", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("out = df.map(str)", Read(root, "app.py"), StringComparison.Ordinal);
    }

    private const string NumpyCode = "import numpy as np\n\nx = np.zeros(3, dtype=np.float_)\narea = np.trapz([1, 2, 3], dx=0.5)\n";

    [Fact]
    public async Task Given_numpy_2_or_newer_When_migrating_Then_every_NumPy_2_fix_is_applied()
    {
        var root = Project("[project]\nname = \"p\"\ndependencies = [\"numpy>=2\"]\n", ("app.py", NumpyCode));

        var run = await CliRun.Of(["migrate", "--write", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("import numpy as np\n\nx = np.zeros(3, dtype=np.float64)\narea = np.trapezoid([1, 2, 3], dx=0.5)\n", Read(root, "app.py"));
        Assert.DoesNotContain("breaking", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_numpy_122_or_newer_When_migrating_Then_fixes_present_in_122_apply_and_the_others_are_reported_as_breaking()
    {
        var root = Project("[project]\nname = \"p\"\ndependencies = [\"numpy>=1.22\"]\n", ("app.py", NumpyCode));

        var run = await CliRun.Of(["migrate", "--write", root]);
        var withUnsafe = await CliRun.Of(["migrate", "--write", "--unsafe", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("breaking numpy.trapz", run.Error, StringComparison.Ordinal);
        Assert.Contains("numpy.trapezoid is new in numpy 2.0, but the project still allows numpy >=1.22", run.Error, StringComparison.Ordinal);
        Assert.Contains("raise the lower bound to numpy>=2.0 first", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("breaking numpy.float_", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, withUnsafe.ExitCode);
        Assert.Equal("import numpy as np\n\nx = np.zeros(3, dtype=np.float64)\narea = np.trapezoid([1, 2, 3], dx=0.5)\n", Read(root, "app.py"));
    }

    [Fact]
    public async Task Given_numpy_122_When_only_the_first_run_is_made_Then_the_file_keeps_trapz()
    {
        var root = Project("[project]\nname = \"p\"\ndependencies = [\"numpy>=1.22\"]\n", ("app.py", NumpyCode));

        await CliRun.Of(["migrate", "--write", root]);

        Assert.Equal("import numpy as np\n\nx = np.zeros(3, dtype=np.float64)\narea = np.trapz([1, 2, 3], dx=0.5)\n", Read(root, "app.py"));
    }

    [Fact]
    public async Task Given_a_monorepo_with_two_projects_When_migrating_from_the_root_Then_each_uses_its_own_settings()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "pyproject.toml", "[tool.apimig]\nselect = [\"numpy\", \"stdlib\"]\n");
        TempTree.Write(root, "old/pyproject.toml", "[project]\nname = \"old\"\nrequires-python = \">=3.8\"\ndependencies = [\"numpy>=1.22\"]\n\n[tool.apimig]\nselect = [\"stdlib\"]\n");
        TempTree.Write(root, "new/pyproject.toml", "[project]\nname = \"new\"\nrequires-python = \">=3.12\"\ndependencies = [\"numpy>=2.0\"]\n");
        const string code = "from typing import Optional\n\nimport numpy as np\n\nAlias = Optional[int]\narea = np.trapz([1, 2])\n";
        TempTree.Write(root, "old/m.py", code);
        TempTree.Write(root, "new/m.py", code);

        var run = await CliRun.Of(["migrate", "--write", root]);

        Assert.Equal(0, run.ExitCode);
        // old: its own [tool.apimig] selects only stdlib, and Python 3.8 keeps the evaluated Optional.
        Assert.Equal(code, Read(root, "old/m.py"));
        // new: no [tool.apimig] of its own, so the root's selection; its own requires-python and dependencies.
        Assert.EndsWith("import numpy as np\n\nAlias = int | None\narea = np.trapezoid([1, 2])\n", Read(root, "new/m.py"), StringComparison.Ordinal);
        Assert.DoesNotContain("typing", Read(root, "new/m.py"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_malformed_pyproject_When_migrating_with_write_Then_the_error_names_the_file_and_line_and_nothing_is_written()
    {
        var root = TempTree.Folder();
        TempTree.Write(root, "good/app.py", NumpyCode);
        var bad = TempTree.Write(root, "bad/pyproject.toml", "[project]\nname = \"bad\"\ndependencies = [\"numpy>=2\"\n");
        TempTree.Write(root, "bad/app.py", NumpyCode);
        var before = TempTree.Snapshot(root);

        var run = await CliRun.Of(["migrate", "--write", root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{bad}:", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"pyproject\.toml:[34]: not valid TOML", run.Error);
        Assert.Equal(before, TempTree.Snapshot(root));
    }

    [Fact]
    public async Task Given_an_unknown_key_When_migrating_Then_it_is_an_error_with_its_line()
    {
        var root = Project("[tool.apimig]\nselect = [\"numpy\"]\nunsafe-fixes = true\n", ("app.py", NumpyCode));

        var run = await CliRun.Of(["migrate", root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pyproject.toml:3: unknown key 'unsafe-fixes'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_project_When_printing_its_configuration_Then_each_setting_says_where_it_came_from()
    {
        var root = Project("[project]\nname = \"p\"\nrequires-python = \">=3.8\"\ndependencies = [\"pandas>=2.0,<2.1\"]\n\n[tool.apimig]\nunsafe = true\n\n[tool.apimig.targets]\nnumpy = \">=1.22\"\n",
            ("src/app.py", "x = 1\n"));

        var run = await CliRun.Of(["config", Path.Combine(root, "src", "app.py")]);

        Assert.Equal(0, run.ExitCode);
        var pyproject = Path.Combine(root, "pyproject.toml");
        Assert.Contains($"# configuration: {pyproject}", run.Out, StringComparison.Ordinal);
        Assert.Matches($@"target-version = ""py38"" +# requires-python "">=3.8"" in {System.Text.RegularExpressions.Regex.Escape(pyproject)}:3", run.Out);
        Assert.Matches($@"unsafe = true +# {System.Text.RegularExpressions.Regex.Escape(pyproject)}:7", run.Out);
        Assert.Matches(@"targets.numpy = "">=1.22"" +# targets.numpy in .*pyproject.toml:10", run.Out);
        Assert.Matches(@"targets.pandas = "">=2.0, <2.1"" +# dependencies in .*pyproject.toml:4", run.Out);
        Assert.Matches(@"min-confidence = 0.85 +# default", run.Out);
    }

    [Fact]
    public async Task Given_the_command_line_When_it_sets_a_target_Then_it_wins_over_the_project_and_isolated_ignores_the_files()
    {
        var root = Project("[project]\nname = \"p\"\nrequires-python = \">=3.8\"\n\n[tool.apimig]\nselect = [\"numpy\"]\n", ("app.py", "x = 1\n"));

        var cli = await CliRun.Of(["config", "--target-version", "py311", "--target", "numpy=2.0", root]);
        var isolated = await CliRun.Of(["config", "--isolated", root]);

        Assert.Matches(@"target-version = ""py311"" +# --target-version", cli.Out);
        Assert.Matches(@"targets.numpy = "">=2.0, <2.1"" +# --target numpy", cli.Out);
        Assert.Contains("# configuration: none", isolated.Out, StringComparison.Ordinal);
        Assert.Matches(@"target-version = ""py39"" +# default", isolated.Out);
    }

    [Theory]
    [InlineData("--target-version", "py27", "--target-version must be one of")]
    [InlineData("--target", "numpy", "--target takes LIB=VERSION")]
    [InlineData("--target", "numpy=>=x", "--target numpy=>=x")]
    public async Task Given_a_bad_target_on_the_command_line_When_migrating_Then_it_is_a_usage_error(string option, string value, string message)
    {
        var root = Project("[project]\nname = \"p\"\n", ("app.py", "x = 1\n"));

        var run = await CliRun.Of(["migrate", option, value, root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_per_file_ignores_and_extend_exclude_When_migrating_Then_matching_files_skip_those_rules_or_are_not_scanned()
    {
        var root = Project("[tool.apimig]\nextend-exclude = [\"vendor/\"]\n\n[tool.apimig.per-file-ignores]\n\"tests/*\" = [\"numpy\"]\n",
            ("src/a.py", NumpyCode), ("tests/t.py", NumpyCode), ("vendor/v.py", NumpyCode));

        var run = await CliRun.Of(["migrate", "--write", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.NotEqual(NumpyCode, Read(root, "src/a.py"));
        Assert.Equal(NumpyCode, Read(root, "tests/t.py"));
        Assert.Equal(NumpyCode, Read(root, "vendor/v.py"));
        Assert.Contains("2 files scanned", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_secret_in_the_llm_table_When_migrating_Then_it_is_refused_with_its_line()
    {
        var root = Project("[tool.apimig.llm]\nendpoint = \"http://127.0.0.1:9/v1\"\napi-key = \"sk-123\"\n", ("app.py", NumpyCode));

        var run = await CliRun.Of(["migrate", root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pyproject.toml:3: llm.api-key: secrets do not belong in a configuration file", run.Error, StringComparison.Ordinal);
    }
}
