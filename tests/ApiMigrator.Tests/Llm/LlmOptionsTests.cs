using ApiMigrator.Llm;

namespace ApiMigrator.Tests.Llm;

public class LlmOptionsTests
{
    private static readonly LlmOptions Server = new() { Endpoint = new Uri("http://127.0.0.1:8080/v1"), Model = "qwen2.5-coder:1.5b" };

    [Fact]
    public void Defaults_are_greedy_with_retries_and_the_standard_key_variable()
    {
        Assert.Empty(Server.Validate());
        Assert.Equal(0, Server.Temperature);
        Assert.Equal("APIMIG_LLM_API_KEY", Server.ApiKeyEnvironmentVariable);
        Assert.Equal(LlmBackendKind.OpenAICompatible, Server.Backend);
        Assert.True(Server.MaxRetries > 0);
        Assert.Null(Server.CacheDirectory);
    }

    [Fact]
    public void No_backend_is_an_error_that_says_what_to_set()
        => Assert.Equal(
            ["No model: set an endpoint and model name (an OpenAI-compatible server) or a model path (a local GGUF file)."],
            new LlmOptions().Validate());

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = Server with
        {
            Model = " ",
            Temperature = -1,
            MaxTokens = 0,
            Timeout = TimeSpan.Zero,
            MaxRetries = -1,
            MaxConcurrency = 0,
            StopSequences = [""],
            ApiKeyEnvironmentVariable = "MY KEY",
        };

        var errors = options.Validate();

        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("A model name is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("The temperature must be between 0 (greedy) and 2 (got -1)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'MY KEY'", StringComparison.Ordinal));
        var thrown = Assert.Throws<LlmOptionsException>(() => options.EnsureValid());
        Assert.Equal(errors, thrown.Errors);
        Assert.Contains("  - The concurrency limit must be at least 1 (got 0).", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_must_be_absolute_http()
        => Assert.Contains((Server with { Endpoint = new Uri("ftp://host/v1") }).Validate(), e => e.StartsWith("The endpoint must be an absolute http or https URL", StringComparison.Ordinal));

    [Fact]
    public void A_model_path_must_exist_be_gguf_and_exclude_an_endpoint()
    {
        var missing = new LlmOptions { ModelPath = "/nonexistent/model.gguf" }.Validate();
        Assert.Equal(["The model file '/nonexistent/model.gguf' does not exist."], missing);

        var file = Path.GetTempFileName();
        try
        {
            Assert.Contains(new LlmOptions { ModelPath = file }.Validate(), e => e.EndsWith("is not a .gguf file (LLamaSharp loads GGUF only).", StringComparison.Ordinal));
            Assert.Contains((Server with { ModelPath = file }).Validate(), e => e.StartsWith("Choose one backend", StringComparison.Ordinal));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void The_key_is_never_part_of_the_options_only_its_variable_name()
    {
        var name = "APIMIG_TEST_OPTIONS_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "sk-should-not-appear");
        try
        {
            var options = Server with { ApiKeyEnvironmentVariable = name };
            Assert.DoesNotContain("sk-should-not-appear", options.ToString(), StringComparison.Ordinal);
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }
}
