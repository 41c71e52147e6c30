using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ApiMigrator.Files;
using ApiMigrator.Versions;

namespace ApiMigrator.Configuration;

/// <summary>What the command line sets; null (or empty) where it says nothing, so the configuration decides.</summary>
public sealed record CommandLineSettings
{
    /// <summary><c>--select</c>.</summary>
    public IReadOnlyList<string>? Select { get; init; }
    /// <summary><c>--ignore</c>.</summary>
    public IReadOnlyList<string>? Ignore { get; init; }
    /// <summary><c>--exclude</c> (replaces the configuration's <c>exclude</c>).</summary>
    public IReadOnlyList<string>? Exclude { get; init; }
    /// <summary><c>--unsafe</c>.</summary>
    public bool? Unsafe { get; init; }
    /// <summary><c>--min-confidence</c>.</summary>
    public double? MinConfidence { get; init; }
    /// <summary><c>--target-version</c>.</summary>
    public ReleaseVersion? TargetVersion { get; init; }
    /// <summary><c>--target LIB=VERSION</c>.</summary>
    public IReadOnlyDictionary<string, VersionRange> Targets { get; init; } = new Dictionary<string, VersionRange>(StringComparer.Ordinal);
    /// <summary><c>--config FILE</c>: this file for every path, no discovery.</summary>
    public string? ConfigFile { get; init; }
    /// <summary><c>--isolated</c>: no configuration file and no project metadata.</summary>
    public bool Isolated { get; init; }
}

/// <summary>The settings in force for one path, each with where it came from (<c>apimig config</c> prints them).</summary>
public sealed record EffectiveSettings
{
    /// <summary>The configuration file in force, or null.</summary>
    public string? ConfigPath { get; init; }
    /// <summary>The project folder whose metadata was read, or null.</summary>
    public string? ProjectDirectory { get; init; }
    /// <summary>The folder globs are relative to: the configuration file's, else the current folder.</summary>
    public required string BaseDirectory { get; init; }
    /// <summary>Libraries or rules to apply (empty: all).</summary>
    public required Sourced<IReadOnlyList<string>> Select { get; init; }
    /// <summary>Libraries or rules to skip.</summary>
    public required Sourced<IReadOnlyList<string>> Ignore { get; init; }
    /// <summary>Globs of files to skip.</summary>
    public required Sourced<IReadOnlyList<string>> Exclude { get; init; }
    /// <summary>More globs of files to skip.</summary>
    public required Sourced<IReadOnlyList<string>> ExtendExclude { get; init; }
    /// <summary>Per-file rule skips.</summary>
    public IReadOnlyList<PerFileIgnore> PerFileIgnores { get; init; } = [];
    /// <summary>Extra rule files (full paths).</summary>
    public required Sourced<IReadOnlyList<string>> Rules { get; init; }
    /// <summary>Apply unsafe and breaking fixes.</summary>
    public required Sourced<bool> Unsafe { get; init; }
    /// <summary>The direct tier's threshold.</summary>
    public required Sourced<double> MinConfidence { get; init; }
    /// <summary>Python and library targets.</summary>
    public required ProjectTargets Targets { get; init; }
    /// <summary>Model settings from the configuration file.</summary>
    public IReadOnlyDictionary<string, Sourced<object>> Llm { get; init; } = new Dictionary<string, Sourced<object>>(StringComparer.Ordinal);

    /// <summary>The per-file-ignores entries that apply to <paramref name="file"/>.</summary>
    public IReadOnlyList<string> IgnoredIn(string file)
    {
        var result = new List<string>();
        foreach (var p in PerFileIgnores)
            if (GlobMatches(p.Glob, file)) result.AddRange(p.Entries);
        return result;
    }

    /// <summary>True when <c>exclude</c> or <c>extend-exclude</c> skip <paramref name="file"/>.</summary>
    public bool IsExcluded(string file) => Exclude.Value.Concat(ExtendExclude.Value).Any(g => GlobMatches(g, file));

