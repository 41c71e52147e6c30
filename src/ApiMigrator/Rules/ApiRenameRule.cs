using ApiMigrator.Matching;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Rules;

/// <summary>
/// API rename: a qualified name becomes another (<c>numpy.float_</c> → <c>numpy.float64</c>,
/// <c>pandas.io.json.json_normalize</c> → <c>pandas.json_normalize</c>), or a method/attribute on a
/// receiver from a known library is renamed (<c>$df.iteritems</c> → <c>$df.items</c>).
/// Qualified-name renames are import-aware: references are printed with the alias the file already
/// uses, and <c>from a import b</c> statements are rewritten so the name keeps resolving.
/// </summary>
public sealed record ApiRenameRule : MigrationRule
{
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.ApiRename;

    /// <summary>
    /// True when the new name can be imported by name, so <c>from a import old</c> may become
    /// <c>from b import new</c>: no learned imports say otherwise, or one imports the new name itself.
    /// (<c>plot_confusion_matrix</c> → <c>ConfusionMatrixDisplay.from_estimator</c> is not: it needs
    /// <c>from sklearn.metrics import ConfusionMatrixDisplay</c>.)
    /// </summary>
    public bool NewNameImportable => Replace is not null && !Replace.StartsWith("builtins.", StringComparison.Ordinal) && !ModuleScopeBuiltins.IsBuiltin(Replace) && (AddImports.Count == 0
        || AddImports.Select(ImportRequest.TryParse).Any(r => r is { Name: not null } && r.QualifiedName == Replace
            // `import importlib` was added for `importlib.reload`: importlib is a module, so `from importlib import reload` works too.
            || r is { Name: null } && Replace.LastIndexOf('.') is var dot && dot > 0 && Replace[..dot] == r.Module));

    /// <summary>Maps a qualified name this rule renames (exactly, or as a prefix) to its new name; else null.</summary>
    public string? RenameOf(string qualified)
    {
        if (!IsQualifiedNameMatch || Replace is null) return null;
        if (qualified == Match) return Replace;
        return qualified.StartsWith(Match + ".", StringComparison.Ordinal) ? Replace + qualified[Match.Length..] : null;
    }

    /// <inheritdoc/>
    public override RuleRewrite Rewrite(RuleMatch match, RewriteContext context)
    {
        if (Replace is null) return RuleRewrite.Fail("rule has no replacement");
        if (!IsQualifiedNameMatch) return TemplateRewriter.Rewrite(this, match, context);
        if (match.IsImportSite) return ImportStatementRewriter.Rewrite(match.Node, context);

        var node = match.Node;
        var r = context.Scope.Resolve(node);
        // `from numpy import float_` binds the old name itself: rename the reference (unless aliased);
        // the import statement is rewritten by the import-site match of the same rule.
        if (NewNameImportable && r.Import is { Form: Python.ImportForm.From or Python.ImportForm.FromAs } b && b.QualifiedName == Match)
        {
            if (b.Form == Python.ImportForm.FromAs) return RuleRewrite.None;
            var newLocal = Replace[(Replace.LastIndexOf('.') + 1)..];
            return newLocal == node.Text ? RuleRewrite.None : RuleRewrite.Of(Rewriting.TextEdit.Replace(node, newLocal));
        }
        // The import that binds this reference may itself be rewritten (`import pandas.util.testing as pdt`
        // → `import pandas.testing as pdt`): then the reference already means the new name.
        if (r.Import is { Form: not Python.ImportForm.Import } root && r.QualifiedName is { } qn)
        {
            var key = root.Form is Python.ImportForm.From or Python.ImportForm.FromAs ? root.QualifiedName : root.Module;
            if (context.Rules.RenameOf(key) is { } renamedBase)
            {
                var effective = renamedBase + qn[root.QualifiedName.Length..];
                if (effective == Replace) return RuleRewrite.None;
                if (Replace.StartsWith(renamedBase + ".", StringComparison.Ordinal))
                    return RuleRewrite.Of(Rewriting.TextEdit.Replace(node, root.LocalName + Replace[renamedBase.Length..]));
            }
        }
        var printed = context.Printer.Print(Replace, node, this);
        return printed is null
            ? RuleRewrite.Fail($"cannot write '{Replace}' here: no import provides it and none can be added safely")
            : RuleRewrite.Of(Rewriting.TextEdit.Replace(node, printed));
    }
}
