using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// <c>try: … except (ImportError, ModuleNotFoundError, AttributeError): …</c> is how code keeps working on versions with
/// and without a name: the handler is the fallback to the old spelling — for the library the try body imports or reads
/// (a rule about that library, or whose replacement is in it: <c>try: import importlib … except ImportError: import imp</c>).
/// A try body that touches no library (<c>try: self._fast() except ImportError:</c>) is no such fallback. The handler is left alone (rewriting it to the
/// new name breaks the old versions it exists for, and an import removed from it would leave <c>pass</c>); when the
/// handler holds a match — it falls back to an old name — the <c>try</c> body is left alone too, for the rules of that
/// library, since the two halves are one compatibility shim.
/// </summary>
internal sealed class ImportFallbackGuard : ContextGuard
{
    private static readonly HashSet<string> Fallbacks = new(StringComparer.Ordinal) { "ImportError", "ModuleNotFoundError", "AttributeError" };

    /// <inheritdoc/>
    public override string Name => "import-fallback";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.CompatibilityBranch;

    /// <inheritdoc/>
    public override string Description => "The handler of try/except ImportError|ModuleNotFoundError|AttributeError is a fallback for old versions; so is the try body when the handler falls back to the old name.";

    /// <inheritdoc/>
    public override string Example => "try:\n    from numpy import trapezoid\nexcept ImportError:\n    from numpy import trapz as trapezoid";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["try_statement"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        foreach (var clause in node.Children)
        {
            if (clause.Kind != "except_clause" || clause.ChildByField("value") is not { } caught) continue;
            var names = caught.DescendantsAndSelf().Where(n => n.Kind == "identifier" && Fallbacks.Contains(n.Text)).Select(n => n.Text).Distinct().ToList();
            if (names.Count == 0) continue;
            if (node.ChildByField("body") is not { } body) continue;
            // A fallback for a library: the try body imports it or reads its names. `try: self._fast() except ImportError:`
            // (an optional dependency missing somewhere below) is no second spelling of anything.
            var tried = Libraries(body, context.Scope);
            if (tried.Count == 0) continue;
            var what = $"except {string.Join("/", names)} on line {GuardSyntax.Line(clause)}";
            regions.Add(Region(clause, $"fallback of `{what}`", RuleFilter.ForPackages(tried)));
            var oldInHandler = context.Matches.Where(m => clause.StartByte <= m.Node.StartByte && m.Node.EndByte <= clause.EndByte).ToList();
            if (oldInHandler.Count > 0)
                regions.Add(Region(body, $"try body whose `{what}` falls back to the old name",
                    RuleFilter.ForPackages(oldInHandler.SelectMany(m => RuleNames.Of(m.Rule).Packages))));
            else if (BoundNames(body, context, oldOnly: true).Overlaps(BoundNames(clause, context, oldOnly: false)))
                regions.Add(Region(body, $"try body whose `{what}` binds the same names: the two are one shim"));
        }
    }

    /// <summary>
    /// Names that imports and plain assignments directly in <paramref name="block"/> (a try body or a handler) bind; with
    /// <paramref name="oldOnly"/>, only those whose statement holds a match (the name is bound from an old API).
    /// </summary>
    private static HashSet<string> BoundNames(SyntaxNode block, GuardContext context, bool oldOnly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool Old(SyntaxNode stmt) => !oldOnly || context.Matches.Any(m => stmt.StartByte <= m.Node.StartByte && m.Node.EndByte <= stmt.EndByte);
        foreach (var b in context.Scope.Imports)
            if (b.Form is not (ImportForm.Star or ImportForm.Future) && block.StartByte <= b.Statement.StartByte && b.Statement.EndByte <= block.EndByte && Old(b.Statement))
                names.Add(b.LocalName);
        var statements = block.Kind == "except_clause" ? block.Children.Where(c => c.Kind == "block").SelectMany(GuardSyntax.Parts) : GuardSyntax.Parts(block);
        foreach (var stmt in statements)
            if (stmt.Kind == "expression_statement" && GuardSyntax.Parts(stmt).FirstOrNull() is { Kind: "assignment" } a && a.ChildByField("left") is { Kind: "identifier" } left && Old(stmt))
                names.Add(left.Text);
        return names;
    }

    /// <summary>Top-level packages the try body imports or whose names it reads (relative imports excluded).</summary>
    private static HashSet<string> Libraries(SyntaxNode body, ModuleScope scope)
    {
        var packages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in scope.Imports)
            if (!b.IsRelative && b.Form != ImportForm.Future && body.StartByte <= b.Statement.StartByte && b.Statement.EndByte <= body.EndByte)
                packages.Add(b.Module.Split('.')[0]);
        foreach (var n in body.DescendantsAndSelf())
            if (n.Kind == "identifier" && ModuleScope.IsReference(n) && GuardSyntax.PackageOf(n, scope) is { } p) packages.Add(p);
        return packages;
    }
}
