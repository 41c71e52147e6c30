using System.CommandLine;
using System.Text;
using ApiMigrator.Rules;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig rules list|show`: what each rule does, why, an example, its safety, support and source.</summary>
internal static class RulesCommand
{
    public static Command Create(CliConsole console)
    {
        var cmd = new Command("rules",
            "List and explain migration rules (the shipped ones, or --rules FILE…).\n\n" +
            "Examples:\n  apimig rules list\n  apimig rules list --select numpy\n  apimig rules show numpy.float_-to-numpy.float64\n  apimig rules coverage");
        cmd.Subcommands.Add(List(console));
        cmd.Subcommands.Add(Show(console));
        cmd.Subcommands.Add(Coverage(console));
        return cmd;
    }

    private static Command List(CliConsole console)
    {
        var rules = RuleInput.RulesOption();
        var select = new Option<string[]>("--select") { Description = "Only these libraries or rule ids, comma-separated or repeated (globs work)", HelpName = "LIB|RULE" };
        var cmd = new Command("list",
            "One line per rule: id, library, kind, safety, support (training pairs), what it does.\n\n" +
            "Examples:\n  apimig rules list\n  apimig rules list --select pandas,sqlalchemy\n  apimig rules list --rules my-rules.yaml")
        { rules, select };
        cmd.SetAction(r =>
        {
            var loaded = RuleInput.Load(RuleInput.List(r.GetValue(rules)), RuleInput.List(r.GetValue(select)), [], console.Error);
            if (loaded is null) return CliApp.ExitCodes.UsageOrInput;
            int idWidth = Math.Min(60, loaded.Select(x => x.Id.Length).DefaultIfEmpty(2).Max());
            console.Out.WriteLine($"{"ID".PadRight(idWidth)}  {"LIBRARY",-10}  {"KIND",-10}  {"SAFETY",-6}  {"SUPPORT",7}  WHAT");
            foreach (var rule in loaded.OrderBy(x => x.Library, StringComparer.Ordinal).ThenBy(x => x.Id, StringComparer.Ordinal))
            {
                var what = What(rule);
                if (what.Length > 100) what = what[..99] + "…";
                console.Out.WriteLine($"{rule.Id.PadRight(idWidth)}  {rule.Library,-10}  {RuleRegistry.Name(rule.Kind),-10}  {rule.Safety.ToString().ToLowerInvariant(),-6}  {rule.Support,7}  {what}");
            }
            console.Out.WriteLine($"{loaded.Count} rules{(r.GetValue(rules) is { Length: > 0 } ? "" : " (shipped)")}; 'apimig rules show ID' explains one");
            return CliApp.ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Show(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The rule id (as 'apimig rules list' prints it)" };
        var rules = RuleInput.RulesOption();
        var cmd = new Command("show",
            "Explain one rule: what it does and why, its pattern and replacement, an example, safety, support and source.\n\n" +
            "Examples:\n  apimig rules show numpy.float_-to-numpy.float64\n  apimig rules show my-rule --rules my-rules.yaml")
        { id, rules };
        cmd.SetAction(r =>
        {
            var loaded = RuleInput.Load(RuleInput.List(r.GetValue(rules)), [], [], console.Error);
            if (loaded is null) return CliApp.ExitCodes.UsageOrInput;
            var wanted = r.GetValue(id)!;
            var rule = loaded.FirstOrDefault(x => x.Id == wanted);
            if (rule is null)
            {
                console.Error.WriteLine($"apimig: no rule '{wanted}'");
                var near = loaded.Where(x => x.Id.Contains(wanted, StringComparison.OrdinalIgnoreCase) || wanted.Contains(x.Id, StringComparison.OrdinalIgnoreCase))
                    .Select(x => x.Id).Take(10).ToList();
                if (near.Count > 0) console.Error.WriteLine("did you mean: " + string.Join(", ", near));
                return CliApp.ExitCodes.UsageOrInput;
            }
            console.Out.Write(Describe(rule));
            return CliApp.ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Coverage(CliConsole console)
    {
        var cmd = new Command("coverage",
            "Per library: how many documented changes the shipped catalog holds (docs/CATALOG.md), how many are applied\n" +
            "automatically (safe), need --unsafe, or are only reported (manual); how many change keywords; how many rules\n" +
            "were learned from the dataset besides; and the breadth target. Exit code 1 when a target is not met.\n\n" +
            "Examples:\n  apimig rules coverage");
        cmd.SetAction(_ =>
        {
            var lines = CatalogCoverage.Compute(ShippedRules.Load(), r => ShippedRules.IsCatalogRule(r.Id));
            console.Out.WriteLine($"{"LIBRARY",-11} {"ENTRIES",7} {"SAFE",6} {"UNSAFE",6} {"MANUAL",6} {"KEYWORD",7} {"LEARNED",7} {"TARGET",6}  MET");
            foreach (var l in lines)
                console.Out.WriteLine($"{l.Library,-11} {l.Entries,7} {l.Safe,6} {l.Unsafe,6} {l.Manual,6} {l.KeywordChanges,7} {l.Learned,7} {(l.Target == 0 ? "—" : l.Target.ToString(System.Globalization.CultureInfo.InvariantCulture)),6}  {(l.Target == 0 ? "" : l.TargetMet ? "yes" : "no")}");
            int entries = lines.Sum(l => l.Entries), target = lines.Sum(l => l.Target);
            console.Out.WriteLine($"{"total",-11} {entries,7} {lines.Sum(l => l.Safe),6} {lines.Sum(l => l.Unsafe),6} {lines.Sum(l => l.Manual),6} {lines.Sum(l => l.KeywordChanges),7} {lines.Sum(l => l.Learned),7} {target,6}  {(entries >= target && lines.All(l => l.TargetMet) ? "yes" : "no")}");
            console.Out.WriteLine("Every entry is a rule with a test pair (its example) and cites its library's official documentation.");
            return lines.All(l => l.TargetMet) ? CliApp.ExitCodes.Ok : CliApp.ExitCodes.Found;
        });
        return cmd;
    }

    private static string What(MigrationRule r) => r.Description.Length > 0 ? r.Description : $"{r.Match} → {r.Replace ?? "(keyword changes)"}";

    /// <summary>What a project needs for the rule to be applied (the target gate's view of it).</summary>
    private static string Requirement(MigrationRule r)
    {
        var lib = r.Library == "stdlib" ? "Python" : r.Library;
        if (Versions.PythonSyntaxRequirement.Of(r) is { } syntax)
            return $"Python {syntax.Runtime} where the output is evaluated at runtime ({syntax.Feature}); " +
                   $"Python {Versions.PythonSyntaxRequirement.Deferred} in annotations that are never evaluated";
        var parts = new List<string>();
        if (r.IntroducedVersion is not null) parts.Add($"the replacement exists from {lib} {r.IntroducedVersion}: a project that allows older gets a breaking fix (--unsafe)");
        else if (r.ToVersion is not null) parts.Add($"no 'introduced' recorded: the replacement is assumed new in {lib} {r.ToVersion}");
        if (r.ToVersion is not null && r.Library != "stdlib") parts.Add($"not applied when the project's {lib} range stays below {r.ToVersion}");
        return parts.Count == 0 ? "no version requirement recorded" : string.Join("; ", parts);
    }

    private static string Describe(MigrationRule r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Id).Append('\n');
        var versions = r.FromVersion is null && r.ToVersion is null ? "" : $" {r.FromVersion ?? "?"} → {r.ToVersion ?? "?"}";
        sb.Append($"  library   {r.Library}{versions}\n");
        sb.Append($"  kind      {RuleRegistry.Name(r.Kind)}\n");
        sb.Append($"  safety    {r.Safety.ToString().ToLowerInvariant()} — {r.Safety switch
        {
            Safety.Safe => "applied by default",
            Safety.Unsafe => "applied only with --unsafe; otherwise reported",
            _ => "never applied; every match is reported for a person to migrate",
        }}\n");
        sb.Append(r.Support == 0
            ? "  support   hand-written\n"
            : $"  support   {r.Support} training pair{(r.Support == 1 ? "" : "s")} ({r.Conflicts} conflicting, {r.NegativeHits} negative pairs matched)\n");
        sb.Append($"  requires  {Requirement(r)}\n");
        if (r.Source is not null) sb.Append($"  source    {r.Source}\n");
        if (r.Note is not null) sb.Append($"  note      {r.Note}\n");
        if (r.Patterns.Count > 0) sb.Append($"  patterns  {string.Join(", ", r.Patterns)}\n");
        sb.Append('\n').Append(What(r)).Append("\n\n");
        sb.Append($"  match     {r.Match}\n");
        if (r.Replace is not null) sb.Append($"  replace   {r.Replace}\n");
        if (r is ParameterRule { Ops.Count: > 0 } p)
            foreach (var op in p.Ops)
                sb.Append($"  op        {op.Op switch
                {
                    KeywordOpKind.Rename => $"rename keyword {op.Keyword}= to {op.NewKeyword}=",
                    KeywordOpKind.Remove => op.Value is null ? $"remove keyword {op.Keyword}=" : $"remove keyword {op.Keyword}={op.Value}",
                    KeywordOpKind.MapValue => $"{op.Keyword}={op.Value} becomes {op.Keyword}={op.NewValue}",
                    _ => $"{op.Keyword}=$v becomes {op.NewKeyword}={op.NewValue}",
                }}\n");
        foreach (var (hole, types) in r.Where) sb.Append($"  where     ${hole} is {string.Join(" or ", types)}\n");
        if (r.AbsentKeywords.Count > 0) sb.Append($"  absent    {string.Join(", ", r.AbsentKeywords)}\n");
        foreach (var (hole, kind) in r.HoleKinds) sb.Append($"  where     ${hole} is a {kind} literal\n");
        foreach (var imp in r.AddImports) sb.Append($"  imports   {imp}\n");
        if (r.Example is { } ex)
        {
            sb.Append("\nExample, before:\n").Append(Indent(ex.Before));
            sb.Append("after:\n").Append(Indent(ex.After));
        }
        return sb.ToString();
    }

    private static string Indent(string code)
    {
        var sb = new StringBuilder();
        foreach (var line in code.TrimEnd('\n').Split('\n')) sb.Append("    ").Append(line).Append('\n');
        return sb.ToString();
    }
}

/// <summary>Loading rules for a command: the shipped rules, or --rules files; then --select/--ignore; errors printed.</summary>
internal static class RuleInput
{
    public static Option<string[]> RulesOption() => new("--rules")
    {
        Description = "Rule files (YAML) to use instead of the shipped rules, comma-separated or repeated",
        HelpName = "FILE",
    };

    /// <summary>A list option's values: repeated options and comma-separated values alike.</summary>
    public static string[] List(string[]? values)
        => values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

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
