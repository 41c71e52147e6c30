using System.CommandLine;
using System.Globalization;
using ApiMigrator.Hybrid;
using ApiMigrator.Llm;

namespace ApiMigrator.Cli.Options;

/// <summary>
/// The <c>--llm-*</c> options, shared by every command that may ask a model (<c>eval</c>, and <c>migrate</c>
/// when it gains the hybrid): add them with <see cref="AddTo"/>, read them with <see cref="Bind"/>.
/// </summary>
internal sealed class LlmCliOptions
{
    public Option<string?> Endpoint { get; } = new("--llm-endpoint")
    { Description = "OpenAI-compatible server, base URL with the version path (e.g. http://127.0.0.1:8080/v1); needs --llm-model", HelpName = "URL" };

    public Option<string?> Model { get; } = new("--llm-model")
    { Description = "Model name the server knows (e.g. qwen2.5-coder-1.5b-instruct)", HelpName = "NAME" };

    public Option<string?> ModelPath { get; } = new("--llm-model-path")
    { Description = "A GGUF model file run in-process (e.g. qwen2.5-coder-1.5b-instruct-q4_k_m.gguf)", HelpName = "FILE" };

    public Option<string> ApiKeyEnv { get; } = new("--llm-api-key-env")
    { Description = "Environment variable holding the server's API key (its value is never logged)", HelpName = "VAR", DefaultValueFactory = _ => LlmOptions.DefaultApiKeyEnvironmentVariable };

    public Option<string?> Cache { get; } = new("--llm-cache")
    { Description = "Answer cache folder (e.g. .apimig/llm-cache): a re-run with the same prompts needs no model requests", HelpName = "DIR" };

    public Option<double> Temperature { get; } = new("--llm-temperature")
    { Description = "Sampling temperature; 0 = greedy, reproducible", DefaultValueFactory = _ => 0 };

    public Option<int> MaxTokens { get; } = new("--llm-max-tokens")
    { Description = "Answer length limit in tokens", DefaultValueFactory = _ => 512 };

    public Option<double> Timeout { get; } = new("--llm-timeout")
    { Description = "Seconds allowed per request (raise it for a large local model)", DefaultValueFactory = _ => 60 };

    public Option<int> Retries { get; } = new("--llm-retries")
    { Description = "Retries of transient failures (HTTP 5xx/429, timeouts), with exponential backoff", DefaultValueFactory = _ => 3 };

    public Option<int> Concurrency { get; } = new("--llm-concurrency")
    { Description = "Requests in flight at once (a local model always takes 1)", DefaultValueFactory = _ => 4 };

    public Option<int> ContextSize { get; } = new("--llm-context-size")
    { Description = "Context window of a local model, in tokens", DefaultValueFactory = _ => 4096 };

    public Option<long> Seed { get; } = new("--llm-seed")
    { Description = "Sampling seed sent with every request", DefaultValueFactory = _ => 42 };

    public Option<string[]> Stop { get; } = new("--llm-stop")
    { Description = "Stop sequence (repeatable)", HelpName = "TEXT" };

