using System.Text.Json;
using ApiMigrator.Llm;
using ApiMigrator.Llm.Prompts;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Tests.Llm;

/// <summary>
/// The migrator through the real OpenAI-compatible client (OpenAI SDK + Microsoft.Extensions.AI) against a
/// scripted server on 127.0.0.1: every way an answer can be good or bad, every transient failure, the
/// feedback retry, the cache, the concurrency limit, and that the API key never leaks.
/// </summary>
[Collection(ApiMigrator.Tests.Llm.TimingSensitive.Name)]
public sealed class LlmMigratorHttpTests : IDisposable
{
    private const string Right = "```python\ndf = pd.concat([df, feb])\n```";
    private const string Wrong = "```python\ndf = df.append(feb, ignore_index=False)\n```";

    private static readonly MigrationSite Site = new("df = df.append(feb)", "pandas", "1.5", "2.0")
    {
        ImportLines = ["import pandas as pd"],
        Target = "df.append(feb)",
        Line = 5,
    };

    private readonly string keyVariable = "APIMIG_TEST_KEY_" + Guid.NewGuid().ToString("N");
    private readonly string secret = "sk-test-" + Guid.NewGuid().ToString("N");
    private readonly string tempDir = Directory.CreateTempSubdirectory("apimig-llm-").FullName;

    public LlmMigratorHttpTests() => Environment.SetEnvironmentVariable(keyVariable, secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(keyVariable, null);
        Directory.Delete(tempDir, recursive: true);
    }

    /// <summary>The check the lead plugs in is "no old API left"; here: no <c>.append(</c> call remains.</summary>
    private static string? NoAppendLeft(string snippet)
        => snippet.Contains(".append(", StringComparison.Ordinal) ? "DataFrame.append is still called (removed in pandas 2.0)" : null;

    private LlmOptions Options(ScriptedChatServer server) => new()
    {
        Endpoint = server.Endpoint,
        Model = "qwen2.5-coder-test",
        ApiKeyEnvironmentVariable = keyVariable,
        Timeout = TimeSpan.FromSeconds(10),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    };

    private async Task<LlmMigrationResult> Migrate(LlmOptions options, IPromptStrategy? strategy = null, MigrationSite? site = null, IReadOnlyList<RuleHint>? rules = null)
    {
        using var backend = LlmBackend.Create(options);
        using var migrator = new LlmMigrator(backend, options);
        var context = new PromptContext(site ?? Site) { Rules = rules ?? [] };
        var result = await migrator.MigrateAsync(context, strategy ?? new ZeroShotStrategy(), NoAppendLeft);
        AssertNoSecret(result);
        return result;
    }