    private bool GlobMatches(string glob, string file)
    {
        var patterns = IgnorePatterns.Parse(BaseDirectory, [glob], namesMatchAnywhere: true);
        var full = Path.GetFullPath(file);
        if (patterns.Match(full, isDirectory: false) == true) return true;
        // A folder pattern (`build/`, `tests/fixtures`) covers the files under it.
        for (var dir = Path.GetDirectoryName(full); dir is not null && dir.Length > BaseDirectory.Length; dir = Path.GetDirectoryName(dir))
            if (patterns.Match(dir, isDirectory: true) == true) return true;
        return false;
    }

    /// <summary>The settings as <c>apimig config</c> prints them: TOML-like lines, each with its source.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("# configuration: ").Append(ConfigPath ?? "none").Append('\n');
        sb.Append("# project:       ").Append(ProjectDirectory ?? "none").Append('\n');
        void Line(string key, string value, string source) => sb.Append($"{key} = {value}".PadRight(40)).Append("  # ").Append(source).Append('\n');
        static string List(IReadOnlyList<string> l) => "[" + string.Join(", ", l.Select(x => $"\"{x}\"")) + "]";
        Line("target-version", $"\"{PythonVersions.Spell(Targets.Python)}\"", Targets.PythonSource);
        Line("select", List(Select.Value), Select.Source);
        Line("ignore", List(Ignore.Value), Ignore.Source);
        Line("exclude", List(Exclude.Value), Exclude.Source);
        Line("extend-exclude", List(ExtendExclude.Value), ExtendExclude.Source);
        Line("unsafe", Unsafe.Value ? "true" : "false", Unsafe.Source);
        Line("min-confidence", MinConfidence.Value.ToString("0.###", CultureInfo.InvariantCulture), MinConfidence.Source);
        Line("rules", List(Rules.Value), Rules.Source);
        foreach (var p in PerFileIgnores) Line($"per-file-ignores.\"{p.Glob}\"", List(p.Entries), p.Source);
        if (Targets.Libraries.Count == 0) sb.Append("# targets: none declared; every library at the newest version the rules know\n");
        foreach (var (lib, t) in Targets.Libraries.OrderBy(k => k.Key, StringComparer.Ordinal)) Line($"targets.{lib}", $"\"{t.Range}\"", t.Source);
        foreach (var (key, v) in Llm.OrderBy(k => k.Key, StringComparer.Ordinal))
            Line($"llm.{key}", v.Value is string s ? $"\"{s}\"" : v.Value is string[] a ? List(a) : Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "", v.Source);
        return sb.ToString();
    }
}

/// <summary>
/// Finds the settings for each path the way ruff does: the closest configuration file wins (<c>apimig.toml</c>,
/// else a <c>pyproject.toml</c> with <c>[tool.apimig]</c>, searched from the file's folder upward; no merging
/// of several files); <c>--config FILE</c> replaces discovery; <c>--isolated</c> reads no file at all. Project
/// metadata (<c>requires-python</c>, dependencies) comes from the closest project folder (<see cref="ProjectMetadata"/>).
/// Precedence per key: command line, configuration file, project metadata, default. Results are cached per folder;
/// safe to use from several threads.
/// </summary>
public sealed class ConfigResolver(CommandLineSettings commandLine, double defaultMinConfidence)
{
    private readonly ConcurrentDictionary<string, Lazy<TomlDocument>> documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EffectiveSettings> byFolder = new(StringComparer.Ordinal);

    /// <summary>What the command line sets.</summary>
    public CommandLineSettings CommandLine => commandLine;

    /// <summary>The settings for a file (or a folder). Throws <see cref="ConfigError"/> for a bad configuration or project file.</summary>
    public EffectiveSettings For(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        if (byFolder.TryGetValue(folder, out var known)) return known;
        var settings = Resolve(folder);
        return byFolder.GetOrAdd(folder, settings);
    }

    private TomlDocument Load(string file) => documents.GetOrAdd(file, f => new Lazy<TomlDocument>(() => TomlDocument.Load(f))).Value;

