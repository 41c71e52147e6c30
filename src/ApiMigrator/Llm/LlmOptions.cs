using System.Globalization;

namespace ApiMigrator.Llm;

/// <summary>Where the model runs.</summary>
public enum LlmBackendKind
{
    /// <summary>An OpenAI-compatible HTTP server (<see cref="LlmOptions.Endpoint"/> + <see cref="LlmOptions.Model"/>).</summary>
    OpenAICompatible,
    /// <summary>A GGUF model file run in-process with LLamaSharp (<see cref="LlmOptions.ModelPath"/>).</summary>
    LocalGguf,
}

/// <summary>
/// How to reach the model and how to sample from it. Immutable; change with <c>with</c>. Call
/// <see cref="Validate"/> (or <see cref="EnsureValid"/>) before a run: every problem is reported at once.
/// </summary>
/// <example>
/// Server: <c>new LlmOptions { Endpoint = new Uri("http://127.0.0.1:8080/v1"), Model = "qwen2.5-coder-1.5b-instruct" }</c>.
/// In-process: <c>new LlmOptions { ModelPath = "models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf" }</c>.
/// </example>
public sealed record LlmOptions
{
    /// <summary>The default name of the environment variable that holds the server's API key.</summary>
    public const string DefaultApiKeyEnvironmentVariable = "APIMIG_LLM_API_KEY";

    /// <summary>
    /// Base URL of an OpenAI-compatible server, including the API version path
    /// (e.g. <c>http://127.0.0.1:8080/v1</c>); requests go to <c>{Endpoint}/chat/completions</c>.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model name the server knows (e.g. <c>qwen2.5-coder:1.5b</c>); required with <see cref="Endpoint"/>.</summary>
    public string? Model { get; init; }

    /// <summary>A GGUF model file to run in-process (<c>--llm-model-path FILE</c>); excludes <see cref="Endpoint"/>.</summary>
    public string? ModelPath { get; init; }

    /// <summary>
    /// The environment variable that holds the API key (e.g. <c>APIMIG_LLM_API_KEY</c>). Only the
    /// variable's name is ever stored; its value is read when the client is built and never logged,
    /// put in a message, a result or a cache key. Unset is allowed: local servers need no key.
    /// </summary>
    public string ApiKeyEnvironmentVariable { get; init; } = DefaultApiKeyEnvironmentVariable;

    /// <summary>Sampling temperature; 0 (the default) means greedy decoding, which makes answers reproducible.</summary>
    public double Temperature { get; init; }

    /// <summary>Upper bound on generated tokens per answer (e.g. 512).</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Texts that end generation (e.g. <c>"\n```\n"</c>); empty by default.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Sampling seed sent with each request; fixed so that sampled (temperature &gt; 0) runs repeat.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Time allowed for one request before it counts as a transient failure (e.g. 00:01:00).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra tries after a transient failure (HTTP 5xx or 429, a timeout, a dropped connection, a
    /// malformed response); 0 means one try only.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Wait before the first retry; each further retry waits twice as long (exponential backoff).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many requests to the model at once (e.g. 4); an in-process model always takes 1.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Folder of the answer cache (e.g. <c>.apimig/llm-cache</c>); null disables caching.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Context window of an in-process model, in tokens (prompt + answer).</summary>
    public int ContextSize { get; init; } = 4096;

    /// <summary>Which backend these options select (valid options only).</summary>
    public LlmBackendKind Backend => ModelPath is not null ? LlmBackendKind.LocalGguf : LlmBackendKind.OpenAICompatible;

    /// <summary>Every problem with these options, as sentences naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoint is null && ModelPath is null)
            errors.Add("No model: set an endpoint and model name (an OpenAI-compatible server) or a model path (a local GGUF file).");
        if (Endpoint is not null && ModelPath is not null)
            errors.Add("Choose one backend: an endpoint and a model path were both given.");
        if (Endpoint is not null)
        {
            if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
                errors.Add($"The endpoint must be an absolute http or https URL such as http://127.0.0.1:8080/v1 (got '{Endpoint}').");
            if (string.IsNullOrWhiteSpace(Model))
                errors.Add("A model name is required with an endpoint (the name the server knows, e.g. qwen2.5-coder:1.5b).");
        }
        if (ModelPath is not null)
        {
            if (string.IsNullOrWhiteSpace(ModelPath)) errors.Add("The model path is empty.");
            else if (!File.Exists(ModelPath)) errors.Add($"The model file '{ModelPath}' does not exist.");
            else if (!ModelPath.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
                errors.Add($"The model file '{ModelPath}' is not a .gguf file (LLamaSharp loads GGUF only).");
            if (ContextSize < 256) errors.Add($"The context size must be at least 256 tokens (got {ContextSize}).");
        }
        if (string.IsNullOrWhiteSpace(ApiKeyEnvironmentVariable) || ApiKeyEnvironmentVariable.Any(c => char.IsWhiteSpace(c) || c == '='))
            errors.Add($"The API key environment variable name must be a non-empty name without spaces or '=' (got '{ApiKeyEnvironmentVariable}').");
        if (double.IsNaN(Temperature) || Temperature < 0 || Temperature > 2)
            errors.Add($"The temperature must be between 0 (greedy) and 2 (got {Temperature.ToString(CultureInfo.InvariantCulture)}).");
        if (MaxTokens < 1) errors.Add($"The maximum number of tokens must be at least 1 (got {MaxTokens}).");
        if (StopSequences.Any(string.IsNullOrEmpty)) errors.Add("A stop sequence is empty.");
        if (Timeout <= TimeSpan.Zero) errors.Add($"The timeout must be positive (got {Timeout}).");
        if (MaxRetries < 0) errors.Add($"The number of retries cannot be negative (got {MaxRetries}).");
        if (RetryBaseDelay < TimeSpan.Zero) errors.Add($"The retry delay cannot be negative (got {RetryBaseDelay}).");
        if (MaxConcurrency < 1) errors.Add($"The concurrency limit must be at least 1 (got {MaxConcurrency}).");
        if (CacheDirectory is not null && string.IsNullOrWhiteSpace(CacheDirectory)) errors.Add("The cache directory is empty (use null to disable the cache).");
        return errors;
    }

    /// <summary>Throws <see cref="LlmOptionsException"/> listing every problem, if there is any.</summary>
    public LlmOptions EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new LlmOptionsException(errors);
        return this;
    }
}

/// <summary>Invalid <see cref="LlmOptions"/>; <see cref="Errors"/> names every problem.</summary>
public sealed class LlmOptionsException(IReadOnlyList<string> errors)
    : Exception("Invalid LLM options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    /// <summary>One sentence per problem.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
