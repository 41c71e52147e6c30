using System.Runtime.CompilerServices;
using ApiMigrator.Hybrid;
using ApiMigrator.Matching;
using ApiMigrator.Python;

namespace ApiMigrator.Evaluation;

/// <summary>
/// The "prompt strategy alone" experiments: a whole snippet migrated with one prompt strategy and no rules. An
/// evaluation baseline, not a way <c>apimig migrate</c> ever migrates, so it lives here rather than in the hybrid.
/// </summary>
internal static class PromptStrategyAlone
{
    /// <summary>
    /// Migrates a whole snippet with one prompt strategy and no rules: one site, the model may leave the code unchanged,
    /// and only the verifier's own checks (code present, parses) apply unless <paramref name="check"/> adds one.
    /// </summary>
    public static async Task<HybridResult> MigrateWholeAsync(this HybridMigrator hybrid, SourceText source, FileContext context, string strategy,
        Func<string, string?>? check = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hybrid);
        if (hybrid.IsRuleGuided(strategy)) throw new ArgumentException("rule-guided needs a matched rule; use MigrateAsync with ApplyRulesDirectly = false", nameof(strategy));
        var tree = PythonParser.Parse(source);
        if (tree.HasErrors)
            return new HybridResult(source, source, [], [], new SourceError(SourceErrorKind.SyntaxError, source.Path, null, "syntax error; the file is not migrated"));
        var site = SitePlanner.WholeFile(source, context) with { Strategy = strategy, Check = check is null ? null : (_, _) => check, CheckKey = check is null ? "none" : "custom:" + RuntimeHelpers.GetHashCode(check) };
        var answered = await hybrid.DecideAsync(site, new RuleSet([]), new HybridOptions(), cancellationToken).ConfigureAwait(false);
        var (result, decisions) = AnswerSplicer.Splice(source, [answered], spliceUnchanged: true);
        return new HybridResult(source, result, decisions, [], null);
    }
}