    private void AssertNoSecret(LlmMigrationResult result)
    {
        var json = JsonSerializer.Serialize(result);
        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(keyVariable, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_answer_is_accepted_and_the_request_carries_the_key_model_and_greedy_sampling()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Answer(Right));
        var result = await Migrate(Options(server) with { StopSequences = ["\n\n\n"], MaxTokens = 300 });

        Assert.True(result.Applicable, result.Reason);
        Assert.Equal(LlmOutcome.Accepted, result.Outcome);
        Assert.Equal("df = pd.concat([df, feb])", result.Code);
        Assert.Empty(result.NewImports);
        Assert.Equal("zero-shot", result.Strategy);
        Assert.Equal(new ZeroShotStrategy().TemplateVersion, result.TemplateVersion);
        Assert.Equal("qwen2.5-coder-test", result.ModelId);
        Assert.Matches("^[0-9a-f]{64}$", result.PromptHash);
        Assert.Equal([Right], result.RawAnswers);
        Assert.False(result.FromCache);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(1, attempt.Requests);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {secret}", request.Authorization);
        Assert.Equal("qwen2.5-coder-test", (string?)request.Body["model"]);
        Assert.Equal(0.0, (double)request.Body["temperature"]!);
        Assert.Equal("\n\n\n", (string?)request.Body["stop"]![0]);
        Assert.Equal(300, (int)request.Body["max_completion_tokens"]!);
        Assert.Equal(42, (long)request.Body["seed"]!);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Contains("Return only the migrated code in one ```python block", request.Messages[1].Content, StringComparison.Ordinal);
        Assert.Contains("df = df.append(feb)", request.Messages[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_answer_is_rejected_by_the_check_fed_back_and_a_right_second_answer_is_accepted()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Answer(Wrong), ScriptedReply.Answer(Right));
        var result = await Migrate(Options(server));

        Assert.True(result.Applicable, result.Reason);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Equal(LlmOutcome.CheckFailed, result.Attempts[0].Outcome);
        Assert.Equal("DataFrame.append is still called (removed in pandas 2.0)", result.Attempts[0].Reason);
        Assert.Equal(LlmOutcome.Accepted, result.Attempts[1].Outcome);

        // The second request is the first conversation, the rejected answer, and the reason.
        var second = server.Requests[1].Messages;
        Assert.Equal(["system", "user", "assistant", "user"], second.Select(m => m.Role));
        Assert.Equal(Wrong, second[2].Content);
        Assert.Contains("rejected: DataFrame.append is still called (removed in pandas 2.0).", second[3].Content, StringComparison.Ordinal);
        Assert.Contains("```python block", second[3].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_wrong_answers_give_up_and_leave_the_site_unchanged()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Answer(Wrong), ScriptedReply.Answer(Wrong));
        var result = await Migrate(Options(server));

        Assert.False(result.Applicable);
        Assert.Equal(LlmOutcome.CheckFailed, result.Outcome);
        Assert.Null(result.Code);
        Assert.Equal("DataFrame.append is still called (removed in pandas 2.0)", result.Reason);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_empty_answer_is_never_applicable()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Answer(""), ScriptedReply.Answer("   \n"));
        var result = await Migrate(Options(server));

        Assert.False(result.Applicable);
        Assert.Null(result.Code);
        Assert.All(result.Attempts, a => Assert.Equal(LlmOutcome.EmptyAnswer, a.Outcome));
        Assert.Equal("the answer has no code", result.Reason);
        // The empty answer is shown to the model as such when asking again.
        Assert.Equal("(empty answer)", server.Requests[1].Messages[2].Content);
    }

    [Fact]
    public async Task Prose_around_the_code_is_stripped()
    {
        using var server = ScriptedChatServer.Start(
            ScriptedReply.Answer("Sure! DataFrame.append was removed, so here is the migrated code:\n\n" + Right + "\n\nThis uses pd.concat instead."));
        var result = await Migrate(Options(server));

        Assert.True(result.Applicable, result.Reason);
        Assert.Equal("df = pd.concat([df, feb])", result.Code);
    }

    [Fact]
    public async Task Bare_code_with_prose_and_a_new_import_is_split_into_code_and_import()
    {
        using var server = ScriptedChatServer.Start(
            ScriptedReply.Answer("Here is the migrated code:\nimport pandas as pd\nfrom pandas import concat\ndf = concat([df, feb])\nHope this helps you out!"));
        var result = await Migrate(Options(server));

        Assert.True(result.Applicable, result.Reason);
        Assert.Equal("df = concat([df, feb])", result.Code);
        Assert.Equal(["from pandas import concat"], result.NewImports);
    }

