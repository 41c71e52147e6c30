using System.Globalization;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Llm;

namespace ApiMigrator.Cli.Options;

/// <summary>
/// The <c>--llm-*</c> options, shared by every command that may ask a model (<c>eval</c>, <c>migrate</c>): a settings
/// group (<see cref="CliOptionGroupAttribute"/>). Defaults are <see cref="LlmOptions"/>' own.
/// </summary>
internal sealed record LlmCliSettings : CliSettings
{
    private static readonly LlmOptions Defaults = new();

    [CliOption("--llm-endpoint", Description = "OpenAI-compatible server, base URL with the version path (e.g. http://127.0.0.1:8080/v1); needs --llm-model", HelpName = "URL")]
    public string? Endpoint { get; init; }

    [CliOption("--llm-model", Description = "Model name the server knows (e.g. qwen2.5-coder-1.5b-instruct)", HelpName = "NAME")]
    public string? Model { get; init; }

    [CliOption("--llm-model-path", Description = "A GGUF model file run in-process (e.g. qwen2.5-coder-1.5b-instruct-q4_k_m.gguf)", HelpName = "FILE")]
    public string? ModelPath { get; init; }

    [CliOption("--llm-api-key-env", Description = "Environment variable holding the server's API key (its value is never logged)", HelpName = "VAR")]
    public string ApiKeyEnv { get; init; } = Defaults.ApiKeyEnvironmentVariable;

    [CliOption("--llm-cache", Description = "Answer cache folder (e.g. .apimig/llm-cache): a re-run with the same prompts needs no model requests", HelpName = "DIR")]
    public string? Cache { get; init; }

    [CliOption("--llm-temperature", Description = "Sampling temperature; 0 = greedy, reproducible")]
    public double Temperature { get; init; } = Defaults.Temperature;

    [CliOption("--llm-max-tokens", Description = "Answer length limit in tokens")]
    public int MaxTokens { get; init; } = Defaults.MaxTokens;

    [CliOption("--llm-timeout", Description = "Seconds allowed per request (raise it for a large local model)")]
    public double Timeout { get; init; } = Defaults.Timeout.TotalSeconds;

    [CliOption("--llm-retries", Description = "Retries of transient failures (HTTP 5xx/429, timeouts), with exponential backoff")]
    public int Retries { get; init; } = Defaults.MaxRetries;

    [CliOption("--llm-concurrency", Description = "Requests in flight at once (a local model always takes 1)")]
    public int Concurrency { get; init; } = Defaults.MaxConcurrency;

    [CliOption("--llm-context-size", Description = "Context window of a local model, in tokens")]
    public int ContextSize { get; init; } = Defaults.ContextSize;

    [CliOption("--llm-seed", Description = "Sampling seed sent with every request")]
    public long Seed { get; init; } = Defaults.Seed;

    [CliOption("--llm-stop", Description = "Stop sequence (repeatable)", HelpName = "TEXT")]
    public string[] Stop { get; init; } = [];

    /// <summary>No model named: no <c>--llm-endpoint</c>, <c>--llm-model</c> or <c>--llm-model-path</c>.</summary>
    public bool None => Endpoint is null && Model is null && ModelPath is null;

    /// <summary>The options as given: null when no model was named or they are not valid (<see cref="Validate"/> says why).</summary>
    public LlmOptions? Options => None || Problems().Count > 0 ? null : Build();

    /// <summary>Every problem, including tuning options given without a model.</summary>
    public override IReadOnlyList<string> Validate() => Problems();

    private List<string> Problems()
    {
        if (None)
            return Given.Count == 0 ? [] : [$"{string.Join(", ", Given)} need a model: give --llm-endpoint URL --llm-model NAME, or --llm-model-path FILE."];
        var errors = new List<string>();
        if (Endpoint is not null && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
            errors.Add($"--llm-endpoint must be an absolute URL such as http://127.0.0.1:8080/v1 (got '{Endpoint}').");
        if (Endpoint is null && Model is not null && ModelPath is null)
            errors.Add("--llm-model names a model on a server: give --llm-endpoint URL too (or --llm-model-path FILE for a local model).");
        if (ModelPath is not null && Model is not null)
            errors.Add("--llm-model is for a server; a local model is named by --llm-model-path alone.");
        if (!TimeoutIsValid)
            errors.Add($"--llm-timeout must be a positive number of seconds (got {Timeout.ToString(CultureInfo.InvariantCulture)}).");
        if (errors.Count == 0) errors.AddRange(Build().Validate());
        return errors;
    }

    private bool TimeoutIsValid => !double.IsNaN(Timeout) && Timeout > 0 && Timeout <= TimeSpan.MaxValue.TotalSeconds;

    private LlmOptions Build() => new()
    {
        Endpoint = Endpoint is not null && Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) ? uri : null,
        Model = Model,
        ModelPath = ModelPath,
        ApiKeyEnvironmentVariable = ApiKeyEnv,
        CacheDirectory = Cache,
        Temperature = Temperature,
        MaxTokens = MaxTokens,
        Timeout = TimeoutIsValid ? TimeSpan.FromSeconds(Timeout) : Defaults.Timeout,
        MaxRetries = Retries,
        MaxConcurrency = Concurrency,
        ContextSize = ContextSize,
        Seed = Seed,
        StopSequences = Stop,
    };
}
