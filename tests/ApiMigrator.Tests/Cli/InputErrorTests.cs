using System.Text;
using ApiMigrator.Matching;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Notebooks;
using ApiMigrator.Workspace;

namespace ApiMigrator.Tests.Cli;

/// <summary>
/// Malformed inputs around the Python files: notebooks that are not quite JSON, rule files and rule folders, and
/// mistyped options. Each is refused with a message about the input, never an internal error or a silent no-op.
/// </summary>
public class InputErrorTests
{
    private static readonly MigrationSettings Settings = new() { Rules = new RuleSet(ShippedRules.Load()) };

    private static string ValidNotebook => Nb.Json(Nb.Code("import numpy as np\nx = np.float_(1)\n"));

    [Fact]
    public void Given_a_notebook_with_bytes_after_its_json_When_migrating_Then_it_is_skipped_as_invalid_and_untouched()
    {
        var bytes = Encoding.UTF8.GetBytes(ValidNotebook + "\n{\"cells\": []}\n");

        var doc = DocumentMigrator.Migrate(bytes, "nb.ipynb", Settings);

        Assert.Equal(SkipReason.InvalidNotebook, doc.Skipped?.Reason);
        Assert.Contains("after the end of the notebook", doc.Skipped!.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, doc.Updated);
    }

    [Fact]
    public void Given_a_notebook_with_trailing_whitespace_When_migrating_Then_it_is_migrated()
    {
        var doc = DocumentMigrator.Migrate(Encoding.UTF8.GetBytes(ValidNotebook + "\n\n  "), "nb.ipynb", Settings);

        Assert.Null(doc.Skipped);
        Assert.True(doc.Changed);
    }

    [Theory]
    [InlineData("\"source\": \"x = 1\\n\",", "two 'source' keys")]
    [InlineData("", "two 'cells' keys")]
    public void Given_a_notebook_with_a_duplicate_key_When_migrating_Then_it_is_skipped_as_invalid(string extraSource, string expected)
    {
        var json = ValidNotebook;
        json = extraSource.Length > 0
            ? json.Replace("\"source\":", extraSource + " \"source\":", StringComparison.Ordinal)
            : json.Replace("\"cells\":", "\"cells\": [], \"cells\":", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(json);

        var doc = DocumentMigrator.Migrate(bytes, "nb.ipynb", Settings);

        Assert.Equal(SkipReason.InvalidNotebook, doc.Skipped?.Reason);
        Assert.Contains(expected, doc.Skipped!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- id: a\n  kind: api_rename\n  match: numpy.float_\n  replace: numpy.float64\n  colour: red\n", "line 5: unknown key 'colour'")]
    [InlineData("- id: a\n  kind: api_rename\n  match: numpy.float_\n  replace: numpy.float64\n  support: many\n", "line 5: the value of 'support'")]
    [InlineData("- id: a\n  kind: api_rename\n  match: [1, 2]\n", "line 3: the value of 'match'")]
    [InlineData("id: a\nkind: api_rename\n", "a rule file is a list of rules")]
    public void Given_a_rule_file_with_a_wrong_key_or_value_When_reading_Then_the_message_names_the_line_and_key_not_a_dotnet_type(string yaml, string expected)
    {
        var (_, errors) = RuleFile.Parse(yaml, "my.yaml");

        var message = Assert.Single(errors).ToString();
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiMigrator.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Dto", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate", "--bogus", "x.py")]
    [InlineData("migrate", "x.py", "--bogus")]
    [InlineData("parse", "--bogus", "x.py")]
    [InlineData("rules", "list", "--bogus")]
    [InlineData("rules", "show", "--bogus")]
    [InlineData("rules", "coverage", "--bogus")]
    [InlineData("learn", "--bogus", "pairs.jsonl")]
    [InlineData("eval", "--bogus", "pairs.jsonl")]
    [InlineData("dataset", "validate", "--bogus")]
    public async Task Given_an_unknown_option_When_running_any_command_Then_it_is_named_as_an_unknown_option_with_exit_2(params string[] args)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--bogus'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Given_a_statement_too_large_to_parse_When_parsing_Then_the_file_is_refused_with_the_statement_named_not_a_syntax_error()
    {
        var root = TempTree.Folder();
        var sb = new StringBuilder("TABLE = [\n");
        while (sb.Length <= ApiMigrator.Python.PythonParser.MaxNativeBytes) sb.Append("    (1, 2, 3),\n");
        var file = TempTree.Write(root, "table.py", sb.Append("]\n").ToString());

        var run = await CliRun.Of(["parse", file]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("skipped " + file + ":1:1: the statement at line 1 spans", run.Error, StringComparison.Ordinal);
        Assert.Contains("0 parsed cleanly, 0 with syntax errors, 1 refused", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_path_after_a_double_dash_that_looks_like_an_option_When_migrating_Then_it_is_a_path()
    {
        var run = await CliRun.Of(["migrate", "--", "--not-an-option.py"]);

        Assert.DoesNotContain("unknown option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_empty_rule_file_When_migrating_Then_it_is_an_error_not_a_silent_run_of_no_rules()
    {
        var root = TempTree.Folder();
        var rules = TempTree.Write(root, "empty.yaml", "# nothing yet\n");
        var code = TempTree.Write(root, "a.py", "import numpy as np\nx = np.float_(1)\n");

        var run = await CliRun.Of(["migrate", "--rules", rules, code]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no rules", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_folder_of_rule_files_When_migrating_with_it_Then_its_yaml_files_are_the_rules()
    {
        var root = TempTree.Folder();
        var folder = Path.Combine(root, "rules");
        TempTree.Write(folder, "a.yaml", "- id: my-float\n  kind: api_rename\n  library: numpy\n  match: numpy.float_\n  replace: numpy.float64\n");
        TempTree.Write(folder, "notes.txt", "not rules\n");
        var code = TempTree.Write(root, "a.py", "import numpy as np\nx = np.float_(1)\n");

        var run = await CliRun.Of(["migrate", "--rules", folder, code]);

        Assert.DoesNotContain("no such rule file", run.Error, StringComparison.Ordinal);
        Assert.Contains("+x = np.float64(1)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_folder_without_rule_files_When_migrating_with_it_Then_it_says_so()
    {
        var root = TempTree.Folder();
        var folder = Path.Combine(root, "rules");
        Directory.CreateDirectory(folder);
        var code = TempTree.Write(root, "a.py", "x = 1\n");

        var run = await CliRun.Of(["migrate", "--rules", folder, code]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a folder with no rule files", run.Error, StringComparison.Ordinal);
    }
}
