using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting.Kinds;

/// <summary>
/// How an <see cref="ApiRenameRule"/> rewrites a match. A qualified-name rename is import-aware: the
/// new name is printed with the alias the file already uses, and an import site is rewritten so the
/// name keeps resolving. A method or attribute rename on a receiver is a template.
/// </summary>
internal static class ApiRenameRewriter
{
    public static RuleRewrite Rewrite(ApiRenameRule rule, RuleMatch match, RewriteContext context)
    {
        if (rule.Replace is null) return RuleRewrite.Fail("rule has no replacement");
        if (!rule.IsQualifiedNameMatch) return TemplateRewriter.Rewrite(rule, match, context);
        if (match.IsImportSite) return ImportStatementRewriter.Rewrite(match.Node, context);

        var node = match.Node;
        var r = context.Scope.Resolve(node);
        // `from numpy import float_` binds the old name itself: rename the reference (unless aliased);
        // the import statement is rewritten by the import-site match of the same rule.
        if (rule.NewNameImportable && r.Import is { Form: ImportForm.From or ImportForm.FromAs } b && b.QualifiedName == rule.Match)
        {
            if (b.Form == ImportForm.FromAs) return RuleRewrite.None;
            var newLocal = rule.Replace[(rule.Replace.LastIndexOf('.') + 1)..];
            return newLocal == node.Text ? RuleRewrite.None : RuleRewrite.Of(TextEdit.Replace(node, newLocal));
        }
        // The import that binds this reference may itself be rewritten (`import pandas.util.testing as pdt`
        // → `import pandas.testing as pdt`): then the reference already means the new name.
        if (r.Import is { Form: not ImportForm.Import } root && r.QualifiedName is { } qn)
        {
            var key = root.Form is ImportForm.From or ImportForm.FromAs ? root.QualifiedName : root.Module;
            if (context.Rules.RenameOf(key) is { } renamedBase)
            {
                var effective = renamedBase + qn[root.QualifiedName.Length..];
                if (effective == rule.Replace) return RuleRewrite.None;
                if (rule.Replace.StartsWith(renamedBase + ".", StringComparison.Ordinal))
                    return RuleRewrite.Of(TextEdit.Replace(node, root.LocalName + rule.Replace[renamedBase.Length..]));
            }
        }
        var printed = context.Printer.Print(rule.Replace, node, rule);
        return printed is null
            ? RuleRewrite.Fail($"cannot write '{rule.Replace}' here: no import provides it and none can be added safely")
            : RuleRewrite.Of(TextEdit.Replace(node, printed));
    }
}
