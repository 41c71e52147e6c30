using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace ApiMigrator.Configuration;

/// <summary>A parsed TOML file that remembers the line of every key, so errors can name it.</summary>
internal sealed class TomlDocument
{
    private readonly TomlMetadataStore metadata;

    private TomlDocument(string path, TomlTable root, TomlMetadataStore metadata)
    {
        Path = path;
        Root = root;
        this.metadata = metadata;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>The top-level table.</summary>
    public TomlTable Root { get; }

    /// <summary>Parses <paramref name="path"/>; a syntax error or a duplicate key is a <see cref="ConfigError"/> at its line.</summary>
    public static TomlDocument Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ConfigError(path, 0, $"cannot read: {e.Message}"); }
        return Parse(text, path);
    }

    /// <summary>Parses TOML text named <paramref name="path"/> in messages.</summary>
    public static TomlDocument Parse(string text, string path)
    {
        // The syntax tree's validation catches what the model's reader lets through (a key defined twice).
        var syntax = Tomlyn.Parsing.SyntaxParser.Parse(text, path, true);
        if (syntax.HasErrors && syntax.Diagnostics.FirstOrDefault(d => d.Kind == Tomlyn.Syntax.DiagnosticMessageKind.Error) is { } error)
            throw new ConfigError(path, error.Span.Start.Line + 1, $"not valid TOML: {error.Message}");
        var store = new TomlMetadataStore();
        var options = new TomlSerializerOptions { MetadataStore = store, SourceName = path, DuplicateKeyHandling = TomlDuplicateKeyHandling.Error };
        try
        {
            var root = TomlSerializer.Deserialize<TomlTable>(text, options) ?? new TomlTable();
            return new TomlDocument(path, root, store);
        }
        catch (TomlException e)
        {
            var first = e.Diagnostics?.FirstOrDefault();
            var message = first?.Message ?? e.Message;
            int line = first is not null ? first.Span.Start.Line + 1 : e.Line is > 0 and var l ? l : 0;
            throw new ConfigError(path, line, $"not valid TOML: {Trim(message, path)}");
        }
    }

    private static string Trim(string message, string path)
    {
        // Tomlyn prefixes "file(line,col) : error : "; we name the file and line ourselves.
        int i = message.IndexOf(": error : ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 10)..] : message.Replace(path, "", StringComparison.Ordinal).Trim();
    }

    /// <summary>The 1-based line of <paramref name="key"/> in <paramref name="table"/>, 0 when unknown.</summary>
    public int LineOf(TomlTable table, string key)
        => metadata.TryGetProperties(table, out var props) && props is not null && props.TryGetProperty(key, out var meta) && meta?.Span is { } span ? span.Start.Line + 1 : 0;

    /// <summary><c>path:line</c> of a key.</summary>
    public string Where(TomlTable table, string key) => LineOf(table, key) is > 0 and var l ? $"{Path}:{l}" : Path;

    /// <summary>An error at a key's line.</summary>
    public ConfigError Error(TomlTable table, string key, string message) => new(Path, LineOf(table, key), message);

    /// <summary>The sub-table at a dotted path (<c>tool.apimig</c>), or null.</summary>
    public TomlTable? Table(params string[] path)
    {
        var t = Root;
        foreach (var p in path)
        {
            if (!t.TryGetValue(p, out var v) || v is not TomlTable next) return null;
            t = next;
        }
        return t;
    }
}
