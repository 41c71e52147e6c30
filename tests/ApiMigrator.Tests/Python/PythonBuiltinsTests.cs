using System.Diagnostics;
using ApiMigrator.Python;

namespace ApiMigrator.Tests.Python;

/// <summary>The one builtins list against the interpreters themselves, and its two users agreeing.</summary>
public class PythonBuiltinsTests
{
    public static TheoryData<string> Versions() => [.. StdlibCorpus.Versions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_public_builtin_of_the_installed_python_is_listed(string version)
    {
        var lib = StdlibCorpus.LibFolder(version);
        Assert.True(lib is not null, $"Python {version} is not installed under pyenv");
        var python = Path.Combine(lib!, "..", "..", "bin", "python" + version);
        var start = new ProcessStartInfo(python, ["-c", "import builtins; print('\\n'.join(n for n in dir(builtins) if not n.startswith('_') or n.startswith('__')))"])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var names = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        process.WaitForExit();
        Assert.True(names.Length > 140, $"python {version} listed only {names.Length} builtins");
        Assert.DoesNotContain(names, n => !PythonBuiltins.IsBuiltin(n));
    }

    [Theory]
    [InlineData("IOError")]
    [InlineData("TimeoutError")]
    [InlineData("DeprecationWarning")]
    [InlineData("__file__")]
    public void The_resolver_and_patterns_agree_on_a_builtin(string name)
    {
        var scope = ModuleScope.Build(PythonParser.Parse(SourceText.From($"x = {name}\n")));
        var reference = scope.Tree.Root.DescendantsAndSelf().Last(n => n.Kind == "identifier" && n.Text == name);
        Assert.Equal(ResolutionKind.Builtin, scope.Resolve(reference).Kind);
        Assert.DoesNotContain(name, Pattern.Compile(name).QualifiedNames);
    }

    [Fact]
    public void A_name_bound_in_the_file_is_not_a_builtin_there()
    {
        var scope = ModuleScope.Build(PythonParser.Parse(SourceText.From("from socket import timeout as TimeoutError\nx = TimeoutError\n")));
        var reference = scope.Tree.Root.DescendantsAndSelf().Last(n => n.Kind == "identifier" && n.Text == "TimeoutError");
        Assert.Equal(ResolutionKind.Imported, scope.Resolve(reference).Kind);
    }
}