    [Fact]
    public async Task Truncated_code_does_not_parse_and_is_rejected_twice()
    {
        using var server = ScriptedChatServer.Start(
            ScriptedReply.Answer("```python\ndf = pd.concat([df,\n"), ScriptedReply.Answer("```python\ndf = pd.concat([df, feb]"));
        var result = await Migrate(Options(server));

        Assert.False(result.Applicable);
        Assert.Null(result.Code);
        Assert.All(result.Attempts, a => Assert.Equal(LlmOutcome.SyntaxError, a.Outcome));
        Assert.StartsWith("the code does not parse", result.Reason, StringComparison.Ordinal);
        Assert.Contains("the code does not parse", server.Requests[1].Messages[3].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_identical_to_the_input_is_rejected_as_unchanged()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Answer("```python\ndf = df.append(feb)\n```"), ScriptedReply.Answer(Right));
        var result = await Migrate(Options(server));

        Assert.Equal(LlmOutcome.Unchanged, result.Attempts[0].Outcome);
        Assert.True(result.Applicable, result.Reason);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_the_retry_succeeds()
    {
        // A spare fast reply: on a loaded machine the first retry may time out too; what matters is
        // that the slow request timed out and a retry then succeeded.
        using var server = ScriptedChatServer.Start(
            ScriptedReply.Answer(Right, delay: TimeSpan.FromSeconds(30)), ScriptedReply.Answer(Right), ScriptedReply.Answer(Right));
        var result = await Migrate(Options(server) with { Timeout = TimeSpan.FromSeconds(2) });

        Assert.True(result.Applicable, result.Reason);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal("no answer within the timeout of 2 s", attempt.RequestErrors[0]);
        Assert.All(attempt.RequestErrors, e => Assert.Equal("no answer within the timeout of 2 s", e));
        Assert.Equal(attempt.RequestErrors.Count + 1, attempt.Requests);
    }

    [Fact]
    public async Task Http_500_then_success_is_retried()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Error(500), ScriptedReply.Answer(Right));
        var result = await Migrate(Options(server));

