using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace ApiMigrator.Llm;

/// <summary>
/// An <see cref="IChatClient"/> over a GGUF model run in-process by LLamaSharp (llama.cpp, CPU).
/// Written here rather than using LLamaSharp's <c>AsChatClient</c> because that adapter always stops at
/// "User:" / "Assistant:" / "System:" (so <c>class User:</c> in code would end the answer), formats
/// turns as "User: …" rather than the model's chat format, and ignores stop sequences. Prompts use
/// ChatML, the format of the Qwen2.5-Coder instruct models this backend is meant for.
/// </summary>
internal sealed class LocalModelChatClient : IChatClient
{
    private static readonly string[] EndOfTurn = ["<|im_end|>", "<|endoftext|>"];
    private static readonly ConcurrentQueue<string> NativeErrors = new();
    private readonly LLamaWeights weights;
    private readonly ModelParams parameters;
    private readonly StatelessExecutor executor;
    // One generation at a time: the executor reuses one batch buffer, and a CPU has nothing to gain.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string modelId;

    static LocalModelChatClient()
    {
        // llama.cpp logs every load step to stderr; keep only errors, to explain a failed load.
        if (!NativeLibraryConfig.LLama.LibraryHasLoaded)
        {
            NativeLibraryConfig.All.WithLogCallback((level, message) =>
            {
                if (level != LLamaLogLevel.Error) return;
                NativeErrors.Enqueue(message.Trim());
                while (NativeErrors.Count > 20) NativeErrors.TryDequeue(out _);
            });
        }
    }

    private LocalModelChatClient(LLamaWeights weights, ModelParams parameters, string modelId)
    {
        this.weights = weights;
        this.parameters = parameters;
        this.modelId = modelId;
        executor = new StatelessExecutor(weights, parameters);
    }

    /// <summary>Loads the model file; a file llama.cpp cannot read throws with llama.cpp's own error lines.</summary>
    public static LocalModelChatClient Load(string modelPath, int contextSize, string modelId)
    {
        var parameters = new ModelParams(modelPath) { ContextSize = (uint)contextSize, GpuLayerCount = 0 };
        NativeErrors.Clear();
        try
        {
            return new LocalModelChatClient(LLamaWeights.LoadFromFile(parameters), parameters, modelId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var detail = string.Join("; ", NativeErrors);
            throw new InvalidOperationException(
                $"Could not load the GGUF model '{modelPath}': {e.Message}" + (detail.Length > 0 ? $" (llama.cpp: {detail})" : ""), e);
        }
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = ChatMl(messages);
        var stops = EndOfTurn.Concat(options?.StopSequences ?? []).ToList();
        int promptTokens = weights.Tokenize(prompt, true, true, Encoding.UTF8).Length;
        int maxTokens = options?.MaxOutputTokens ?? 512;
        if (promptTokens + maxTokens > parameters.ContextSize)
            throw new InvalidOperationException($"the prompt has {promptTokens} tokens; with {maxTokens} for the answer it exceeds the context of {parameters.ContextSize} tokens");
        var inference = new InferenceParams
        {
            MaxTokens = maxTokens,
            AntiPrompts = stops,
            SamplingPipeline = new DefaultSamplingPipeline
            {
                // Temperature 0 makes llama.cpp's sampler chain keep only the most likely token: greedy.
                Temperature = options?.Temperature ?? 0f,
                Seed = (uint)(options?.Seed ?? 42),
                RepeatPenalty = 1f,
            },
        };

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        int generated = 0;
        try
        {
            await foreach (var piece in executor.InferAsync(prompt, inference, cancellationToken).ConfigureAwait(false))
            {
                text.Append(piece);
                generated++;
            }
        }
        finally
        {
            gate.Release();
        }
        cancellationToken.ThrowIfCancellationRequested();

        // The executor yields the stop text before it stops; it is not part of the answer.
        var answer = text.ToString();
        bool stopped = false;
        foreach (var stop in stops)
        {
            int at = answer.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0) { answer = answer[..at]; stopped = true; }
        }
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = modelId,
            FinishReason = stopped || generated < maxTokens ? ChatFinishReason.Stop : ChatFinishReason.Length,
            Usage = new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = generated },
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Answers are verified whole, so streaming is only provided for the interface: one update.
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
        weights.Dispose();
        gate.Dispose();
    }

    /// <summary>The ChatML form Qwen2.5 instruct models are trained on, ending with an open assistant turn.</summary>
    internal static string ChatMl(IEnumerable<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var m in messages)
        {
            var role = m.Role == ChatRole.System ? "system" : m.Role == ChatRole.Assistant ? "assistant" : "user";
            text.Append("<|im_start|>").Append(role).Append('\n').Append(m.Text).Append("<|im_end|>\n");
        }
        return text.Append("<|im_start|>assistant\n").ToString();
    }
}
