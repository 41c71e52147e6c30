using System.Globalization;
using ApiMigrator.Hybrid;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Workspace;

/// <summary>
/// Migrates one module with the run's settings: the rules alone (<see cref="Rewriter"/>), or — with a model — the three
/// tiers (<see cref="HybridMigrator"/>), whose model-tier answers then pass the same checks as rule edits before they
/// stay: the file parses, a second rules pass changes nothing, and outside the sites only import lines changed.
/// An answer that fails them is dropped and reported, and the module keeps what the direct tier made of it.
/// </summary>
internal static class ModuleMigration
{
    public static Task<ModuleResult> MigrateAsync(SourceText source, MigrationSettings settings, CancellationToken cancellationToken)
    {
        // A file no rule could match has no site for the model either: it takes the rules' path, which does not even parse it.
        if (settings.Model is { } model && settings.Rules.AnyRuleMayApply(settings.Rules.AnchorsIn(source.Text)))
            return HybridAsync(source, settings, model, cancellationToken);
        var r = Rewriter.Rewrite(source, settings.Rules, settings.Rewrite);
        return Task.FromResult(new ModuleResult(source, r.Result, [.. r.Changes.Select(c => new ModuleChange(c, null))],
            [.. r.Findings.Select(f => new ModuleFinding(f, null))], r.Refused));
    }

    private static async Task<ModuleResult> HybridAsync(SourceText source, MigrationSettings settings, ModelTiers model, CancellationToken cancellationToken)
    {
        var options = model.For(settings);
        var h = await model.Hybrid.MigrateAsync(source, settings.Rules, model.Context, options, cancellationToken).ConfigureAwait(false);
        if (h.Refused is not null || h.DirectTier is not { } direct) return new ModuleResult(source, source, [], [], h.Refused);

        // The direct tier's decisions are one per applied change, in the same order.
        var directDecisions = h.Decisions.Where(d => d.Tier == MigrationTier.Direct).ToList();
        var changes = direct.Changes.Select((c, i) => new ModuleChange(c, i < directDecisions.Count ? directDecisions[i] : null)).ToList();
        var asked = h.Decisions.Where(d => d.Tier != MigrationTier.Direct).ToList();
        if (asked.Count == 0)
            return new ModuleResult(source, direct.Result, changes, [.. direct.Findings.Select(f => new ModuleFinding(f, null))], null);

        // The model tiers saw the direct tier's output; answers that fail the rule edits' checks in the file are dropped.
        var seen = direct.Result;
        var result = h.Result;
        if (asked.Any(d => d.Applied) && ModelEditCheck.Problem(seen, result, asked.Where(d => d.Applied).ToList(), settings.Rules, options) is { } problem)
        {
            result = seen;
            asked = [.. asked.Select(d => d.Applied ? d with { Applied = false, Code = null, NewImports = [], Reason = $"the answer was verified but not applied: {problem}" } : d)];
        }

        var lines = LineMap.Between(source, seen);
        var spans = asked.Where(d => d.SiteStartByte >= 0 && d.SiteEndByte <= seen.Length)
            .Select(d => (Decision: d, First: seen.GetPosition(d.SiteStartByte).Line, Last: seen.GetPosition(Math.Max(d.SiteStartByte, d.SiteEndByte - 1)).Line)).ToList();
        var findings = new List<ModuleFinding>();
        var superseded = new List<(SiteDecision Decision, Finding Finding)>();
        foreach (var f in direct.Findings)
        {
            // The direct tier's low-confidence and cannot-rewrite findings inside a site the model was asked about are
            // replaced by the model's decision — unless the model left the site unchanged: then they stand, with it attached.
            var site = f.Kind is FindingKind.LowConfidence or FindingKind.CannotRewrite && f.RuleId != "-"
                ? spans.FirstOrDefault(s => s.First <= lines.ToNew(f.Line) && lines.ToNew(f.Line) <= s.Last).Decision
                : null;
            if (site is null) findings.Add(new ModuleFinding(f, null));
            else if (site.LeftUnchanged) findings.Add(new ModuleFinding(f with { Message = $"{f.Message}; the model ({Describe(site)}) left it unchanged" }, site));
            else superseded.Add((site, f));
        }
        var kinds = settings.Rules.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        foreach (var d in asked.Where(d => !d.LeftUnchanged))
        {
            var rule = d.RuleIds.Count > 0 ? d.RuleIds[0] : "-";
            int line = lines.ToOld(d.Line);
            // The finding the decision replaces has the match's exact column in the original text.
            int column = superseded.FirstOrDefault(s => s.Decision == d && s.Finding.RuleId == rule && s.Finding.Line == line).Finding?.Column ?? Math.Max(1, d.Column);
            double confidence = d.Confidence ?? 0;
            if (d.Applied)
                changes.Add(new ModuleChange(new AppliedChange(rule, kinds.GetValueOrDefault(rule, RuleKind.Syntax), line, column, confidence), d));
            else
                findings.Add(new ModuleFinding(new Finding(rule, FindingKind.ModelNotApplied, line, column,
                    $"not migrated by the model ({Describe(d)}): {d.Reason ?? "no verified answer"}; the code is unchanged", confidence), d));
        }
        return new ModuleResult(source, result,
            [.. changes.OrderBy(c => c.Change.Line).ThenBy(c => c.Change.Column)],
            [.. findings.OrderBy(f => f.Finding.Line).ThenBy(f => f.Finding.Column)], null);
    }

    /// <summary><c>guided tier, rule-guided, confidence 0.71</c>.</summary>
    internal static string Describe(SiteDecision d)
        => $"{d.Tier.ToString().ToLowerInvariant()} tier, {d.Strategy ?? "no prompt"}" +
           (d.Confidence is { } c ? ", confidence " + c.ToString("0.00", CultureInfo.InvariantCulture) : "");
}
