using ApiMigrator.Llm;

namespace ApiMigrator.Cli.Options;

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
