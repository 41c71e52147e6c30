using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ApiMigrator.Llm.Prompts;
using Microsoft.Extensions.AI;

namespace ApiMigrator.Llm;

/// <summary>
/// Migrates one site with a model: builds the strategy's prompt, gets an answer (from the cache, or from
/// the model with a timeout and retries of transient failures), extracts and verifies the code, and when
/// the answer is rejected asks once more with the reason fed back. Then it gives up: the site stays
/// unchanged and the result says why. Model failures never throw; they become a
/// <see cref="LlmOutcome.RequestFailed"/> result. Thread-safe: at most
/// <see cref="LlmOptions.MaxConcurrency"/> requests are in flight across all calls.
/// </summary>
public sealed class LlmMigrator : IDisposable
{
    /// <summary>Answers per site: the first, and one more after feedback.</summary>
    public const int MaxAnswers = 2;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly IChatClient client;
    private readonly LlmOptions options;
    private readonly AnswerCache? cache;
    private readonly SemaphoreSlim concurrency;
    private readonly PromptTemplate feedback = PromptTemplate.Load("feedback");
    // Held only to scrub it from error text a server might echo; never stored in a result.
    private readonly string? secret;

    /// <summary>
    /// A migrator over a backend built with <see cref="LlmBackend.Create"/>. An in-process model generates
    /// one answer at a time, so there the concurrency limit is 1: queued requests would otherwise spend
    /// their timeout waiting for the model.
    /// </summary>
    public LlmMigrator(LlmBackend backend, LlmOptions options)
        : this(backend.Client, backend.ModelId, backend.Kind == LlmBackendKind.LocalGguf ? options with { MaxConcurrency = 1 } : options) { }

    /// <summary>
    /// A migrator over any chat client (e.g. an Ollama client); <paramref name="modelId"/> names the model
    /// in results and cache keys. Only the sampling, retry, concurrency and cache options are used here.
    /// </summary>
    public LlmMigrator(IChatClient client, string modelId, LlmOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var errors = options.Validate().Where(e => !e.StartsWith("No model", StringComparison.Ordinal)).ToList();
        if (errors.Count > 0) throw new LlmOptionsException(errors);
        this.client = client;
        this.options = options;
        ModelId = modelId;
        cache = options.CacheDirectory is null ? null : new AnswerCache(options.CacheDirectory);
        concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var key = Environment.GetEnvironmentVariable(options.ApiKeyEnvironmentVariable);
        secret = string.IsNullOrEmpty(key) ? null : key;
    }

    /// <summary>The model id recorded in results and cache keys.</summary>
    public string ModelId { get; }

