using ApiMigrator.Rules;

namespace ApiMigrator.Cli.Commands;

/// <summary>Loading rules for a command: the shipped rules, or --rules files; then --select/--ignore; errors printed.</summary>
internal static class RuleInput
{
    /// <summary>The help of every command's <c>--rules</c>.</summary>
    public const string RulesHelp = "Rule files (YAML) to use instead of the shipped rules, comma-separated or repeated";

    /// <summary>
    /// The rule files named: a file as it is, a folder as its <c>*.yaml</c> and <c>*.yml</c> files (not its subfolders), in
    /// name order. Null (and a message) when a name is neither, or a folder holds no rule file.
    /// </summary>
    internal static List<string>? Expand(string[] names, TextWriter error)
    {
        var files = new List<string>();
        foreach (var f in names)
        {
            if (Directory.Exists(f))
            {
                var inFolder = Directory.EnumerateFiles(f).Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (inFolder.Count == 0) { error.WriteLine($"apimig: {f} is a folder with no rule files (*.yaml) in it"); return null; }
                files.AddRange(inFolder);
            }
            else if (File.Exists(f)) files.Add(f);
            else { error.WriteLine($"apimig: no such rule file: {f}"); return null; }
        }
        return files;
    }

    public static IReadOnlyList<MigrationRule>? Load(string[] files, IReadOnlyList<string> select, IReadOnlyList<string> ignore, TextWriter error)
    {
        var rules = new List<MigrationRule>();
        if (files.Length == 0) rules.AddRange(ShippedRules.Load());
        if (Expand(files, error) is not { } named) return null;
        foreach (var f in named)
        {
            var (loaded, errors) = RuleFile.Load(f);
            foreach (var e in errors) error.WriteLine($"apimig: {e}");
            if (errors.Count > 0) return null;
            // A file with no rules (empty, or only comments) would make the run silently do nothing.
            if (loaded.Count == 0) { error.WriteLine($"apimig: rule file {f} holds no rules (docs/RULES.md describes the format)"); return null; }
            rules.AddRange(loaded);
        }
        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) { error.WriteLine($"apimig: rule '{duplicate.Key}' is defined in more than one rule file"); return null; }
        var (chosen, unmatched) = RuleSelection.Apply(rules, select, ignore);
        if (unmatched.Count > 0)
        {
            foreach (var u in unmatched) error.WriteLine($"apimig: '{u}' names no rule or library (see 'apimig rules list')");
            return null;
        }
        return chosen;
    }
}
