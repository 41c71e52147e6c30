using ApiMigrator.Hybrid;
using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Evaluation;
using ApiMigrator.Tests.Llm;

namespace ApiMigrator.Tests.Hybrid;

/// <summary>
/// The three tiers through the real HTTP client against the scripted server: each tier with a right, a wrong
/// and an empty answer. Hand-written rules start at 0.95; an unknown receiver in a file that imports pandas
/// makes 0.95 × 0.75 = 0.71 (guided), in a file that does not 0.95 × 0.45 = 0.43 (plain). A file that does not
/// even name pandas is skipped by the prefilter: its `append` is not worth a model's time.
/// </summary>
[Collection(ApiMigrator.Tests.Llm.TimingSensitive.Name)]
public sealed class HybridMigratorTests
{
    private const string Guided = "import pandas as pd\n\ndef f(df, x):\n    return df.append(x)\n";
    private const string GuidedMigrated = "import pandas as pd\n\ndef f(df, x):\n    return pd.concat([df, x])\n";
    // pandas is named (in a comment) but not imported: the match is weak, and the prefilter still lets the file through.
    private const string Plain = "# frames come from pandas\ndef f(df, x):\n    return df.append(x)\n";

    private static readonly RuleSet Rules = new(TinyDataset.ParsedRules());
    private static readonly FileContext Pandas = new("pandas", "1.5", "2.0");
    private static readonly HybridOptions Options = new() { PlainStrategy = "zero-shot" };

    private static async Task<(HybridResult Result, ScriptedChatServer Server)> Run(string code, HybridOptions options, RuleSet? rules = null, params ScriptedReply[] replies)
    {
        var server = ScriptedChatServer.Start(replies);
        var llm = new LlmOptions { Endpoint = server.Endpoint, Model = "scripted", MaxRetries = 0, Timeout = TimeSpan.FromSeconds(20) };
        using var backend = LlmBackend.Create(llm);
        using var migrator = new LlmMigrator(backend, llm);
        var result = await new HybridMigrator(migrator).MigrateAsync(SourceText.From(code), rules ?? Rules, Pandas, options);
        return (result, server);
    }

    private static string Fenced(string code) => "```python\n" + code + "\n```";

    [Fact]
    public async Task Given_a_match_at_or_above_the_direct_threshold_When_migrating_Then_the_rule_applies_itself_and_the_model_is_not_asked()
    {
        var (result, server) = await Run("import numpy as np\nx = np.float_(1)\n", Options);
        using (server)
        {
            Assert.Equal("import numpy as np\nx = np.float64(1)\n", result.Result.Text);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((MigrationTier.Direct, true, true, 0.95), (d.Tier, d.Applied, d.Verified, d.Confidence));
            Assert.Equal("confidence 0.95 ≥ 0.85", d.Route);
            Assert.Null(d.Strategy);
            Assert.Empty(server.Requests);
        }
    }

