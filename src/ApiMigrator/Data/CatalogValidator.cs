using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Data;

/// <summary>
/// Checks a catalog file (docs/CATALOG.md) beyond what every rule file must satisfy: each entry names
/// its library in its id, cites a page of that library's official documentation, states the versions it
/// migrates between and the version that introduced its replacement, and carries an example that the
/// entry alone migrates exactly (a manual entry: reports and leaves unchanged).
/// </summary>
public static class CatalogValidator
{
    /// <summary>Problems of one loaded catalog file, as <c>file: rule 'id': message</c>.</summary>
    public static IReadOnlyList<RuleFileError> Validate(string file, IReadOnlyList<MigrationRule> entries)
    {
        var errors = new List<RuleFileError>();
        var library = Path.GetFileNameWithoutExtension(file);
        foreach (var r in entries)
        {
            void Err(string m) => errors.Add(new RuleFileError(file, r.Id, m));
            if (r.Library != library) Err($"library '{r.Library}' differs from the file's name '{library}'");
            if (!r.Id.StartsWith(r.Library + ".", StringComparison.Ordinal)) Err($"id must start with '{r.Library}.'");
            if (!OfficialSources.IsOfficial(r.Library, r.Source))
                Err(r.Source is null ? "no 'source'" : $"source '{r.Source}' is not a page of {r.Library}'s official documentation ({string.Join(", ", OfficialSources.PrefixesByLibrary.GetValueOrDefault(r.Library) ?? ["no known site"])})");
            if (string.IsNullOrWhiteSpace(r.Description)) Err("no 'description'");
            if (r.FromVersion is null || r.ToVersion is null) Err("'versions' needs 'from' and 'to'");
            if (r.Safety != Safety.Manual && r.IntroducedVersion is null) Err("'versions.introduced' (the first version with the replacement) is missing");
            if (r.Support != 0) Err("a catalog entry is hand-written: 'support' must be 0");
            if (r.Example is null) { Err("no 'example' (the entry's test pair)"); continue; }
            if (ExampleProblem(r) is { } problem) Err(problem);
        }
        return errors;
    }

    /// <summary>Why the entry does not migrate its own example exactly, or null when it does.</summary>
    public static string? ExampleProblem(MigrationRule entry)
    {
        var before = SourceText.From(entry.Example!.Before);
        if (PythonParser.Parse(before).HasErrors) return "example.before does not parse";
        if (PythonParser.Parse(SourceText.From(entry.Example.After)).HasErrors) return "example.after does not parse";
        var rules = new RuleSet([entry]);
        var options = new RewriteOptions { Unsafe = true };
        var result = Rewriter.Rewrite(before, rules, options);
        if (entry.Safety == Safety.Manual)
        {
            if (result.Changed) return "a manual entry changed its example";
            return result.Findings.Any(f => f.RuleId == entry.Id && f.Kind == FindingKind.Manual) ? null : "the manual entry reports nothing on its example";
        }
        if (result.Result.Text != entry.Example.After)
        {
            var why = result.Findings.FirstOrDefault(f => f.RuleId == entry.Id) is { } f ? $" ({f.Kind}: {f.Message})" : "";
            return $"the entry alone does not turn example.before into example.after{why}";
        }
        return Rewriter.Rewrite(result.Result, rules, options).Changed ? "a second pass changes the example again" : null;
    }
}
