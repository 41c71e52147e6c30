using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Tests.Evaluation;
using ApiMigrator.Tests.Llm;
using ApiMigrator.Workspace;

namespace ApiMigrator.Tests.Workspace;

/// <summary>The workspace engine with a model: the checks a model answer passes in the file, line mapping, and interruption.</summary>
[Collection(ApiMigrator.Tests.Llm.TimingSensitive.Name)]
public sealed class ModelTierTests
{
    private const string Seen = "import pandas as pd\n\ndef f(df, x):\n    return df.append(x)  # keep\n# trailing\n";
    private static readonly RuleSet Rules = new(TinyDataset.ParsedRules());

    /// <summary>An applied guided decision for the `return` statement of <see cref="Seen"/>.</summary>
    private static SiteDecision Site()
    {
        int start = Seen.IndexOf("return", StringComparison.Ordinal);
        return new SiteDecision(MigrationTier.Guided, 4, ["pandas.append-to-concat"], 0.71, "test", Applied: true, Verified: true, Reason: null)
        {
            SiteStartByte = start,
            SiteEndByte = Seen.IndexOf("  # keep", StringComparison.Ordinal),
        };
    }

    private static string? Problem(string result)
        => ModelEditCheck.Problem(SourceText.From(Seen), SourceText.From(result), [Site()], Rules, new HybridOptions());

    [Fact]
    public void Given_a_result_that_changes_only_the_site_and_adds_an_import_Then_it_passes()
    {
        Assert.Null(Problem(Seen.Replace("df.append(x)", "pd.concat([df, x])", StringComparison.Ordinal)));
        Assert.Null(Problem("import numpy as np\n" + Seen.Replace("return df.append(x)", "y = np.asarray(x)\n    return pd.concat([df, y])", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("# trailing\n", "# changed\n", "it would change line 5, outside the sites and their imports")]
    [InlineData("import pandas as pd\n", "import pandas as pd\nprint('hi')\n", "it would add a line that is not an import outside the sites (line 2 of the result)")]
    [InlineData("def f(df, x):", "def f(df, x, y=1):", "it would change line 3, outside the sites and their imports")]
    public void Given_a_result_that_changes_lines_outside_the_site_Then_it_fails(string from, string to, string expected)
    {
        var result = Seen.Replace("df.append(x)", "pd.concat([df, x])", StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal);

        Assert.Equal(expected, Problem(result));
    }

    [Fact]
    public void Given_a_result_that_does_not_parse_or_that_the_rules_would_change_again_Then_it_fails()
    {
        Assert.Equal("the file does not parse with the answers in it", Problem(Seen.Replace("df.append(x)", "pd.concat([df, x]", StringComparison.Ordinal)));
        Assert.Equal("a second rules pass would change the file (rule numpy.float_-to-numpy.float64 at line 5)",
            Problem("import numpy as np\n" + Seen.Replace("df.append(x)", "pd.concat([df, np.float_(x)])", StringComparison.Ordinal)));
    }

    [Fact]
    public void Given_two_versions_of_a_text_Then_lines_map_both_ways_through_the_changes()
    {
        var old = SourceText.From("a\nb\nc\nd\n");
        var @new = SourceText.From("import x\na\nB1\nB2\nc\nd\n");

        var map = LineMap.Between(old, @new);

        Assert.Equal([2, 3, 5, 6], new[] { 1, 2, 3, 4 }.Select(map.ToNew));
        Assert.Equal([1, 1, 2, 2, 3, 4], new[] { 1, 2, 3, 4, 5, 6 }.Select(map.ToOld));
    }

    [Fact]
    public async Task Given_a_run_interrupted_while_a_file_waits_on_the_model_Then_the_file_is_left_as_it_was_and_reported_interrupted()
    {
        var root = TempTree.Folder();
        var path = TempTree.Write(root, "frames.py", Seen);
        using var cts = new CancellationTokenSource();
        using var server = ScriptedChatServer.Start(_ =>
        {
            cts.Cancel();
            return ScriptedReply.Answer("```python\nreturn pd.concat([df, x])\n```", TimeSpan.FromSeconds(20));
        });
        var llm = new LlmOptions { Endpoint = server.Endpoint, Model = "scripted", MaxRetries = 0, Timeout = TimeSpan.FromSeconds(30) };
        using var backend = LlmBackend.Create(llm);
        using var model = new LlmMigrator(backend, llm);
        var settings = new MigrationSettings
        {
            Rules = Rules,
            Mode = MigrationMode.Write,
            BaseDirectory = root,
            Model = new ModelTiers(new HybridMigrator(model), new HybridOptions()),
        };

        var started = DateTime.UtcNow;
        var outcomes = new List<FileOutcome>();
        await foreach (var o in new WorkspaceMigrator(settings).RunAsync([path], cts.Token)) outcomes.Add(o);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the run waited for the model's answer");
        var outcome = Assert.Single(outcomes);
        Assert.Equal(SkipReason.Interrupted, outcome.Skipped?.Reason);
        Assert.Equal(Seen, File.ReadAllText(path));
    }
}
