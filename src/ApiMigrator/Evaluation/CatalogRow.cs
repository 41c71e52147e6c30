using ApiMigrator.Rules;

namespace ApiMigrator.Evaluation;

/// <summary>
/// The <c>rules + catalog</c> row of <c>apimig eval</c>: the rule tier with the learned rules and the shipped catalog
/// of documented changes (<c>data/rules/catalog</c>) together, beside the learner-only <c>rules</c> row.
/// The catalog is written from the libraries' official documentation, not from any split, so adding it to rules
/// learned from the train split leaks nothing from the evaluated pairs.
/// </summary>
/// <remarks>
/// Where a learned rule and a catalog rule match the same site, the rewriter decides as it does for any two rules
/// (as <c>apimig migrate</c> does with the shipped learned rules and the catalog): the more confident match is applied
/// first and an overlapping one is dropped; equal confidences go by position, then by rule id (ordinal). Confidence
/// is prior × evidence: a hand-written rule's prior is 0.95, a learned rule's grows with its support (3 pairs
/// without metavariables: 0.97), so a well-supported learned rule wins and a catalog entry wins over a rule learned
/// from one or two pairs. An import statement goes to the rename rule that would be applied at its references
/// (<see cref="Matching.RuleSet.RenameRuleFor"/>), so the import and the code never follow different rules.
/// </remarks>
public static class CatalogRow
{
    /// <summary>The row's label in reports and <c>metrics.json</c>.</summary>
    public const string Label = "rules + catalog";

    /// <summary>What the row does, for reports.</summary>
    public const string Description = "learned rules and the shipped catalog of documented changes, applied directly at confidence ≥ the direct threshold";

    /// <summary>The catalog rules shipped with the tool (every <c>data/rules/catalog/*.yaml</c> entry).</summary>
    public static IReadOnlyList<MigrationRule> ShippedCatalog() => [.. ShippedRules.Load().Where(r => ShippedRules.IsCatalogRule(r.Id))];

    /// <summary>The rules of the row: the learned rules, then the catalog's (the order only breaks exact ties; see the remarks).</summary>
    public static IReadOnlyList<MigrationRule> Combine(IReadOnlyList<MigrationRule> learned, IReadOnlyList<MigrationRule> catalog) => [.. learned, .. catalog];

    /// <summary>Runs the rule tier with the learned rules and the catalog over the setup's pairs.</summary>
    public static StrategyRun Run(EvaluationSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var rulesFor = RuleTierEvaluation.PerLibrary(Combine(setup.Rules, setup.CatalogRules));
        var predictions = RuleTierEvaluation.Run(setup.Pairs, rulesFor, setup.Hybrid.DirectRewrite);
        return new StrategyRun(EvaluationStrategies.Rules, null, predictions) { Label = Label };
    }
}
