using ApiMigrator.Matching;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting.Kinds;

/// <summary>
/// The rewrite behaviour of each rule kind (<see cref="RuleRegistry"/> lists the kinds; this folder holds
/// one rewriter per kind). The rule records in Rules/ are data only, so the rewriting lives here, where
/// edits, imports and name printing are within reach.
/// </summary>
internal static class KindRewriters
{
    /// <summary>Builds the edits for one match, or says why it cannot.</summary>
    public static RuleRewrite Rewrite(RuleMatch match, RewriteContext context) => match.Rule switch
    {
        ApiRenameRule rename => ApiRenameRewriter.Rewrite(rename, match, context),
        ParameterRule parameter => ParameterRewriter.Rewrite(parameter, match, context),
        SyntaxRule syntax => syntax.Replace is null ? RuleRewrite.Fail("rule has no replacement") : TemplateRewriter.Rewrite(syntax, match, context),
        var other => throw new NotSupportedException($"no rewriter for rule kind {other.Kind}"),
    };
}
