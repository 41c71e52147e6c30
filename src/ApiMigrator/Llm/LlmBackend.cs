using System.ClientModel;
using System.ClientModel.Primitives;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ApiMigrator.Llm;

/// <summary>
/// A chat client built from <see cref="LlmOptions"/> and the id of the model behind it. Owns the client
/// (and an in-process model's weights): dispose it when the run ends.
/// </summary>
public sealed class LlmBackend : IDisposable
{
    private LlmBackend(IChatClient client, string modelId, LlmBackendKind kind)
    {
        Client = client;
        ModelId = modelId;
        Kind = kind;
    }

    /// <summary>The chat client (Microsoft.Extensions.AI).</summary>
    public IChatClient Client { get; }

    /// <summary>
    /// The model's id as recorded in results and cache keys: the server's model name, or for a GGUF file
    /// <c>gguf:NAME:SIZE:DIGEST</c>.
    /// </summary>
    public string ModelId { get; }

    /// <summary>Which backend this is.</summary>
    public LlmBackendKind Kind { get; }

    /// <summary>Validates the options and builds the backend they select; a GGUF file is loaded now.</summary>
    public static LlmBackend Create(LlmOptions options)
    {
        options.EnsureValid();
        if (options.Backend == LlmBackendKind.LocalGguf)
        {
            var id = LocalModelId(options.ModelPath!);
            return new LlmBackend(LocalModelChatClient.Load(options.ModelPath!, options.ContextSize, id), id, LlmBackendKind.LocalGguf);
        }
        return new LlmBackend(OpenAICompatible(options), options.Model!, LlmBackendKind.OpenAICompatible);
    }

    private static IChatClient OpenAICompatible(LlmOptions options)
    {
        // The SDK insists on a credential; servers without authentication (llama.cpp, vLLM, Ollama) ignore it.
        var key = Environment.GetEnvironmentVariable(options.ApiKeyEnvironmentVariable);
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(key) ? "no-key" : key);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            // Retries are ours (LlmMigrator): counted in results, with backoff and a per-try timeout.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // A little longer than our own per-try timeout, so ours fires first and is reported as such.
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
        };
        return new OpenAIClient(credential, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    /// <summary>
    /// Identifies a GGUF file without reading gigabytes: name, size and a digest of its first and last MiB
    /// (the header with the metadata and vocabulary, and the last tensors). Two fine-tunes of one base
    /// differ there too, since every tensor's bytes differ.
    /// </summary>
    internal static string LocalModelId(string path)
    {
        const int chunk = 1 << 20;
        using var file = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[chunk];
        int read = file.ReadAtLeast(buffer, chunk, throwOnEndOfStream: false);
        hash.AppendData(buffer, 0, read);
        if (file.Length > chunk)
        {
            file.Seek(Math.Max(chunk, file.Length - chunk), SeekOrigin.Begin);
            read = file.ReadAtLeast(buffer, chunk, throwOnEndOfStream: false);
            hash.AppendData(buffer, 0, read);
        }
        var digest = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return $"gguf:{Path.GetFileName(path)}:{file.Length}:{digest}";
    }

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();
}
