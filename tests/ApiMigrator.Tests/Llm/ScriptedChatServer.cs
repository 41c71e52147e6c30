using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiMigrator.Tests.Llm;

/// <summary>One scripted response of <see cref="ScriptedChatServer"/>.</summary>
internal sealed record ScriptedReply(int Status, string Body, TimeSpan Delay = default)
{
    /// <summary>A well-formed chat completion whose message content is <paramref name="content"/>.</summary>
    public static ScriptedReply Answer(string content, TimeSpan delay = default) => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-scripted",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "scripted-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
    }.ToJsonString(), delay);

    /// <summary>An HTTP error with an OpenAI-style error body.</summary>
    public static ScriptedReply Error(int status, string message = "scripted failure")
        => new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error" } }.ToJsonString());

    /// <summary>HTTP 200 whose body is not JSON.</summary>
    public static ScriptedReply MalformedJson() => new(200, "{\"id\": \"chatcmpl-broken\", \"choices\": [{\"message\": {\"content\": \"x = 1");
}

/// <summary>A request the server received.</summary>
internal sealed record RecordedRequest(string Path, string? Authorization, JsonNode Body)
{
    /// <summary>The chat messages of the request as (role, content).</summary>
    public IReadOnlyList<(string Role, string Content)> Messages
        => Body["messages"]!.AsArray().Select(m => ((string)m!["role"]!, ContentText(m["content"]))).ToList();

    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue v => (string)v!,
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };
}

/// <summary>
/// A minimal OpenAI-compatible server on 127.0.0.1 (a free port) that answers POST /v1/chat/completions
/// with scripted replies, in order, and records each request. Used to test the real HTTP client path.
/// A request beyond the script gets HTTP 400, which the client does not retry, so a test that sends one
/// too many fails visibly.
/// </summary>
internal sealed class ScriptedChatServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<ScriptedReply> script;
    private readonly Func<RecordedRequest, ScriptedReply>? responder;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private int next = -1;
    private int inFlight;
    private int maxInFlight;

    private ScriptedChatServer(IEnumerable<ScriptedReply> script, int port, Func<RecordedRequest, ScriptedReply>? responder = null)
    {
        this.script = [.. script];
        this.responder = responder;
        Port = port;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    /// <summary>The base URL an OpenAI client is given (requests go to {Endpoint}/chat/completions).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1");

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>The most requests that were being handled at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public static ScriptedChatServer Start(params ScriptedReply[] script) => new(script, FreePort());

    /// <summary>A server whose reply is a function of the request (a scripted "model"), for runs whose request order varies.</summary>
    public static ScriptedChatServer Start(Func<RecordedRequest, ScriptedReply> responder) => new([], FreePort(), responder);

    private static int FreePort()
    {
        // Ask the OS for a free port, then listen on it (HttpListener cannot bind port 0 itself).
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoop()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        int now = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, now);
        bool counted = true;
        void Done()
        {
            if (counted) { counted = false; Interlocked.Decrement(ref inFlight); }
        }
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            var request = new RecordedRequest(path, context.Request.Headers["Authorization"], JsonNode.Parse(body) ?? new JsonObject());
            requests.Enqueue(request);
            int index = Interlocked.Increment(ref next);
            var reply = path != "/v1/chat/completions"
                ? ScriptedReply.Error(404, $"no route {path}")
                : responder is not null ? responder(request)
                : index < script.Count ? script[index] : ScriptedReply.Error(400, $"unscripted request #{index + 1}");
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay);
            // The request stops counting before the answer goes out: once the client has the answer it may
            // send its next request, and that must not look like one more in flight.
            Done();
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException or JsonException)
        {
            // The client gave up (a timeout test) or the server is stopping: nothing to answer.
        }
        finally
        {
            Done();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    public void Dispose()
    {
        if (listener.IsListening) listener.Stop();
        listener.Close();
    }
}
