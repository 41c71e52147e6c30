using System.CommandLine;
using ApiMigrator.Cli.Settings;
using System.Text;
using ApiMigrator.Rules;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig rules list|show`: what each rule does, why, an example, its safety, support and source.</summary>
internal static class RulesCommand
{
    public static Command Create(CliConsole console) => CliCommand.Group("rules",
        "List and explain migration rules (the shipped ones, or --rules FILE…).\n\n" +
        "Examples:\n  apimig rules list\n  apimig rules list --select numpy\n  apimig rules show numpy.float_-to-numpy.float64\n  apimig rules coverage",
        CliCommand.Create<RulesListSettings>("list",
            "One line per rule: id, library, kind, safety, support (training pairs), what it does.\n\n" +
            "Examples:\n  apimig rules list\n  apimig rules list --select pandas,sqlalchemy\n  apimig rules list --rules my-rules.yaml",
            console, s => List(s, console)),
        CliCommand.Create<RulesShowSettings>("show",
            "Explain one rule: what it does and why, its pattern and replacement, an example, safety, support and source.\n\n" +
            "Examples:\n  apimig rules show numpy.float_-to-numpy.float64\n  apimig rules show my-rule --rules my-rules.yaml",
            console, s => Show(s, console)),
        CliCommand.Create<RulesCoverageSettings>("coverage",
            "Per library: how many documented changes the shipped catalog holds (docs/CATALOG.md), how many are applied\n" +
            "automatically (safe), need --unsafe, or are only reported (manual); how many change keywords; how many rules\n" +
            "were learned from the dataset besides; and the breadth target. Exit code 1 when a target is not met.\n\n" +
            "Examples:\n  apimig rules coverage",
            console, _ => Coverage(console)));

    private static int List(RulesListSettings s, CliConsole console)
    {
        var loaded = RuleInput.Load(s.Rules, s.Select, [], console.Error);
        if (loaded is null) return CliApp.ExitCodes.UsageOrInput;
        int idWidth = Math.Min(60, loaded.Select(x => x.Id.Length).DefaultIfEmpty(2).Max());
        console.Out.WriteLine($"{"ID".PadRight(idWidth)}  {"LIBRARY",-10}  {"KIND",-10}  {"SAFETY",-6}  {"SUPPORT",7}  WHAT");
        foreach (var rule in loaded.OrderBy(x => x.Library, StringComparer.Ordinal).ThenBy(x => x.Id, StringComparer.Ordinal))
        {
            var what = What(rule);
            if (what.Length > 100) what = what[..99] + "…";
            console.Out.WriteLine($"{rule.Id.PadRight(idWidth)}  {rule.Library,-10}  {RuleRegistry.Name(rule.Kind),-10}  {rule.Safety.ToString().ToLowerInvariant(),-6}  {rule.Support,7}  {what}");
        }
        console.Out.WriteLine($"{loaded.Count} rules{(s.Rules.Length > 0 ? "" : " (shipped)")}; 'apimig rules show ID' explains one");
        return CliApp.ExitCodes.Ok;
    }

    private static int Show(RulesShowSettings s, CliConsole console)
    {
        var loaded = RuleInput.Load(s.Rules, [], [], console.Error);
        if (loaded is null) return CliApp.ExitCodes.UsageOrInput;
        var wanted = s.Id;
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
    }

    private static int Coverage(CliConsole console)
    {
        var lines = CatalogCoverage.Compute(ShippedRules.Load(), r => ShippedRules.IsCatalogRule(r.Id));
        console.Out.WriteLine($"{"LIBRARY",-11} {"ENTRIES",7} {"SAFE",6} {"UNSAFE",6} {"MANUAL",6} {"KEYWORD",7} {"LEARNED",7} {"TARGET",6}  MET");
        foreach (var l in lines)
            console.Out.WriteLine($"{l.Library,-11} {l.Entries,7} {l.Safe,6} {l.Unsafe,6} {l.Manual,6} {l.KeywordChanges,7} {l.Learned,7} {(l.Target == 0 ? "—" : l.Target.ToString(System.Globalization.CultureInfo.InvariantCulture)),6}  {(l.Target == 0 ? "" : l.TargetMet ? "yes" : "no")}");
        int entries = lines.Sum(l => l.Entries), target = lines.Sum(l => l.Target);
        console.Out.WriteLine($"{"total",-11} {entries,7} {lines.Sum(l => l.Safe),6} {lines.Sum(l => l.Unsafe),6} {lines.Sum(l => l.Manual),6} {lines.Sum(l => l.KeywordChanges),7} {lines.Sum(l => l.Learned),7} {target,6}  {(entries >= target && lines.All(l => l.TargetMet) ? "yes" : "no")}");
        console.Out.WriteLine("Every entry is a rule with a test pair (its example) and cites its library's official documentation.");
        return lines.All(l => l.TargetMet) ? CliApp.ExitCodes.Ok : CliApp.ExitCodes.Found;
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
        foreach (var (label, text) in r.DetailLines) sb.Append($"  {label,-9} {text}\n");
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
