using System.Globalization;
using ApiMigrator.Versions;
using Tomlyn.Model;

namespace ApiMigrator.Configuration;

/// <summary>One per-file-ignores entry: files matching <see cref="Glob"/> (relative to the config file's folder) skip these rules or libraries.</summary>
public sealed record PerFileIgnore(string Glob, IReadOnlyList<string> Entries, string Source);

/// <summary>
/// One configuration file: the <c>[tool.apimig]</c> table of a <c>pyproject.toml</c>, or the top level of an
/// <c>apimig.toml</c>. Every key is validated here; an unknown key or a bad value is a <see cref="ConfigError"/>
/// at its line. Paths in it (<c>rules</c>, globs) are relative to the file's folder.
/// </summary>
public sealed record ConfigFile
{
    /// <summary>The keys a configuration may set, with a one-line description (README's Configuration section lists them too).</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["select"] = "libraries or rule ids to apply (globs work); all when empty",
        ["ignore"] = "libraries or rule ids to skip",
        ["exclude"] = "globs of files to skip (replaced by --exclude)",
        ["extend-exclude"] = "more globs of files to skip (kept with --exclude)",
        ["per-file-ignores"] = "glob → rules or libraries to skip in matching files",
        ["unsafe"] = "also apply unsafe and breaking fixes",
        ["min-confidence"] = "apply only matches at least this confident (0..1)",
        ["target-version"] = "the lowest Python the project supports (py37 … py314)",
        ["targets"] = "library → the versions the project allows (\"2.0\" or a specifier such as \">=1.22,<2\")",
        ["rules"] = "extra rule files (YAML), added to the shipped or --rules rules",
        ["llm"] = "model settings (endpoint, model, model-path, api-key-env, cache, temperature, max-tokens, timeout, retries, concurrency, context-size, seed, stop)",
    };

    /// <summary>The model settings a configuration may set; secrets never (the key is read from the environment variable <c>api-key-env</c> names).</summary>
    public static readonly IReadOnlySet<string> LlmKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "endpoint", "model", "model-path", "api-key-env", "cache", "temperature", "max-tokens", "timeout", "retries", "concurrency", "context-size", "seed", "stop",
    };

    /// <summary>The file.</summary>
    public required string Path { get; init; }

    /// <summary>The folder its relative paths and globs are relative to.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    /// <summary><c>select</c>.</summary>
    public Sourced<IReadOnlyList<string>>? Select { get; init; }
    /// <summary><c>ignore</c>.</summary>
    public Sourced<IReadOnlyList<string>>? Ignore { get; init; }
    /// <summary><c>exclude</c>.</summary>
    public Sourced<IReadOnlyList<string>>? Exclude { get; init; }
    /// <summary><c>extend-exclude</c>.</summary>
    public Sourced<IReadOnlyList<string>>? ExtendExclude { get; init; }
    /// <summary><c>per-file-ignores</c>.</summary>
    public IReadOnlyList<PerFileIgnore> PerFileIgnores { get; init; } = [];
    /// <summary><c>unsafe</c>.</summary>
    public Sourced<bool>? Unsafe { get; init; }
    /// <summary><c>min-confidence</c>.</summary>
    public Sourced<double>? MinConfidence { get; init; }
    /// <summary><c>target-version</c>.</summary>
    public Sourced<ReleaseVersion>? TargetVersion { get; init; }
    /// <summary><c>targets</c>.</summary>
    public IReadOnlyDictionary<string, LibraryTarget> Targets { get; init; } = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal);
    /// <summary><c>rules</c>, as full paths.</summary>
    public Sourced<IReadOnlyList<string>>? Rules { get; init; }
    /// <summary><c>llm</c>: key → value (strings, numbers, booleans, string arrays), each with its source.</summary>
    public IReadOnlyDictionary<string, Sourced<object>> Llm { get; init; } = new Dictionary<string, Sourced<object>>(StringComparer.Ordinal);

    /// <summary>True for a file name that is a configuration on its own (<c>apimig.toml</c>).</summary>
    public static bool IsStandalone(string path) => System.IO.Path.GetFileName(path).Equals("apimig.toml", StringComparison.Ordinal);

    /// <summary>
    /// Reads the configuration in <paramref name="path"/>: null for a <c>pyproject.toml</c> without <c>[tool.apimig]</c>.
    /// Throws <see cref="ConfigError"/> for malformed TOML, an unknown key or a bad value.
    /// </summary>
    public static ConfigFile? Load(string path) => Load(path, TomlDocument.Load);

    internal static ConfigFile? Load(string path, Func<string, TomlDocument> load)
    {
        var doc = load(path);
        var table = IsStandalone(path) ? doc.Root : doc.Table("tool", "apimig");
        if (table is null) return null;
        if (!IsStandalone(path) && doc.Table("tool") is { } tool && tool.TryGetValue("apimig", out var t) && t is not TomlTable)
            throw doc.Error(tool, "apimig", "[tool.apimig] must be a table");
        return Read(doc, table, path);
    }

    private static ConfigFile Read(TomlDocument doc, TomlTable t, string path)
    {
        foreach (var key in t.Keys)
            if (!Keys.ContainsKey(key))
                throw doc.Error(t, key, $"unknown key '{key}'{Suggest(key)}; the keys are {string.Join(", ", Keys.Keys)}");
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var config = new ConfigFile
        {
            Path = path,
            Select = StringList(doc, t, "select"),
            Ignore = StringList(doc, t, "ignore"),
            Exclude = StringList(doc, t, "exclude"),
            ExtendExclude = StringList(doc, t, "extend-exclude"),
            Unsafe = t.TryGetValue("unsafe", out var u) ? u is bool b ? new Sourced<bool>(b, doc.Where(t, "unsafe")) : throw doc.Error(t, "unsafe", "unsafe must be true or false") : null,
            MinConfidence = t.TryGetValue("min-confidence", out var mc) ? new Sourced<double>(Confidence(doc, t, mc), doc.Where(t, "min-confidence")) : null,
            TargetVersion = t.TryGetValue("target-version", out var tv)
                ? new Sourced<ReleaseVersion>(tv is string s && PythonVersions.TryParseTarget(s) is { } v ? v
                    : throw doc.Error(t, "target-version", $"target-version must be one of {PythonVersions.Choices}, not {Show(tv)}"), doc.Where(t, "target-version"))
                : null,
        };
        if (StringList(doc, t, "rules") is { } rules)
            config = config with { Rules = rules with { Value = [.. rules.Value.Select(r => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, r)))] } };
        if (t.TryGetValue("per-file-ignores", out var pfi))
        {
            if (pfi is not TomlTable globs) throw doc.Error(t, "per-file-ignores", "per-file-ignores must be a table of glob = [rules or libraries]");
            config = config with { PerFileIgnores = [.. globs.Keys.Select(g => new PerFileIgnore(g, StringList(doc, globs, g)!.Value, doc.Where(globs, g)))] };
        }
        if (t.TryGetValue("targets", out var tg))
        {
            if (tg is not TomlTable libs) throw doc.Error(t, "targets", "targets must be a table of library = \"version or specifier\"");
            var targets = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal);
            foreach (var (lib, value) in libs)
            {
                if (value is not string spec) throw doc.Error(libs, lib, $"targets.{lib} must be a string such as \"2.0\" or \">=1.22,<2\", not {Show(value)}");
                var range = VersionRange.TryParse(spec, out var err) ?? throw doc.Error(libs, lib, $"targets.{lib}: {err}");
                targets[LibraryNames.FromDistribution(lib)] = new LibraryTarget(range, $"targets.{lib} in {doc.Where(libs, lib)}");
            }
            config = config with { Targets = targets };
        }
        if (t.TryGetValue("llm", out var llm))
        {
            if (llm is not TomlTable settings) throw doc.Error(t, "llm", "llm must be a table");
            var values = new Dictionary<string, Sourced<object>>(StringComparer.Ordinal);
            foreach (var (key, value) in settings)
            {
                if (key is "api-key" or "key" or "token" or "password" or "secret")
                    throw doc.Error(settings, key, $"llm.{key}: secrets do not belong in a configuration file; set llm.api-key-env to the name of the environment variable that holds the key");
                if (!LlmKeys.Contains(key)) throw doc.Error(settings, key, $"unknown key 'llm.{key}'; the llm keys are {string.Join(", ", LlmKeys)}");
                if (value is TomlTable or TomlTableArray) throw doc.Error(settings, key, $"llm.{key} must be a single value");
                values[key] = new Sourced<object>(value is TomlArray a ? a.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? "").ToArray() : value!, doc.Where(settings, key));
            }
            config = config with { Llm = values };
        }
        return config;
    }

    private static double Confidence(TomlDocument doc, TomlTable t, object? value)
    {
        double d = value switch { double x => x, long l => l, _ => double.NaN };
        if (double.IsNaN(d) || d < 0 || d > 1) throw doc.Error(t, "min-confidence", $"min-confidence must be a number between 0 and 1, not {Show(value)}");
        return d;
    }

    private static Sourced<IReadOnlyList<string>>? StringList(TomlDocument doc, TomlTable t, string key)
    {
        if (!t.TryGetValue(key, out var value)) return null;
        if (value is TomlArray array && array.All(x => x is string))
            return new Sourced<IReadOnlyList<string>>([.. array.Cast<string>()], doc.Where(t, key));
        throw doc.Error(t, key, $"{key} must be an array of strings, not {Show(value)}");
    }

    private static string Show(object? value) => value switch
    {
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        TomlArray => "an array",
        TomlTable => "a table",
        null => "nothing",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Suggest(string key)
    {
        var near = Keys.Keys.FirstOrDefault(k => k.Replace("-", "", StringComparison.Ordinal).Equals(key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        return near is null ? "" : $" (did you mean '{near}'?)";
    }
}
