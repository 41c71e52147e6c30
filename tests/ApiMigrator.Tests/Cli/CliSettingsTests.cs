using System.CommandLine;
using System.Text.RegularExpressions;
using ApiMigrator.Cli;
using ApiMigrator.Cli.Commands;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Matching;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Cli;

/// <summary>
/// The command line's settings: one record per command whose properties declare the options, bound and validated before
/// the command runs; every usage problem is reported at once; all output goes through <see cref="CliConsole"/>.
/// </summary>
public class CliSettingsTests
{
    private static MigrateSettings BindMigrate(params string[] args)
    {
        var binder = new SettingsBinder<MigrateSettings>();
        var command = new Command("migrate");
        binder.AddTo(command);
        var errors = new List<string>();
        var settings = binder.Bind(command.Parse(args), errors);
        Assert.Empty(errors);
        return settings;
    }

    [Fact]
    public void Given_no_options_When_binding_migrate_Then_the_records_initial_values_are_the_defaults()
    {
        var s = BindMigrate("src/");

        Assert.Equal(["src/"], s.Paths);
        Assert.Equal(Thresholds.MinConfidence, s.Hybrid.MinConfidence);
        Assert.Equal(Thresholds.GuidedThreshold, s.Hybrid.GuidedThreshold);
        Assert.Equal("zero-shot", s.Hybrid.PlainStrategy);
        Assert.Equal("text", s.Format);
        Assert.Empty(s.Select);
        Assert.Empty(s.Given);
        Assert.Empty(s.Hybrid.Given);
        Assert.True(s.Llm.None);
    }

    [Fact]
    public void Given_list_options_comma_separated_and_repeated_When_binding_Then_they_are_one_list()
    {
        var s = BindMigrate("--select", "numpy,pandas", "--select", "sqlalchemy", "-w", "-j", "3", "src/");

        Assert.Equal(["numpy", "pandas", "sqlalchemy"], s.Select);
        Assert.True(s.Write);
        Assert.Equal(3, s.Jobs);
        Assert.True(s.IsGiven("--select"));
        Assert.True(s.IsGiven("--write"));
    }

    [Fact]
    public void Given_the_earlier_name_of_the_direct_threshold_When_binding_Then_it_sets_min_confidence()
    {
        var s = BindMigrate("--direct-threshold", "0.7", "src/");

        Assert.Equal(0.7, s.Hybrid.MinConfidence);
        Assert.True(s.Hybrid.IsGiven("--min-confidence"));
        Assert.Equal(0.7, s.CommandLine.MinConfidence);
        Assert.Equal(0.6, s.Hybrid.ToOptions(new()).GuidedThreshold);
    }

    [Fact]
    public void Given_a_direct_threshold_below_the_default_guided_one_When_building_the_hybrid_options_Then_the_guided_one_follows_it()
    {
        var s = BindMigrate("--min-confidence", "0.5", "src/");

        var options = s.Hybrid.ToOptions(new());

        Assert.Equal(0.5, options.MinConfidence);
        Assert.Equal(0.5, options.GuidedThreshold);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public async Task Given_several_usage_errors_When_migrating_Then_every_one_is_named_and_the_exit_code_is_2()
    {
        var run = await CliRun.Of(["migrate", "--write", "--check", "--jobs", "-1", "--target-version", "py27", "--min-confidence", "1.5", "--stdin-filename", "x.py", "."]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--write and --check cannot be combined", run.Error, StringComparison.Ordinal);
        Assert.Contains("--jobs must be 0 (all cores) or more", run.Error, StringComparison.Ordinal);
        Assert.Contains("--target-version must be one of", run.Error, StringComparison.Ordinal);
        Assert.Contains("--min-confidence must be between 0 and 1", run.Error, StringComparison.Ordinal);
        Assert.Contains("--stdin-filename only applies to '-'", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'apimig migrate --help' for usage.\n", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Given_both_names_of_the_direct_threshold_with_one_value_When_migrating_Then_it_is_accepted()
    {
        var run = await CliRun.Of(["migrate", "--min-confidence", "0.9", "--direct-threshold", "0.9", "--rules", "/no/such/rules.yaml", "."]);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("same setting", run.Error, StringComparison.Ordinal);
        Assert.Contains("no such rule file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_split_fractions_out_of_range_When_splitting_Then_both_are_named_before_anything_is_read()
    {
        var run = await CliRun.Of(["dataset", "split", "/no/such/pairs", "--seed", "1", "--test-fraction", "1.5", "--unseen-fraction", "0.01"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, run.Error.Split('\n').Count(l => l.StartsWith("apimig: ", StringComparison.Ordinal) && l.Contains("fraction", StringComparison.Ordinal)));
        Assert.DoesNotContain("no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_command_tree_Then_every_command_has_examples_and_no_option_name_twice()
    {
        foreach (var command in Leaves(CliApp.Build()))
        {
            Assert.Contains("Examples:", command.Description, StringComparison.Ordinal);
            var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("eval")]
    public async Task Given_help_When_asked_Then_min_confidence_is_listed_and_its_earlier_name_is_not(string command)
    {
        var run = await CliRun.Of([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--min-confidence <X>", run.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--direct-threshold", run.Out.Split("Options:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_sources_Then_only_the_cli_console_touches_the_process_console()
    {
        // Console.X, not Spectre.Console.X nor a variable named console.
        var direct = new Regex(@"(?<![\w.])(System\.)?Console\.", RegexOptions.CultureInvariant);
        var offenders = new List<string>();
        foreach (var folder in new[] { "src/ApiMigrator", "src/ApiMigrator.Cli" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(DatasetFiles.RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(DatasetFiles.RepoRoot, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                if (relative == "src/ApiMigrator.Cli/CliConsole.cs") continue;
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && direct.IsMatch(lines[i])) offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static IEnumerable<Command> Leaves(Command command)
        => command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);
}