    /// <summary>
    /// Migrates <paramref name="context"/>'s site with <paramref name="strategy"/>. <paramref name="check"/> is
    /// the caller's last word on an answer (e.g. "the rule matcher finds no old API left"): it receives the
    /// module's imports, any new imports and the migrated code, and returns a reason to reject or null.
    /// Throws only for a cancelled <paramref name="cancellationToken"/> or a context the strategy cannot use.
    /// </summary>
    public async Task<LlmMigrationResult> MigrateAsync(
        PromptContext context, IPromptStrategy strategy, Func<string, string?>? check = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var site = context.Site;
        var prompt = strategy.Build(context);
        var messages = prompt.Messages.ToList();
        var attempts = new List<LlmAttempt>();
        AnswerCode? accepted = null;
        for (int number = 1; number <= MaxAnswers; number++)
        {
            var request = new AnswerRequest(messages.ToList(), ModelId, options.Temperature, options.MaxTokens, options.StopSequences, options.Seed, prompt.TemplateVersion);
            var key = request.Key();
            var reply = await AskAsync(request, key, cancellationToken).ConfigureAwait(false);
            if (reply.Answer is null)
            {
                attempts.Add(new LlmAttempt(number, key, null, null, LlmOutcome.RequestFailed, reply.Errors[^1], false, reply.Requests, reply.Errors));
                break;
            }
            var extracted = AnswerExtractor.Extract(reply.Answer);
            var code = AnswerVerifier.SplitImports(extracted, site);
            var (outcome, reason) = AnswerVerifier.Verify(code, site, check);
            reason = Redact(reason);
            attempts.Add(new LlmAttempt(number, key, reply.Answer, extracted, outcome, reason, reply.FromCache, reply.Requests, reply.Errors));
            if (outcome == LlmOutcome.Accepted)
            {
                accepted = code;
                break;
            }
            // Feed the rejected answer and the reason back; an empty answer is shown as such, since some
            // servers refuse an assistant message without content.
            messages.Add(new PromptMessage(PromptRole.Assistant, reply.Answer.Trim().Length == 0 ? "(empty answer)" : reply.Answer));
            messages.AddRange(feedback.Render(new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reason!.TrimEnd('.') }));
        }
        var last = attempts[^1];
        return new LlmMigrationResult(
            site, prompt.Strategy, prompt.TemplateVersion, AnswerRequest.HashMessages(prompt.Messages), ModelId,
            last.Outcome, last.Reason, accepted?.Code, accepted?.NewImports ?? [], attempts, clock.Elapsed);
    }

    private async Task<(string? Answer, bool FromCache, int Requests, IReadOnlyList<string> Errors)> AskAsync(AnswerRequest request, string key, CancellationToken cancellationToken)
    {
        if (cache?.TryGet(key) is { } hit) return (hit, true, 0, []);
        var chatMessages = request.Messages.Select(ToChatMessage).ToList();
        var chatOptions = new ChatOptions
        {
            Temperature = (float)options.Temperature,
            MaxOutputTokens = options.MaxTokens,
            StopSequences = options.StopSequences.Count == 0 ? null : options.StopSequences.ToList(),
            Seed = options.Seed,
        };
        int requests = 0;
        var errors = new List<string>();
        for (int retry = 0; retry <= options.MaxRetries; retry++)
        {
            if (retry > 0) await Task.Delay(Backoff(retry), cancellationToken).ConfigureAwait(false);
            await concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            requests++;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.Timeout);
                var response = await client.GetResponseAsync(chatMessages, chatOptions, timeout.Token).ConfigureAwait(false);
                var text = response.Text ?? "";
                cache?.Put(request, text);
                return (text, false, requests, errors);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var (transient, message) = Classify(e);
                errors.Add(Redact(message)!);
                if (!transient) break;
            }
            finally
            {
                concurrency.Release();
            }
        }
        // The last error is the reason; it says how many requests were tried.
        errors[^1] = $"{errors[^1]} (after {requests} request{(requests == 1 ? "" : "s")})";
        return (null, false, requests, errors);
    }

    /// <summary>Base delay, doubled for each further retry, capped at a minute.</summary>
    internal TimeSpan Backoff(int retry)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, retry - 1);
        return delay > MaxBackoff ? MaxBackoff : delay;
    }

    /// <summary>
    /// Whether a failure may pass on retry, and a message for the result. Transient: a timeout, HTTP 5xx,
    /// 408 or 429, a failed connection, a response that is not the JSON the protocol promises.
    /// </summary>
    internal (bool Transient, string Message) Classify(Exception e) => e switch
    {
        OperationCanceledException => (true, string.Create(CultureInfo.InvariantCulture, $"no answer within the timeout of {options.Timeout.TotalSeconds:0.###} s")),
        ClientResultException { Status: >= 500 or 408 or 429 } c => (true, $"the server answered HTTP {c.Status}"),
        ClientResultException { Status: 0 } c => (true, $"the request failed: {FirstLine(c.Message)}"),
        ClientResultException c => (false, $"the server refused the request: HTTP {c.Status}{ServerMessage(c)}"),
        HttpRequestException h => (true, $"the connection failed: {FirstLine(h.Message)}"),
        IOException io => (true, $"the connection failed: {FirstLine(io.Message)}"),
        JsonException or FormatException => (true, $"the server's response is not valid JSON: {FirstLine(e.Message)}"),
        _ => (false, $"the model failed: {FirstLine(e.Message)}"),
    };

    /// <summary>The server's own error text, which the SDK puts after its "HTTP 401 (type: code)" line.</summary>
    private static string ServerMessage(ClientResultException e)
    {
        var detail = string.Join(" ", e.Message.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0));
        return detail.Length == 0 ? "" : ": " + FirstLine(detail);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private string? Redact(string? text)
        => text is null || secret is null ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    /// <summary>Releases the concurrency gate; the chat client belongs to the caller (or its <see cref="LlmBackend"/>).</summary>
    public void Dispose() => concurrency.Dispose();

    private static ChatMessage ToChatMessage(PromptMessage m) => new(
        m.Role switch { PromptRole.System => ChatRole.System, PromptRole.Assistant => ChatRole.Assistant, _ => ChatRole.User },
        m.Text);
}
