using System.Collections.Concurrent;
using ApiMigrator.Matching;
using ApiMigrator.Rules;
using ApiMigrator.Versions;
using ApiMigrator.Workspace;

namespace ApiMigrator.Configuration;

/// <summary>
/// Turns each file's <see cref="EffectiveSettings"/> into the <see cref="MigrationSettings"/> it is migrated with:
/// the rules (base rules plus the configuration's <c>rules</c> files, then <c>select</c>, <c>ignore</c> and the
/// file's <c>per-file-ignores</c>), the target gate, <c>unsafe</c> and <c>min-confidence</c>. Compiled rule sets are
/// shared by every file with the same settings. Plug it in as <see cref="MigrationSettings.FileSettings"/>.
/// </summary>
public sealed class ProjectSettings(ConfigResolver resolver, IReadOnlyList<MigrationRule> baseRules, MigrationSettings template)
{
    // Settings are a function of the configuration file, the project folder and the file's per-file-ignores (the command line is fixed).
    private readonly ConcurrentDictionary<(string, string, string), Lazy<MigrationSettings>> built = new();
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<MigrationRule>>> ruleFiles = new(StringComparer.Ordinal);

    /// <summary>The resolver behind these settings.</summary>
    public ConfigResolver Resolver => resolver;

    /// <summary>The settings for <paramref name="path"/>; throws <see cref="ConfigError"/> for a bad configuration.</summary>
    public MigrationSettings For(string path)
    {
        var effective = resolver.For(path);
        var ignored = effective.IgnoredIn(path);
        var key = (effective.ConfigPath ?? "", effective.ProjectDirectory ?? "", string.Join('\n', ignored));
        return built.GetOrAdd(key, _ => new Lazy<MigrationSettings>(() => Build(effective, ignored))).Value;
    }

    /// <summary>True when the file's configuration excludes it (<c>exclude</c>, <c>extend-exclude</c>).</summary>
    public bool IsExcluded(string path) => resolver.For(path).IsExcluded(path);

    private MigrationSettings Build(EffectiveSettings effective, IReadOnlyList<string> perFileIgnored)
    {
        var rules = new List<MigrationRule>(baseRules);
        foreach (var file in effective.Rules.Value) rules.AddRange(LoadRules(file, effective.Rules.Source));
        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ConfigError(effective.Rules.Source, 0, $"rules: rule '{duplicate.Key}' is defined more than once");
        var (chosen, _) = RuleSelection.Apply(rules, effective.Select.Value, [.. effective.Ignore.Value, .. perFileIgnored]);
        Check(rules, effective.Select);
        Check(rules, effective.Ignore);
        foreach (var p in effective.PerFileIgnores) Check(rules, new Sourced<IReadOnlyList<string>>(p.Entries, p.Source));
        return template with
        {
            Rules = new RuleSet(chosen) { Targets = new TargetGate(effective.Targets) },
            Rewrite = template.Rewrite with { MinConfidence = effective.MinConfidence.Value, Unsafe = effective.Unsafe.Value },
            FileSettings = null,
        };
    }

    private static void Check(List<MigrationRule> rules, Sourced<IReadOnlyList<string>> entries)
    {
        foreach (var e in entries.Value)
            if (!rules.Any(r => RuleSelection.Names(e, r)))
                throw new ConfigError(entries.Source, 0, $"'{e}' names no rule or library (see 'apimig rules list')");
    }

    private IReadOnlyList<MigrationRule> LoadRules(string file, string source)
        => ruleFiles.GetOrAdd(file, f => new Lazy<IReadOnlyList<MigrationRule>>(() =>
        {
            if (!File.Exists(f)) throw new ConfigError(source, 0, $"rules: no such rule file: {f}");
            var (loaded, errors) = RuleFile.Load(f);
            if (errors.Count > 0) throw new ConfigError(source, 0, $"rules: {errors[0]}");
            return loaded;
        })).Value;
}
