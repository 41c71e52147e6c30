using ApiMigrator.Llm;
using ApiMigrator.Llm.Prompts;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Llm;

/// <summary>A tiny random-weight GGUF written at test time, loaded once for the class.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("apimig-gguf-").FullName;
        ModelPath = TinyGguf.Write(Path.Combine(Directory, "tiny.gguf"));
        Options = new LlmOptions { ModelPath = ModelPath, MaxTokens = 24, ContextSize = 2048, RetryBaseDelay = TimeSpan.Zero };
        Backend = LlmBackend.Create(Options);
    }

    public string Directory { get; }
    public string ModelPath { get; }
    public LlmOptions Options { get; }
    public LlmBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// The in-process path for real: LLamaSharp loads a GGUF file and generates through our chat client.
/// The weights are random, so the answer is garbage — and verification must reject it.
/// </summary>
public sealed class LocalModelTests(TinyModelFixture model, ITestOutputHelper output) : IClassFixture<TinyModelFixture>
{
    private static readonly MigrationSite Site = new("df = df.append(feb)", "pandas", "1.5", "2.0") { ImportLines = ["import pandas as pd"] };

    [Fact]
    public void The_backend_is_local_and_its_model_id_fingerprints_the_file()
    {
        Assert.Equal(LlmBackendKind.LocalGguf, model.Backend.Kind);
        Assert.Matches(@"^gguf:tiny\.gguf:\d+:[0-9a-f]{16}$", model.Backend.ModelId);
        Assert.Equal(model.Backend.ModelId, LlmBackend.LocalModelId(model.ModelPath));
    }

    [Fact]
    public async Task LLamaSharp_loads_the_file_and_generates_tokens_through_the_chat_client()
    {
        var response = await model.Backend.Client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You migrate Python code."), new ChatMessage(ChatRole.User, "df = df.append(feb)")],
            new ChatOptions { MaxOutputTokens = 16, Temperature = 0, Seed = 1 });

        Assert.NotNull(response.Usage);
        Assert.InRange(response.Usage.OutputTokenCount ?? 0, 1, 16);
        Assert.True(response.Usage.InputTokenCount > 10);
        Assert.NotNull(response.Text);
    }

    [Fact]
    public async Task Greedy_decoding_gives_the_same_answer_twice()
    {
        ChatMessage[] prompt = [new(ChatRole.User, "import numpy as np\nx = np.float_(1)")];
        var options = new ChatOptions { MaxOutputTokens = 12, Temperature = 0, Seed = 3 };

        var first = await model.Backend.Client.GetResponseAsync(prompt, options);
        var second = await model.Backend.Client.GetResponseAsync(prompt, options);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Its_garbage_answer_is_rejected_by_verification_and_never_applied()
    {
        using var migrator = new LlmMigrator(model.Backend, model.Options);

        var result = await migrator.MigrateAsync(new PromptContext(Site), new ZeroShotStrategy(),
            snippet => snippet.Contains(".append(", StringComparison.Ordinal) ? "DataFrame.append is still called" : null);

        foreach (var a in result.Attempts)
            output.WriteLine($"answer {a.Number}: {System.Text.Json.JsonSerializer.Serialize(a.RawAnswer)} -> {a.Outcome}: {a.Reason}");
        Assert.False(result.Applicable);
        Assert.Null(result.Code);
        Assert.NotNull(result.Reason);
        Assert.Equal(model.Backend.ModelId, result.ModelId);
        // Both answers came from the model (the second after feedback) and both were rejected.
        Assert.Equal(2, result.Attempts.Count);
        Assert.All(result.Attempts, a =>
        {
            Assert.NotNull(a.RawAnswer);
            Assert.Equal(1, a.Requests);
            Assert.NotEqual(LlmOutcome.Accepted, a.Outcome);
            Assert.NotEqual(LlmOutcome.RequestFailed, a.Outcome);
        });
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_fails_the_request_once_without_retries()
    {
        var options = model.Options with { ContextSize = 256 };
        using var backend = LlmBackend.Create(options);
        using var migrator = new LlmMigrator(backend, options);

        var result = await migrator.MigrateAsync(new PromptContext(Site), new ZeroShotStrategy());

        Assert.Equal(LlmOutcome.RequestFailed, result.Outcome);
        Assert.Equal(1, Assert.Single(result.Attempts).Requests);
        Assert.Matches(@"^the model failed: the prompt has \d+ tokens; with 24 for the answer it exceeds the context of 256 tokens \(after 1 request\)$", result.Reason);
    }

    [Fact]
    public void A_file_that_is_not_a_model_fails_to_load_with_a_clear_message()
    {
        var path = Path.Combine(model.Directory, "broken.gguf");
        File.WriteAllBytes(path, "GGUF\u0003\0\0\0not really a model"u8.ToArray());

        var e = Assert.Throws<InvalidOperationException>(() => LlmBackend.Create(new LlmOptions { ModelPath = path }));

        Assert.StartsWith($"Could not load the GGUF model '{path}'", e.Message, StringComparison.Ordinal);
    }
}
