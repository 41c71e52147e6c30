using ApiMigrator.Llm;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Hybrid;

/// <summary>
/// Plans the model tiers' sites from the matches the direct tier left: one site per statement, routed by its best match's
/// confidence to the guided tier (the rule guides the model) or the plain tier.
/// </summary>
internal static class SitePlanner
{
    /// <summary>The sites for <paramref name="matches"/> in <paramref name="tree"/> (the direct tier's output), in document order.</summary>
    public static IEnumerable<PlannedSite> Plan(SyntaxTree tree, IReadOnlyList<RuleMatch> matches, FileContext context, HybridOptions options)
    {
        // One site per smallest enclosing statement; a statement inside another site's statement (a call in
        // a `with` header and one in its body) joins the outer site, so no two answers replace overlapping bytes.
        var groups = new List<(SyntaxNode Statement, List<RuleMatch> Matches)>();
        foreach (var m in matches)
        {
            if (SiteExtractor.EnclosingStatement(m.Node) is not { } statement) continue;
            groups.Add((statement, [m]));
        }
        groups.Sort((a, b) => a.Statement.StartByte != b.Statement.StartByte
            ? a.Statement.StartByte.CompareTo(b.Statement.StartByte)
            : b.Statement.EndByte.CompareTo(a.Statement.EndByte));
        var merged = new List<(SyntaxNode Statement, List<RuleMatch> Matches)>();
        foreach (var g in groups)
        {
            if (merged.Count > 0 && g.Statement.StartByte < merged[^1].Statement.EndByte) merged[^1].Matches.AddRange(g.Matches);
            else merged.Add(g);
        }
        foreach (var (statement, group) in merged)
        {
            var ordered = group.OrderByDescending(m => m.Confidence).ThenBy(m => m.Node.StartByte).ThenBy(m => m.Rule.Id, StringComparer.Ordinal).ToList();
            var best = ordered[0];
            var tier = best.Confidence >= options.GuidedThreshold ? MigrationTier.Guided : MigrationTier.Plain;
            var routing = tier == MigrationTier.Guided
                ? ordered.Where(m => m.Confidence >= options.GuidedThreshold).DistinctBy(m => m.Rule.Id).ToList()
                : ordered.DistinctBy(m => m.Rule.Id).ToList();
            var library = best.Rule.Library is { Length: > 0 } l && l != "unknown" ? l : context.Library;
            var site = SiteExtractor.Extract(tree, best.Node.StartByte, best.Node.EndByte, library,
                best.Rule.FromVersion ?? context.FromVersion, best.Rule.ToVersion ?? context.ToVersion);
            if (site.StartByte != statement.StartByte)
            {
                // The best match sits in a nested statement of a merged site: the site is the outer statement.
                site = SiteExtractor.Extract(tree, statement.StartByte, statement.StartByte, library,
                    best.Rule.FromVersion ?? context.FromVersion, best.Rule.ToVersion ?? context.ToVersion) with { Target = best.Node.Text, Line = best.Line };
            }
            site = site with { ChangeRequired = tier == MigrationTier.Guided };
            var route = best.Confidence >= options.MinConfidence && options.ApplyRulesDirectly
                ? $"confidence {TierRoute.F(best.Confidence)} ≥ {TierRoute.F(options.MinConfidence)}, but the rule was not applied directly ({(best.Rule.Safety == Safety.Unsafe ? "unsafe rule" : "it could not rewrite the site")}); the rule guides the model"
                : TierRoute.Of(best.Confidence, options, tier);
            var docs = context.Docs.Concat(routing.Select(m => RuleHints.Doc(m.Rule)).OfType<DocHint>()).ToList();
            yield return new PlannedSite(tier, site, routing, route) { Docs = docs, Column = best.Column };
        }
    }

    /// <summary>The whole file as one plain-tier site (a dataset pair's <c>before</c> snippet that no rule matches).</summary>
    public static PlannedSite WholeFile(SourceText source, FileContext context)
    {
        // The trailing line end stays outside the site, so the answer (which has none) keeps the file's.
        var text = source.Text.TrimEnd('\r', '\n', ' ', '\t');
        var site = new MigrationSite(text, context.Library, context.FromVersion, context.ToVersion)
        {
            Line = 1,
            FilePath = source.Path,
            StartByte = 0,
            EndByte = System.Text.Encoding.UTF8.GetByteCount(text),
            ChangeRequired = false,
        };
        return new PlannedSite(MigrationTier.Plain, site, [], "no rule matches the snippet") { Docs = context.Docs };
    }
}
