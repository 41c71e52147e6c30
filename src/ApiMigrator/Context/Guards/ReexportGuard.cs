using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A module that lists a name in <c>__all__</c> re-exports it: <c>from numpy import trapz</c> with
/// <c>__all__ = ["trapz"]</c> is part of the module's public API, and renaming the import would take the name
/// away from everyone who imports it from here. The import of such a name is left alone, and so are its uses in the module. Reads <c>__all__ = […]</c>,
/// <c>__all__ += […]</c> and <c>__all__.extend([…])</c>/<c>.append("…")</c> at module level.
/// </summary>
internal sealed class ReexportGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "reexport";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DefinesApi;

    /// <inheritdoc/>
    public override string Description => "An import of a name the module re-exports in __all__ is part of the module's own API.";

    /// <inheritdoc/>
    public override string Example => "from numpy import trapz\n__all__ = [\"trapz\"]";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["module"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        var exported = Exported(node);
        if (exported.Count == 0) return;
        foreach (var b in context.Scope.Imports)
        {
            if (b.Form is ImportForm.Star or ImportForm.Future || !exported.Contains(b.LocalName)) continue;
            var detail = $"'{b.LocalName}' is re-exported in __all__";
            regions.Add(Region(b.NameNode, detail));
            // A rule that renames the import renames its uses too; they must stay with it. Only looked up for an import
            // a rule matched, so a large __init__.py with many re-exports costs nothing more.
            if (!context.Matches.Any(m => m.IsImportSite && m.Node == b.NameNode)) continue;
            foreach (var use in context.Scope.ReferencesTo(b)) regions.Add(Region(use, detail));
        }
    }

    /// <summary>The names listed in the module's <c>__all__</c>.</summary>
    internal static HashSet<string> Exported(SyntaxNode module)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stmt in GuardSyntax.Parts(module))
        {
            if (stmt.Kind != "expression_statement" || GuardSyntax.Parts(stmt).FirstOrNull() is not { } e) continue;
            SyntaxNode? listed = null;
            if (e.Kind is "assignment" or "augmented_assignment" && e.ChildByField("left") is { Kind: "identifier", Text: "__all__" })
                listed = e.ChildByField("right");
            else if (e.Kind == "call" && GuardSyntax.CalleeName(e) is "__all__.extend" or "__all__.append")
                listed = e.ChildByField("arguments");
            if (listed is not { } l) continue;
            foreach (var item in l.DescendantsAndSelf())
                if (item.Kind == "string" && GuardSyntax.StringValue(item) is { Length: > 0 } s) names.Add(s);
        }
        return names;
    }
}
