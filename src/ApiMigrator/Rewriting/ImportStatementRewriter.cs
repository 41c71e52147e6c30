using ApiMigrator.Python;

namespace ApiMigrator.Rewriting;

/// <summary>
/// Rewrites an import statement whose names are renamed or moved by qualified-name rules, so the
/// names keep resolving: <c>from pandas.io.json import json_normalize</c> → <c>from pandas import
/// json_normalize</c>; <c>from numpy import float_</c> → <c>from numpy import float64</c>. When only
/// some names of a statement move, the statement is split, one line per target module: the names that
/// stay first, on the statement's line. Every match
/// on one statement computes the same edit, so the rewriter keeps it once.
/// </summary>
internal static class ImportStatementRewriter
{
    public static RuleRewrite Rewrite(SyntaxNode nameNode, RewriteContext context)
    {
        var stmt = nameNode.Parent!.Value;
        var bindings = context.Scope.Imports.Where(b => b.Statement == stmt).ToList();
        return stmt.Kind == "import_from_statement" ? FromImport(stmt, bindings, context) : PlainImport(nameNode, bindings, context);
    }

    private static RuleRewrite PlainImport(SyntaxNode nameNode, List<ImportBinding> bindings, RewriteContext context)
    {
        // import a.b.c [as x]: rename the module path in place.
        var b = bindings.FirstOrDefault(x => x.NameNode == nameNode);
        if (b is null) return RuleRewrite.None;
        var renamed = context.Rules.RenameOf(b.Module);
        if (renamed is null) return RuleRewrite.None;
        var dotted = nameNode.Kind == "aliased_import" ? nameNode.ChildByField("name")!.Value : nameNode;
        if (b.Form == ImportForm.Import && renamed.Split('.')[0] != b.Module.Split('.')[0])
            return RuleRewrite.Fail($"'import {b.Module}' would bind a different name after the move to {renamed}; change it by hand");
        return RuleRewrite.Of(TextEdit.Replace(dotted, renamed));
    }

    private static RuleRewrite FromImport(SyntaxNode stmt, List<ImportBinding> bindings, RewriteContext context)
    {
        if (bindings.Count == 0 || bindings.Any(b => b.Form == ImportForm.Star) || bindings[0].IsRelative) return RuleRewrite.None;
        var module = bindings[0].Module;
        // Target of each name: (module, name, alias).
        var targets = new List<(string Module, string Name, string? Alias, SyntaxNode Node)>();
        foreach (var b in bindings)
        {
            var name = b.QualifiedName[(b.QualifiedName.LastIndexOf('.') + 1)..];
            string? alias = b.Form == ImportForm.FromAs ? b.LocalName : null;
            var renamed = context.Rules.RenameOf(b.QualifiedName);
            if (renamed is null || !renamed.Contains('.', StringComparison.Ordinal)) { targets.Add((module, name, alias, b.NameNode)); continue; }
            int dot = renamed.LastIndexOf('.');
            targets.Add((renamed[..dot], renamed[(dot + 1)..], alias, b.NameNode));
        }
        // A target the file already imports under the same name elsewhere is dropped, not imported twice.
        bool AlreadyImported((string Module, string Name, string? Alias, SyntaxNode Node) t)
            => context.Scope.Imports.Any(o => o.Statement != stmt && o.LocalName == (t.Alias ?? t.Name) && o.QualifiedName == t.Module + "." + t.Name);
        var duplicates = targets.Where(t => t.Module != module && AlreadyImported(t)).ToList();
        if (duplicates.Count > 0)
        {
            if (duplicates.Count == targets.Count) return RuleRewrite.Of(ImportEditor.RemoveStatement(context.Scope, stmt));
            targets = targets.Except(duplicates).ToList();
            var keptLines = targets.GroupBy(t => t.Module, StringComparer.Ordinal).OrderBy(g => g.Key == module ? 0 : 1)
                .Select(g => $"from {g.Key} import {string.Join(", ", g.Select(t => t.Alias is null ? t.Name : $"{t.Name} as {t.Alias}"))}");
            var src = context.Source;
            var ind = src.GetText(src.LineStart(stmt.Start.Line), stmt.StartByte);
            return RuleRewrite.Of(TextEdit.Replace(stmt, string.Join(src.NewlineText + ind, keptLines)));
        }
        // The names that stay keep the statement's line; the moved ones follow on lines of their own, as added imports do.
        var groups = targets.GroupBy(t => t.Module, StringComparer.Ordinal).OrderBy(g => g.Key == module ? 0 : 1).ToList();
        if (groups.Count == 1)
        {
            // Everything goes to one module: minimal edits keep the statement's own layout.
            var edits = new List<TextEdit>();
            if (groups[0].Key != module) edits.Add(TextEdit.Replace(stmt.ChildByField("module_name")!.Value, groups[0].Key));
            foreach (var t in targets)
            {
                var dotted = t.Node.Kind == "aliased_import" ? t.Node.ChildByField("name")!.Value : t.Node;
                if (dotted.Text != t.Name) edits.Add(TextEdit.Replace(dotted, t.Name));
            }
            return edits.Count == 0 ? RuleRewrite.None : new RuleRewrite(edits, [], null);
        }
        if (stmt.Parent is not { Kind: "module" or "block" })
            return RuleRewrite.Fail("import shares its line with other statements; split it by hand");
        var source = context.Source;
        var indent = source.GetText(source.LineStart(stmt.Start.Line), stmt.StartByte);
        if (indent.Trim().Length != 0) return RuleRewrite.Fail("import shares its line with other statements; split it by hand");
        var lines = groups.Select(g => $"from {g.Key} import {string.Join(", ", g.Select(t => t.Alias is null ? t.Name : $"{t.Name} as {t.Alias}"))}");
        return RuleRewrite.Of(TextEdit.Replace(stmt, string.Join(source.NewlineText + indent, lines)));
    }
}