    private IEnumerable<Option> All => [Endpoint, Model, ModelPath, ApiKeyEnv, Cache, Temperature, MaxTokens, Timeout, Retries, Concurrency, ContextSize, Seed, Stop];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in All) command.Options.Add(o);
    }

    /// <summary>
    /// The options as given: null when no model was named (no <c>--llm-endpoint</c>, <c>--llm-model</c> or
    /// <c>--llm-model-path</c>); errors name every problem, including tuning options given without a model.
    /// </summary>
    public (LlmOptions? Options, IReadOnlyList<string> Errors) Bind(ParseResult result)
    {
        var endpoint = result.GetValue(Endpoint);
        var model = result.GetValue(Model);
        var path = result.GetValue(ModelPath);
        if (endpoint is null && model is null && path is null)
        {
            var stray = All.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
            return stray.Count == 0 ? (null, []) : (null, [$"{string.Join(", ", stray)} need a model: give --llm-endpoint URL --llm-model NAME, or --llm-model-path FILE."]);
        }
        var errors = new List<string>();
        Uri? uri = null;
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out uri))
            errors.Add($"--llm-endpoint must be an absolute URL such as http://127.0.0.1:8080/v1 (got '{endpoint}').");
        if (endpoint is null && model is not null && path is null)
            errors.Add("--llm-model names a model on a server: give --llm-endpoint URL too (or --llm-model-path FILE for a local model).");
        if (path is not null && model is not null)
            errors.Add("--llm-model is for a server; a local model is named by --llm-model-path alone.");
        var timeout = result.GetValue(Timeout);
        if (double.IsNaN(timeout) || timeout <= 0 || timeout > TimeSpan.MaxValue.TotalSeconds)
            errors.Add($"--llm-timeout must be a positive number of seconds (got {timeout.ToString(CultureInfo.InvariantCulture)}).");
        var options = new LlmOptions
        {
            Endpoint = uri,
            Model = model,
            ModelPath = path,
            ApiKeyEnvironmentVariable = result.GetValue(ApiKeyEnv)!,
            CacheDirectory = result.GetValue(Cache),
            Temperature = result.GetValue(Temperature),
            MaxTokens = result.GetValue(MaxTokens),
            Timeout = errors.Any(e => e.StartsWith("--llm-timeout", StringComparison.Ordinal)) ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(timeout),
            MaxRetries = result.GetValue(Retries),
            MaxConcurrency = result.GetValue(Concurrency),
            ContextSize = result.GetValue(ContextSize),
            Seed = result.GetValue(Seed),
            StopSequences = result.GetValue(Stop) ?? [],
        };
        if (errors.Count == 0) errors.AddRange(options.Validate());
        return (errors.Count == 0 ? options : null, errors);
    }
}

/// <summary>The model a command was given, set up once with the same error handling everywhere.</summary>
internal static class ModelSetup
{
    /// <summary>
    /// Creates the backend and migrator for <paramref name="options"/> (both null without a model). On a
    /// setup error it writes one clear line to <paramref name="error"/> and returns false.
    /// </summary>
    public static bool TryCreate(LlmOptions? options, TextWriter error, out LlmBackend? backend, out LlmMigrator? migrator)
    {
        backend = null;
        migrator = null;
        if (options is null) return true;
        try
        {
            backend = LlmBackend.Create(options);
        }
        catch (Exception e) when (e is LlmOptionsException or IOException or InvalidOperationException or ArgumentException)
        {
            error.WriteLine($"apimig: the model could not be set up: {e.Message}");
            return false;
        }
        migrator = new LlmMigrator(backend, options);
        return true;
    }
}

/// <summary>The hybrid's options (<c>--direct-threshold</c>, <c>--guided-threshold</c>, <c>--plain-strategy</c>), shared like <see cref="LlmCliOptions"/>.</summary>
internal sealed class HybridCliOptions
{
    public Option<double> DirectThreshold { get; } = new("--direct-threshold")
    { Description = "Confidence at or above which a rule applies directly", DefaultValueFactory = _ => 0.85 };

    public Option<double> GuidedThreshold { get; } = new("--guided-threshold")
    { Description = "Confidence at or above which (below --direct-threshold) the rule guides the model; below it the model gets a plain prompt", DefaultValueFactory = _ => 0.6 };

    public Option<string> PlainStrategy { get; } = new("--plain-strategy")
    { Description = "Prompt strategy of the plain tier: zero-shot, few-shot or doc-guided", DefaultValueFactory = _ => "few-shot", HelpName = "NAME" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(DirectThreshold);
        command.Options.Add(GuidedThreshold);
        command.Options.Add(PlainStrategy);
    }

    /// <summary>The options, validated.</summary>
    public (HybridOptions Options, IReadOnlyList<string> Errors) Bind(ParseResult result)
    {
        var options = new HybridOptions
        {
            DirectThreshold = result.GetValue(DirectThreshold),
            GuidedThreshold = result.GetValue(GuidedThreshold),
            PlainStrategy = result.GetValue(PlainStrategy)!,
        };
        return (options, options.Validate());
    }
}
