using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiMigrator.Llm.Prompts;

/// <summary>
/// A prompt template read from an embedded text file (<c>Llm/Templates/NAME.txt</c>): <c># key: value</c>
/// header lines, then <c>[system]</c> / <c>[user]</c> sections whose text may hold <c>{{placeholder}}</c>s.
/// Templates are data so that a wording change is a visible, versioned diff, not a code change.
/// </summary>
internal sealed partial class PromptTemplate
{
    private readonly List<(PromptRole Role, string Text)> sections;

    private PromptTemplate(string name, string declaredVersion, string text, List<(PromptRole, string)> sections)
    {
        Name = name;
        this.sections = sections;
        // The declared version plus a digest of the file: editing the wording without bumping the
        // version still shows up in results (and the cache key, which hashes the rendered messages).
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        Version = $"{declaredVersion}+{digest}";
    }

    /// <summary>Template name, e.g. <c>zero-shot</c>.</summary>
    public string Name { get; }

    /// <summary>The header's version and a digest of the template text, e.g. <c>1+3fa9c2d1</c>.</summary>
    public string Version { get; }

    /// <summary>The placeholders the template uses.</summary>
    public IReadOnlySet<string> Placeholders => sections.SelectMany(s => Placeholder().Matches(s.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Loads an embedded template by name; throws if it is missing or malformed (a build defect).</summary>
    public static PromptTemplate Load(string name)
    {
        var resource = $"ApiMigrator.Llm.Templates.{name}.txt";
        using var stream = typeof(PromptTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"prompt template '{name}' is not embedded (expected resource {resource})");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(name, reader.ReadToEnd());
    }

    /// <summary>Parses template text (see the class summary for the format).</summary>
    public static PromptTemplate Parse(string name, string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        string? version = null;
        var sections = new List<(PromptRole, string)>();
        PromptRole? role = null;
        var body = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (role is null && line.StartsWith('#'))
            {
                var header = line.TrimStart('#').Trim();
                if (header.StartsWith("version:", StringComparison.Ordinal)) version = header["version:".Length..].Trim();
                continue;
            }
            PromptRole? next = line switch
            {
                "[system]" => PromptRole.System,
                "[user]" => PromptRole.User,
                "[assistant]" => PromptRole.Assistant,
                _ => null,
            };
            if (next is not null)
            {
                Flush();
                role = next;
                continue;
            }
            if (role is null)
            {
                if (line.Length > 0) throw new FormatException($"prompt template '{name}': text before the first [system]/[user] section: '{line}'");
                continue;
            }
            body.Append(line).Append('\n');
        }
        Flush();
        if (version is null) throw new FormatException($"prompt template '{name}' has no '# version:' header");
        if (sections.Count == 0) throw new FormatException($"prompt template '{name}' has no sections");
        return new PromptTemplate(name, version, text, sections);

        void Flush()
        {
            if (role is { } r) sections.Add((r, body.ToString().Trim('\n')));
            body.Clear();
        }
    }

    /// <summary>
    /// Fills the placeholders in one pass (inserted values are never re-scanned, so code containing
    /// <c>{{x}}</c> is safe). A placeholder without a value is a defect in the strategy and throws.
    /// </summary>
    public IReadOnlyList<PromptMessage> Render(IReadOnlyDictionary<string, string> values)
        => sections.Select(s => new PromptMessage(s.Role, Placeholder().Replace(s.Text, m =>
            values.TryGetValue(m.Groups[1].Value, out var v)
                ? v
                : throw new InvalidOperationException($"prompt template '{Name}' needs a value for {{{{{m.Groups[1].Value}}}}}")))).ToList();

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
