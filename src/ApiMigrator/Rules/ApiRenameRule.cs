using ApiMigrator.Python;

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
    public bool NewNameImportable => Replace is not null && !Replace.StartsWith("builtins.", StringComparison.Ordinal) && !PythonBuiltins.IsBuiltin(Replace) && (AddImports.Count == 0
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
}
