using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ApiMigrator.Data;

/// <summary>Training-data formats <see cref="PairExporter"/> writes.</summary>
public enum ExportFormat
{
    /// <summary>Supervised fine-tuning: one chat (<c>messages</c>: system, user, assistant) per line.</summary>
    Sft,
    /// <summary>Preference pairs: <c>prompt</c>, <c>chosen</c> (new API), <c>rejected</c> (old API) per line.</summary>
    Dpo,
}

/// <summary>How many pairs an export wrote, and how many it left out on purpose.</summary>
public sealed record ExportResult(int Written, int Skipped);

/// <summary>
/// Turns pairs into fine-tuning JSONL in the shapes the common trainers read as they are:
/// SFT as chat <c>messages</c> (TRL SFTTrainer, axolotl <c>chat_template</c>, LLaMA-Factory
/// sharegpt/OpenAI style), DPO as <c>prompt</c>/<c>chosen</c>/<c>rejected</c> strings (TRL DPOTrainer).
/// </summary>
public static class PairExporter
{
    /// <summary>The system message of every SFT line (and the head of every DPO prompt).</summary>
    public const string SystemPrompt =
        "You migrate Python code to a newer version of a library's API. Reply with the whole migrated " +
        "snippet and nothing else: no explanation, no code fences. Change only what the migration " +
        "requires and keep every other byte (comments, blank lines, spacing, quotes, names) as it is. " +
        "If nothing needs to change, reply with the code unchanged.";

    // Relaxed escaping keeps quotes-in-code and non-ASCII readable; the output is still valid JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The user message: an instruction naming the library and versions, then the old code in a fenced block.</summary>
    public static string UserMessage(MigrationPair pair)
    {
        var code = pair.Before.EndsWith('\n') ? pair.Before : pair.Before + "\n";
        return $"{Instruction(pair)}\n\n```python\n{code}```";
    }

    /// <summary>One sentence saying what to migrate from and to, from whatever metadata the pair has.</summary>
    public static string Instruction(MigrationPair pair)
    {
        var lib = pair.Library;
        bool versions = !string.IsNullOrEmpty(pair.FromVersion) && !string.IsNullOrEmpty(pair.ToVersion);
        if (string.IsNullOrEmpty(lib))
            return "Migrate this Python code to the current API of the libraries it uses.";
        if (lib == "stdlib")
            return versions
                ? $"Migrate this Python code from the Python {pair.FromVersion} standard library to Python {pair.ToVersion}."
                : "Migrate this Python code to the current Python standard library.";
        var name = DisplayName(lib);
        return versions
            ? $"Migrate this Python code from {name} {pair.FromVersion} to {name} {pair.ToVersion}."
            : $"Migrate this Python code to the current API of {name}.";
    }

    /// <summary>The JSON line for a pair, or null when the format has no use for it (a negative in DPO: chosen would equal rejected).</summary>
    public static string? ToJsonLine(MigrationPair pair, ExportFormat format)
    {
        if (format == ExportFormat.Dpo && pair.IsNegative) return null;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            if (format == ExportFormat.Sft)
            {
                w.WriteStartArray("messages");
                Message(w, "system", SystemPrompt);
                Message(w, "user", UserMessage(pair));
                Message(w, "assistant", pair.After);
                w.WriteEndArray();
            }
            else
            {
                w.WriteString("prompt", SystemPrompt + "\n\n" + UserMessage(pair));
                w.WriteString("chosen", pair.After);
                w.WriteString("rejected", pair.Before);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes one line per pair (in the given order) with "\n" line ends.</summary>
    public static ExportResult Write(IEnumerable<MigrationPair> pairs, ExportFormat format, TextWriter output)
    {
        int written = 0, skipped = 0;
        foreach (var pair in pairs)
        {
            if (ToJsonLine(pair, format) is { } line)
            {
                output.Write(line);
                output.Write('\n');
                written++;
            }
            else skipped++;
        }
        return new ExportResult(written, skipped);
    }

    private static void Message(Utf8JsonWriter w, string role, string content)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteString("content", content);
        w.WriteEndObject();
    }

    // The names the projects use for themselves read better in an instruction than the dataset's short ids.
    private static string DisplayName(string library) => library switch
    {
        "pandas" => "pandas",
        "numpy" => "NumPy",
        "tensorflow" => "TensorFlow",
        "sklearn" => "scikit-learn",
        "sqlalchemy" => "SQLAlchemy",
        "pydantic" => "Pydantic",
        "matplotlib" => "Matplotlib",
        "airflow" => "Apache Airflow",
        _ => library,
    };
}