    private ConfigFile? FindConfig(string folder)
    {
        if (commandLine.Isolated) return null;
        if (commandLine.ConfigFile is { } explicitFile)
        {
            var full = Path.GetFullPath(explicitFile);
            if (!File.Exists(full)) throw new ConfigError(explicitFile, 0, "no such configuration file");
            return ConfigFile.Load(full, Load) ?? throw new ConfigError(explicitFile, 0, "has no [tool.apimig] table");
        }
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var standalone = Path.Combine(dir, "apimig.toml");
            if (File.Exists(standalone)) return ConfigFile.Load(standalone, Load);
            var pyproject = Path.Combine(dir, "pyproject.toml");
            if (File.Exists(pyproject) && ConfigFile.Load(pyproject, Load) is { } config) return config;
        }
        return null;
    }

    private ProjectMetadata? FindProject(string folder)
    {
        if (commandLine.Isolated) return null;
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
            if (ProjectMetadata.IsProjectFolder(dir)) return ProjectMetadata.Read(dir, Load);
        return null;
    }

    private EffectiveSettings Resolve(string folder)
    {
        var config = FindConfig(folder);
        var project = FindProject(folder);
        var cli = commandLine;
        static Sourced<IReadOnlyList<string>> None(string source) => new([], source);

        var python = cli.TargetVersion is { } tv ? new Sourced<ReleaseVersion>(tv, "--target-version")
            : config?.TargetVersion is { } ctv ? ctv with { Source = "target-version in " + ctv.Source }
            : project?.RequiresPython is { Value.Lower: { } lower } rp ? new Sourced<ReleaseVersion>(PythonVersions.Clamp(lower), rp.Source)
            : new Sourced<ReleaseVersion>(PythonVersions.Default, $"default (no --target-version, target-version or requires-python)");
        var libraries = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal);
        foreach (var (lib, t) in project?.Dependencies ?? new Dictionary<string, LibraryTarget>()) libraries[lib] = t;
        foreach (var (lib, t) in config?.Targets ?? new Dictionary<string, LibraryTarget>()) libraries[lib] = t;
        foreach (var (lib, r) in cli.Targets) libraries[LibraryNames.FromDistribution(lib)] = new LibraryTarget(r, $"--target {lib}");
        // A dependency with no bound says nothing about versions: the newest the rules know.
        foreach (var lib in libraries.Where(kv => kv.Value.Range.Lower is null && kv.Value.Range.Upper is null).Select(kv => kv.Key).ToList()) libraries.Remove(lib);

        return new EffectiveSettings
        {
            ConfigPath = config?.Path,
            ProjectDirectory = project?.Directory,
            BaseDirectory = config?.Directory ?? Directory.GetCurrentDirectory(),
            Select = cli.Select is { Count: > 0 } s ? new(s, "--select") : config?.Select ?? None("default (all rules)"),
            Ignore = cli.Ignore is { Count: > 0 } i ? new(i, "--ignore") : config?.Ignore ?? None("default"),
            Exclude = cli.Exclude is { Count: > 0 } ? None("--exclude (relative to the current folder)") : config?.Exclude ?? None("default"),
            ExtendExclude = config?.ExtendExclude ?? None("default"),
            PerFileIgnores = config?.PerFileIgnores ?? [],
            Rules = config?.Rules ?? None("default (the shipped rules, or --rules)"),
            Unsafe = cli.Unsafe is true ? new(true, "--unsafe") : config?.Unsafe ?? new(false, "default"),
            MinConfidence = cli.MinConfidence is { } mc ? new(mc, "--min-confidence") : config?.MinConfidence ?? new(defaultMinConfidence, "default"),
            Targets = new ProjectTargets { Python = python.Value, PythonSource = python.Source, Libraries = libraries },
            Llm = config?.Llm ?? new Dictionary<string, Sourced<object>>(StringComparer.Ordinal),
        };
    }
}
