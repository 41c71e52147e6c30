using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ApiMigrator.Llm;

/// <summary>What determines an answer, and so its cache key. Holds no secret: the API key is never part of it.</summary>
/// <param name="Messages">The prompt messages, in order.</param>
/// <param name="ModelId">The model id.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="MaxTokens">Token limit.</param>
/// <param name="StopSequences">Stop sequences.</param>
/// <param name="Seed">Sampling seed.</param>
/// <param name="TemplateVersion">Strategy template version.</param>
public sealed record AnswerRequest(
    IReadOnlyList<PromptMessage> Messages, string ModelId, double Temperature, int MaxTokens, IReadOnlyList<string> StopSequences, long Seed, string TemplateVersion)
{
    /// <summary>
    /// SHA-256 (hex) of a canonical JSON form of everything above. Canonical (fixed property order,
    /// invariant number format) so that the same request maps to the same file on every machine.
    /// </summary>
    public string Key()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", 1);
            w.WriteString("model", ModelId);
            w.WriteString("temperature", Temperature.ToString("R", CultureInfo.InvariantCulture));
            w.WriteNumber("max_tokens", MaxTokens);
            w.WriteStartArray("stop");
            foreach (var s in StopSequences) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteNumber("seed", Seed);
            w.WriteString("template", TemplateVersion);
            w.WritePropertyName("messages");
            WriteMessages(w, Messages);
            w.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>SHA-256 (hex) of the messages alone: identifies the prompt text in results.</summary>
    public static string HashMessages(IReadOnlyList<PromptMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) WriteMessages(w, messages);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteMessages(Utf8JsonWriter w, IReadOnlyList<PromptMessage> messages)
    {
        w.WriteStartArray();
        foreach (var m in messages)
        {
            w.WriteStartObject();
            w.WriteString("role", m.Role.ToString().ToLowerInvariant());
            w.WriteString("text", m.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

/// <summary>
/// A content-addressed answer cache on disk: <c>DIR/ab/abcdef….json</c> holds the answer for the
/// request whose <see cref="AnswerRequest.Key"/> is <c>abcdef…</c>. With greedy decoding an answer is a
/// function of its request, so a re-run with the cache and no server gives the same results. Writes are
/// atomic (temporary file, then rename), so parallel runs and a crash never leave a half-written entry;
/// an unreadable entry is a miss, and is overwritten by the next answer.
/// </summary>
internal sealed class AnswerCache
{
    /// <summary>A cache in <paramref name="directory"/> (created when the first answer is stored).</summary>
    public AnswerCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>The stored answer for <paramref name="key"/>, or null.</summary>
    public string? TryGet(string key)
    {
        var path = PathOf(key);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.TryGetProperty("key", out var k) && k.GetString() == key && root.TryGetProperty("answer", out var a) && a.ValueKind == JsonValueKind.String)
                return a.GetString();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="answer"/> under <paramref name="request"/>'s key, atomically.</summary>
    public void Put(AnswerRequest request, string answer)
    {
        var key = request.Key();
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temp))
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                // Model and template are stored for people reading the cache; only key and answer are read back.
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("model", request.ModelId);
                w.WriteString("template", request.TemplateVersion);
                w.WriteString("answer", answer);
                w.WriteEndObject();
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key[..2], key + ".json");
}