        Assert.True(result.Applicable, result.Reason);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(2, attempt.Requests);
        Assert.Equal(["the server answered HTTP 500"], attempt.RequestErrors);
    }

    [Fact]
    public async Task Malformed_json_then_success_is_retried()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.MalformedJson(), ScriptedReply.Answer(Right));
        var result = await Migrate(Options(server));

        Assert.True(result.Applicable, result.Reason);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(2, attempt.Requests);
        Assert.StartsWith("the server's response is not valid JSON", Assert.Single(attempt.RequestErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_failures_past_the_retry_limit_fail_the_request_without_a_feedback_round()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Error(503), ScriptedReply.Error(502), ScriptedReply.Error(500));
        var result = await Migrate(Options(server));

        Assert.False(result.Applicable);
        Assert.Equal(LlmOutcome.RequestFailed, result.Outcome);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(3, attempt.Requests);
        Assert.Null(attempt.RawAnswer);
        Assert.Equal("the server answered HTTP 500 (after 3 requests)", result.Reason);
    }

    [Fact]
    public async Task A_refused_request_is_not_retried_and_a_key_echoed_by_the_server_is_redacted()
    {
        using var server = ScriptedChatServer.Start(ScriptedReply.Error(401, $"Incorrect API key provided: {secret}"));
        var result = await Migrate(Options(server));

        Assert.Equal(LlmOutcome.RequestFailed, result.Outcome);
        Assert.Equal(1, Assert.Single(result.Attempts).Requests);
        Assert.Contains("HTTP 401", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", result.Reason, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_rerun_with_the_cache_and_no_server_gives_the_same_result()
    {
        var cacheDir = Path.Combine(tempDir, "cache");
        LlmOptions options;
        LlmMigrationResult first;
        using (var server = ScriptedChatServer.Start(ScriptedReply.Answer(Wrong), ScriptedReply.Answer(Right)))
        {
            options = Options(server) with { CacheDirectory = cacheDir };
            first = await Migrate(options);
        }
        Assert.True(first.Applicable, first.Reason);
        Assert.False(first.FromCache);

        // The server is gone: only the cache can answer, both the first answer and the one after feedback.
        var second = await Migrate(options);

        Assert.True(second.FromCache);
        Assert.Equal(first.Code, second.Code);
        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Equal(first.RawAnswers, second.RawAnswers);
        Assert.Equal(first.PromptHash, second.PromptHash);
        Assert.Equal(first.Attempts.Select(a => a.CacheKey), second.Attempts.Select(a => a.CacheKey));
        Assert.All(second.Attempts, a => Assert.Equal(0, a.Requests));

        var files = Directory.GetFiles(cacheDir, "*", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".json", f, StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(keyVariable, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task At_most_the_concurrency_limit_of_requests_is_in_flight()
    {
        var slow = Enumerable.Range(0, 6).Select(_ => ScriptedReply.Answer(Right, delay: TimeSpan.FromMilliseconds(200))).ToArray();
        using var server = ScriptedChatServer.Start(slow);
        var options = Options(server) with { MaxConcurrency = 2 };
        using var backend = LlmBackend.Create(options);
        using var migrator = new LlmMigrator(backend, options);

        var sites = Enumerable.Range(0, 6).Select(i => Site with { Code = $"df{i} = df{i}.append(feb)" });
        var results = await Task.WhenAll(sites.Select(s => migrator.MigrateAsync(new PromptContext(s), new ZeroShotStrategy(), NoAppendLeft)));

        Assert.Equal(6, server.Requests.Count);
        Assert.All(results, r => Assert.True(r.Applicable, r.Reason));
        Assert.InRange(server.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task A_site_cut_from_a_file_is_migrated_and_spliced_back_with_its_indentation()
    {
        const string before = "import pandas as pd\n\n\ndef load_all(paths):\n    result = pd.DataFrame()\n    for p in paths:\n        result = result.append(\n            pd.read_csv(p),\n            ignore_index=True,\n        )\n    return result\n";
        const string after = "import pandas as pd\n\n\ndef load_all(paths):\n    result = pd.DataFrame()\n    for p in paths:\n        result = pd.concat(\n            [result, pd.read_csv(p)],\n            ignore_index=True,\n        )\n    return result\n";
        var source = SourceText.From(before);
        int start = before.IndexOf("result.append(", StringComparison.Ordinal);
        var site = SiteExtractor.Extract(PythonParser.Parse(source), start, start + "result.append(".Length, "pandas", "1.5", "2.0");
        using var server = ScriptedChatServer.Start(
            ScriptedReply.Answer("```python\nresult = pd.concat(\n    [result, pd.read_csv(p)],\n    ignore_index=True,\n)\n```"));

        var result = await Migrate(Options(server), new RuleGuidedStrategy(), site, [new RuleHint("pandas.DataFrame.append-removed", "use pandas.concat", "$a.append($b)", "pd.concat([$a, $b])", 0.7)]);

        Assert.True(result.Applicable, result.Reason);
        Assert.Contains("Change this part (line 7): `result.append(`", server.Requests[0].Messages[1].Content, StringComparison.Ordinal);
        var edited = SourceEdits.Apply(source, [new TextEdit(site.StartByte, site.EndByte, site.Reindent(result.Code!))]);
        Assert.Equal(after, edited.Text);
    }

    [Fact]
    public async Task Every_strategy_goes_through_the_same_client_path()
    {
        var pairs = TestData.Pairs();
        var context = new PromptContext(Site)
        {
            Rules = [new RuleHint("pandas.DataFrame.append-removed", "DataFrame.append was removed; concatenate with pandas.concat.", "$df.append($other)", "pd.concat([$df, $other])", 0.7)],
            Docs = DocHint.FromPairs(pairs, ["pandas.DataFrame.append-removed"]),
        };
        foreach (var name in PromptStrategies.Names)
        {
            using var server = ScriptedChatServer.Start(ScriptedReply.Answer(Right));
            var options = Options(server);
            using var backend = LlmBackend.Create(options);
            using var migrator = new LlmMigrator(backend, options);
            var strategy = PromptStrategies.Create(name, new Bm25Retriever(pairs));

            var result = await migrator.MigrateAsync(context, strategy, NoAppendLeft);

            Assert.True(result.Applicable, $"{name}: {result.Reason}");
            Assert.Equal(name, result.Strategy);
            Assert.Equal(strategy.TemplateVersion, result.TemplateVersion);
        }
    }
}
