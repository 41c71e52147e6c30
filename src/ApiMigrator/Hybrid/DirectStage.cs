using ApiMigrator.Context;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Hybrid;

/// <summary>
/// The direct tier's outcome and the matches left for the model tiers (the same for every guided threshold, so a
/// threshold sweep can keep it).
/// </summary>
internal sealed record DirectStage(SourceText Current, SyntaxTree Tree, IReadOnlyList<SiteDecision> Decisions, IReadOnlyList<Finding> Findings,
    IReadOnlyList<RuleMatch> Remaining, SourceError? Refused)
{
    /// <summary>The direct tier's own result; null when the direct tier was off or the file was refused.</summary>
    public FileRewriteResult? DirectTier { get; init; }

    /// <summary>
    /// Applies the rules at or above the direct threshold (when the direct tier is on), then finds the matches the model
    /// tiers may take: not manual, not ignored, not ruled out by the project's versions, not protected by a context guard.
    /// </summary>
    public static DirectStage Run(SourceText source, RuleSet rules, HybridOptions options)
    {
        var tree = PythonParser.Parse(source);
        if (SyntaxGate.Refusal(tree, "the file is not migrated") is { } refusal)
            return new DirectStage(source, tree, [], [], [], refusal);
        var decisions = new List<SiteDecision>();
        var findings = new List<Finding>();
        var current = source;
        FileRewriteResult? direct = null;
        if (options.ApplyRulesDirectly)
        {
            direct = Rewriter.Rewrite(source, rules, options.DirectRewrite);
            findings.AddRange(direct.Findings);
            if (direct.Changed)
            {
                current = direct.Result;
                foreach (var c in direct.Changes)
                    decisions.Add(new SiteDecision(MigrationTier.Direct, c.Line, [c.RuleId], c.Confidence,
                        TierRoute.Of(c.Confidence, options, MigrationTier.Direct), Applied: true, Verified: true, Reason: null) { Column = c.Column });
                tree = PythonParser.Parse(current);
            }
        }
        var scope = ModuleScope.Build(tree);
        var found = Matcher.FindMatches(rules, scope);
        // A site a context guard protects is never sent to the model either; without the direct tier, say so here.
        var guards = found.Count == 0 ? ModuleContext.Empty : ModuleContext.Analyze(scope, found);
        var remaining = new List<RuleMatch>();
        foreach (var m in found)
        {
            if (m.Rule.Safety == Safety.Manual || Rewriter.IsIgnored(current, m)) continue;
            // A match the project's versions rule out is reported by the direct tier; the model is not asked either.
            if (rules.TargetVerdict(m, scope) is { } v && !(v.Kind == Versions.TargetVerdictKind.Breaking && options.Unsafe)) continue;
            if (guards.Protecting(m) is { } region)
            {
                if (!options.ApplyRulesDirectly) findings.Add(new Finding(m.Rule.Id, FindingKind.Skipped, m.Line, m.Column, region.Message, m.Confidence));
                continue;
            }
            remaining.Add(m);
        }
        return new DirectStage(current, tree, decisions, findings, remaining, null) { DirectTier = direct };
    }
}
