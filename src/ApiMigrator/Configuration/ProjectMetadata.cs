using System.Text.RegularExpressions;
using ApiMigrator.Versions;
using Tomlyn.Model;

namespace ApiMigrator.Configuration;

/// <summary>
/// What a project declares about its versions, read from its folder: <c>requires-python</c> (<c>[project]</c> in
/// <c>pyproject.toml</c>, else <c>python_requires</c> in <c>setup.cfg</c>) and its dependencies as version ranges
/// (<c>[project] dependencies</c> and <c>optional-dependencies</c>, <c>requirements*.txt</c>, <c>setup.cfg</c>
/// <c>install_requires</c> and <c>extras_require</c>). A library declared in several places gets the smallest range
/// containing them all: the project as a whole allows each of them.
/// </summary>
internal sealed partial record ProjectMetadata
{
    /// <summary>The project folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The declared Python range and where, or null.</summary>
    public Sourced<VersionRange>? RequiresPython { get; init; }

    /// <summary>Library (rule spelling) → declared range.</summary>
    public IReadOnlyDictionary<string, LibraryTarget> Dependencies { get; init; } = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal);

    /// <summary>The files a folder may declare a project in; the closest folder with one of them is the project.</summary>
    public static bool IsProjectFolder(string directory)
        => File.Exists(System.IO.Path.Combine(directory, "pyproject.toml")) || File.Exists(System.IO.Path.Combine(directory, "setup.cfg"))
           || RequirementFiles(directory).Any();

    private static IEnumerable<string> RequirementFiles(string directory)
    {
        try { return System.IO.Directory.EnumerateFiles(directory, "requirements*.txt").Order(StringComparer.Ordinal).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>Reads the project declared in <paramref name="directory"/>; a malformed <c>pyproject.toml</c> is a <see cref="ConfigError"/>.</summary>
    public static ProjectMetadata Read(string directory) => Read(directory, TomlDocument.Load);

    /// <summary>Reads the project with <paramref name="load"/> parsing its TOML (a cache).</summary>
    internal static ProjectMetadata Read(string directory, Func<string, TomlDocument> load)
    {
        var deps = new Dictionary<string, LibraryTarget>(StringComparer.Ordinal);
        Sourced<VersionRange>? python = null;
        var pyproject = System.IO.Path.Combine(directory, "pyproject.toml");
        if (File.Exists(pyproject))
        {
            var doc = load(pyproject);
            if (doc.Table("project") is { } project)
            {
                if (project.TryGetValue("requires-python", out var rp))
                {
                    if (rp is not string spec) throw doc.Error(project, "requires-python", "requires-python must be a string such as \">=3.9\"");
                    var range = VersionRange.TryParse(spec, out var err) ?? throw doc.Error(project, "requires-python", $"requires-python: {err}");
                    python = new Sourced<VersionRange>(range, $"requires-python \"{spec}\" in {doc.Where(project, "requires-python")}");
                }
                if (project.TryGetValue("dependencies", out var d))
                    AddAll(deps, Strings(doc, project, "dependencies", d), $"dependencies in {doc.Where(project, "dependencies")}");
                if (project.TryGetValue("optional-dependencies", out var od) && od is TomlTable extras)
                    foreach (var (extra, list) in extras)
                        AddAll(deps, Strings(doc, extras, extra, list), $"optional-dependencies.{extra} in {doc.Where(extras, extra)}");
            }
        }
        var setupCfg = System.IO.Path.Combine(directory, "setup.cfg");
        if (File.Exists(setupCfg)) ReadSetupCfg(setupCfg, deps, ref python);
        foreach (var req in RequirementFiles(directory))
        {
            var lines = File.ReadAllLines(req);
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                int hash = line.IndexOf(" #", StringComparison.Ordinal);
                if (hash >= 0) line = line[..hash];
                line = line.Trim();
                if (line.Length == 0 || line[0] is '#' or '-' || line.Contains("://", StringComparison.Ordinal)) continue;
                Add(deps, line, $"{System.IO.Path.GetFileName(req)}:{i + 1}");
            }
        }
        return new ProjectMetadata { Directory = directory, RequiresPython = python, Dependencies = deps };
    }

    private static void ReadSetupCfg(string path, Dictionary<string, LibraryTarget> deps, ref Sourced<VersionRange>? python)
    {
        var lines = File.ReadAllLines(path);
        string section = "";
        string? listKey = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.StartsWith('[') && line.EndsWith(']')) { section = line[1..^1].Trim(); listKey = null; continue; }
            bool continuation = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
            if (continuation && listKey is not null)
            {
                Add(deps, line, $"{System.IO.Path.GetFileName(path)}:{i + 1}");
                continue;
            }
            int eq = line.IndexOfAny(['=', ':']);
            if (eq < 0) continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            listKey = null;
            if (section == "options" && key == "python_requires" && python is null)
            {
                var range = VersionRange.TryParse(value, out var err) ?? throw new ConfigError(path, i + 1, $"python_requires: {err}");
                python = new Sourced<VersionRange>(range, $"python_requires \"{value}\" in {path}:{i + 1}");
            }
            else if ((section == "options" && key == "install_requires") || section == "options.extras_require")
            {
                listKey = key;
                if (value.Length > 0) Add(deps, value, $"{System.IO.Path.GetFileName(path)}:{i + 1}");
            }
        }
    }

    private static IEnumerable<string> Strings(TomlDocument doc, TomlTable table, string key, object? value)
    {
        if (value is not TomlArray array) throw doc.Error(table, key, $"{key} must be an array of requirement strings");
        foreach (var item in array)
            yield return item as string ?? throw doc.Error(table, key, $"{key} must be an array of requirement strings");
    }

    private static void AddAll(Dictionary<string, LibraryTarget> deps, IEnumerable<string> requirements, string source)
    {
        foreach (var r in requirements) Add(deps, r, source);
    }

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*\(?(?<spec>[^;@)]*)\)?\s*(;.*)?$")]
    private static partial Regex Requirement();

    /// <summary>Adds one PEP 508 requirement (<c>pandas[excel]&gt;=2.0,&lt;2.1; python_version&gt;"3.8"</c>); a URL or unparsable one is skipped.</summary>
    private static void Add(Dictionary<string, LibraryTarget> deps, string requirement, string source)
    {
        var m = Requirement().Match(requirement);
        if (!m.Success) return;
        var name = LibraryNames.FromDistribution(m.Groups["name"].Value);
        var range = VersionRange.TryParse(m.Groups["spec"].Value.Trim(), out _);
        if (range is null) return;
        // A bare name allows every version: the hull with it is unbounded too.
        deps[name] = deps.TryGetValue(name, out var known)
            ? new LibraryTarget(known.Range.Hull(range), known.Source == source ? source : $"{known.Source}; {source}")
            : new LibraryTarget(range, source);
    }
}
