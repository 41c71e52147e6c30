using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A function named like an old API (<c>def _relation(*args): return sa.orm.relation(*args)</c>, or <c>def trapz(…)</c>)
/// is usually how a library keeps providing that name — a shim for its own users. Its body calls the old API on
/// purpose; rewriting it changes what the shim provides. The rules whose old name the function's name carries
/// (leading underscores aside) are held back inside it.
/// </summary>
internal sealed class OldNameShimGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "old-name-shim";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DefinesApi;

    /// <inheritdoc/>
    public override string Description => "A function named like an old API (_relation, trapz) provides that name: the rules that migrate it are held back inside it.";

    /// <inheritdoc/>
    public override string Example => "def _trapz(y, x=None):\n    return np.trapz(y, x)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["function_definition"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (node.ChildByField("name") is not { } name || name.Text.StartsWith("test_", StringComparison.Ordinal)) return;
        var bare = name.Text.TrimStart('_');
        // Only a name some matched rule migrates: other functions are no shims.
        if (bare.Length < 3 || !context.Matches.Any(m => RuleNames.Of(m.Rule).OldNames.Contains(bare))) return;
        regions.Add(Region(node, $"`{name.Text}` on line {GuardSyntax.Line(node)} provides that name", new RuleFilter { OldNames = new HashSet<string>(StringComparer.Ordinal) { bare } }));
    }
}