    [Fact]
    public async Task Given_a_guided_site_and_a_right_answer_Then_the_statement_is_replaced_in_place_and_the_decision_records_the_prompt()
    {
        var (result, server) = await Run(Guided, Options, null, ScriptedReply.Answer(Fenced("return pd.concat([df, x])")));
        using (server)
        {
            Assert.Equal(GuidedMigrated, result.Result.Text);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((MigrationTier.Guided, true, true, LlmOutcome.Accepted), (d.Tier, d.Applied, d.Verified, d.Outcome));
            Assert.Equal(["pandas.append-to-concat"], d.RuleIds);
            Assert.Equal("confidence 0.71 in [0.60, 0.85)", d.Route);
            Assert.Equal(("rule-guided", "scripted", 4), (d.Strategy, d.ModelId, d.Line));
            Assert.Matches("^[0-9a-f]{64}$", d.PromptHash);
            Assert.Equal("return df.append(x)", d.SiteCode);
            var prompt = Assert.Single(server.Requests).Messages.Single(m => m.Role == "user").Content;
            Assert.Contains("Rule pandas.append-to-concat (confidence 0.71)", prompt, StringComparison.Ordinal);
            Assert.Contains("Change this part (line 4): `df.append(x)`", prompt, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_a_guided_site_and_an_answer_that_keeps_the_old_API_Then_it_is_fed_back_once_and_then_rejected()
    {
        // Still the old call, now through a variable: the rule matcher finds it again.
        var wrong = ScriptedReply.Answer(Fenced("merged = df.append(x)\nreturn merged"));
        var (result, server) = await Run(Guided, Options, null, wrong, wrong);
        using (server)
        {
            Assert.Equal(Guided, result.Result.Text);
            Assert.False(result.Changed);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((MigrationTier.Guided, false, false, LlmOutcome.CheckFailed), (d.Tier, d.Applied, d.Verified, d.Outcome));
            Assert.Equal("the old API is still used: rule pandas.append-to-concat still matches `df.append(x)`", d.Reason);
            Assert.Equal(2, d.RawAnswers.Count);
            Assert.Equal(2, server.Requests.Count);
            Assert.Contains("That answer was rejected: the old API is still used", server.Requests[1].Messages[^1].Content, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", LlmOutcome.EmptyAnswer)]
    [InlineData("```python\nreturn pd.concat([df, x]\n```", LlmOutcome.SyntaxError)]
    [InlineData("```python\nreturn df.append(x)\n```", LlmOutcome.Unchanged)]
    public async Task Given_a_guided_site_and_an_empty_broken_or_unchanged_answer_Then_nothing_is_applied_and_the_reason_is_recorded(string answer, LlmOutcome outcome)
    {
        var (result, server) = await Run(Guided, Options, null, ScriptedReply.Answer(answer), ScriptedReply.Answer(answer));
        using (server)
        {
            Assert.Equal(Guided, result.Result.Text);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((false, false, outcome), (d.Applied, d.Verified, d.Outcome));
            Assert.NotNull(d.Reason);
        }
    }

    [Fact]
    public async Task Given_a_plain_site_and_a_right_answer_with_an_import_Then_the_statement_and_the_import_are_added()
    {
        var (result, server) = await Run(Plain, Options, null, ScriptedReply.Answer(Fenced("import pandas as pd\nreturn pd.concat([df, x])")));
        using (server)
        {
            Assert.Equal("# frames come from pandas\nimport pandas as pd\ndef f(df, x):\n    return pd.concat([df, x])\n", result.Result.Text);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((MigrationTier.Plain, "zero-shot", true, true), (d.Tier, d.Strategy, d.Applied, d.Verified));
            Assert.Equal("confidence 0.43 < 0.60", d.Route);
            Assert.Equal(["import pandas as pd"], d.NewImports);
            Assert.DoesNotContain("Rule pandas", Assert.Single(server.Requests).Messages.Single(m => m.Role == "user").Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_a_plain_site_and_empty_answers_Then_the_site_stays_unchanged_and_says_why()
    {
        var (result, server) = await Run(Plain, Options, null, ScriptedReply.Answer(""), ScriptedReply.Answer("Sorry, I cannot help."));
        using (server)
        {
            Assert.Equal(Plain, result.Result.Text);
            var d = Assert.Single(result.Decisions);
            // Prose with no code is an empty answer: the extractor never passes prose off as code.
            Assert.Equal((MigrationTier.Plain, false, LlmOutcome.EmptyAnswer), (d.Tier, d.Applied, d.Outcome));
        }
    }

    [Fact]
    public async Task Given_no_rule_match_and_whole_snippets_on_Then_the_snippet_is_one_plain_site_and_an_answer_adding_known_old_API_is_rejected()
    {
        const string code = "import numpy as np\nx = np.zeros(3)\n";
        var wrong = ScriptedReply.Answer(Fenced("import numpy as np\nx = np.zeros(3, dtype=np.float_)"));
        var (result, server) = await Run(code, Options with { WholeSnippetWhenNoMatch = true }, null, wrong, wrong);
        using (server)
        {
            Assert.Equal(code, result.Result.Text);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((MigrationTier.Plain, "no rule matches the snippet", LlmOutcome.CheckFailed), (d.Tier, d.Route, d.Outcome));
            Assert.Empty(d.RuleIds);
            Assert.Null(d.Confidence);
            Assert.Contains("numpy.float_-to-numpy.float64", d.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_no_rule_match_and_a_right_whole_snippet_answer_Then_the_snippet_is_replaced_and_keeps_its_trailing_line_end()
    {
        const string code = "import numpy as np\r\nx = np.zeros(3)\r\n";
        var (result, server) = await Run(code, Options with { WholeSnippetWhenNoMatch = true }, null,
            ScriptedReply.Answer(Fenced("import numpy as np\nx = np.zeros(3, dtype=np.float64)")));
        using (server)
        {
            Assert.Equal("import numpy as np\r\nx = np.zeros(3, dtype=np.float64)\r\n", result.Result.Text);
            Assert.True(Assert.Single(result.Decisions).Applied);
        }
    }

    [Fact]
    public async Task Given_no_model_Then_the_rule_tier_still_applies_and_model_sites_are_recorded_as_not_run()
    {
        var result = await new HybridMigrator(null).MigrateAsync(SourceText.From("import numpy as np\n" + Guided.Replace("import pandas as pd\n", "import pandas as pd\ny = np.float_(1)\n", StringComparison.Ordinal)),
            Rules, Pandas, Options);

        Assert.Contains("y = np.float64(1)", result.Result.Text, StringComparison.Ordinal);
        Assert.Contains("return df.append(x)", result.Result.Text, StringComparison.Ordinal);
        Assert.Equal([MigrationTier.Direct, MigrationTier.Guided], result.Decisions.Select(d => d.Tier));
        var guided = result.Decisions[1];
        Assert.Equal((false, "not run (no model configured)"), (guided.Applied, guided.Reason));
        Assert.Null(guided.Outcome);
    }

    [Fact]
    public async Task Given_an_unsafe_rule_at_high_confidence_Then_the_model_applies_it_in_the_guided_tier_rather_than_the_rule_itself()
    {
        var unsafeRules = new RuleSet(TinyDataset.ParsedRules().Select(r => r.Id.StartsWith("numpy", StringComparison.Ordinal) ? r with { Safety = Safety.Unsafe } : r));
        var (result, server) = await Run("import numpy as np\nx = np.float_(1)\n", Options, unsafeRules, ScriptedReply.Answer(Fenced("x = np.float64(1)")));
        using (server)
        {
            Assert.Equal("import numpy as np\nx = np.float64(1)\n", result.Result.Text);
            var d = Assert.Single(result.Decisions);
            Assert.Equal((MigrationTier.Guided, true), (d.Tier, d.Applied));
            Assert.Contains("unsafe rule", d.Route, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_a_plain_site_and_the_doc_guided_strategy_Then_the_prompt_carries_the_documented_change_and_no_rule()
    {
        var server = ScriptedChatServer.Start(ScriptedReply.Answer(Fenced("import pandas as pd\nreturn pd.concat([df, x])")));
        using (server)
        {
            var llm = new LlmOptions { Endpoint = server.Endpoint, Model = "scripted", MaxRetries = 0 };
            using var backend = LlmBackend.Create(llm);
            using var migrator = new LlmMigrator(backend, llm);
            var context = Pandas with { Docs = [new DocHint("pandas.DataFrame.append-removed", "https://pandas.pydata.org/docs/whatsnew/v2.0.0.html", "DataFrame.append was removed; use pandas.concat.")] };

            var result = await new HybridMigrator(migrator).MigrateAsync(SourceText.From(Plain), Rules, context, Options with { PlainStrategy = "doc-guided" });

            var d = Assert.Single(result.Decisions);
            Assert.Equal(("doc-guided", true), (d.Strategy, d.Applied));
            var prompt = Assert.Single(server.Requests).Messages.Single(m => m.Role == "user").Content;
            Assert.Contains("DataFrame.append was removed; use pandas.concat.", prompt, StringComparison.Ordinal);
            Assert.Contains("Source: https://pandas.pydata.org/docs/whatsnew/v2.0.0.html", prompt, StringComparison.Ordinal);
            Assert.DoesNotContain("Rule pandas.append-to-concat", prompt, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_few_shot_without_training_pairs_Then_the_plain_tier_falls_back_to_zero_shot_and_says_so()
    {
        var result = await new HybridMigrator(null).MigrateAsync(SourceText.From(Plain), Rules, Pandas, Options with { PlainStrategy = "few-shot" });

        var d = Assert.Single(result.Decisions);
        Assert.Equal("zero-shot", d.Strategy);
        Assert.EndsWith("so zero-shot instead of few-shot", d.Route, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_bad_thresholds_or_strategy_Then_validation_names_each_problem()
    {
        var errors = new HybridOptions { MinConfidence = 1.5, GuidedThreshold = double.NaN, PlainStrategy = "rule-guided" }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("--min-confidence must be between 0 and 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--guided-threshold must be between 0 and 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rule-guided needs a rule", StringComparison.Ordinal));
        Assert.Empty(new HybridOptions().Validate());
    }
}
