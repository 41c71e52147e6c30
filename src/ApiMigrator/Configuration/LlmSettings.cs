using System.Globalization;
using ApiMigrator.Llm;

namespace ApiMigrator.Configuration;

/// <summary>The <c>llm</c> table of a configuration file as <see cref="LlmOptions"/>: used when the command line names no model.</summary>
public static class LlmSettings
{
    /// <summary>
    /// The model options the table describes, or null when it names no model (no <c>endpoint</c>, <c>model</c> or
    /// <c>model-path</c>). A value of the wrong type or options that do not validate are a <see cref="ConfigError"/> at the key's line.
    /// </summary>
    public static LlmOptions? ToOptions(IReadOnlyDictionary<string, Sourced<object>> llm, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(llm);
        if (!llm.ContainsKey("endpoint") && !llm.ContainsKey("model") && !llm.ContainsKey("model-path")) return null;
        var options = new LlmOptions();
        foreach (var (key, value) in llm)
        {
            options = key switch
            {
                "endpoint" => options with { Endpoint = Uri.TryCreate(Text(key, value), UriKind.Absolute, out var uri) ? uri : throw Bad(key, value, "an absolute URL") },
                "model" => options with { Model = Text(key, value) },
                "model-path" => options with { ModelPath = Path.GetFullPath(Path.Combine(baseDirectory ?? "", Text(key, value))) },
                "api-key-env" => options with { ApiKeyEnvironmentVariable = Text(key, value) },
                "cache" => options with { CacheDirectory = Path.GetFullPath(Path.Combine(baseDirectory ?? "", Text(key, value))) },
                "temperature" => options with { Temperature = Number(key, value) },
                "max-tokens" => options with { MaxTokens = (int)Integer(key, value) },
                "timeout" => options with { Timeout = TimeSpan.FromSeconds(Number(key, value)) },
                "retries" => options with { MaxRetries = (int)Integer(key, value) },
                "concurrency" => options with { MaxConcurrency = (int)Integer(key, value) },
                "context-size" => options with { ContextSize = (int)Integer(key, value) },
                "seed" => options with { Seed = Integer(key, value) },
                "stop" => options with { StopSequences = value.Value as string[] ?? throw Bad(key, value, "an array of strings") },
                _ => options,
            };
        }
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            var first = llm.Values.First();
            throw new ConfigError(first.Source, 0, $"llm: {string.Join(" ", errors)}");
        }
        return options;
    }

    private static string Text(string key, Sourced<object> v) => v.Value as string ?? throw Bad(key, v, "a string");

    private static double Number(string key, Sourced<object> v) => v.Value switch
    {
        double d => d,
        long l => l,
        _ => throw Bad(key, v, "a number"),
    };

    private static long Integer(string key, Sourced<object> v) => v.Value is long l ? l : throw Bad(key, v, "an integer");

    private static ConfigError Bad(string key, Sourced<object> v, string what)
        => new(v.Source, 0, $"llm.{key} must be {what}, not {Convert.ToString(v.Value, CultureInfo.InvariantCulture)}");
}
