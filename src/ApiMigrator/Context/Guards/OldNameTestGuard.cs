using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A test function named for an old API (<c>def test_trapz(self): … np.trapz(y) …</c>) exists to exercise that exact
/// name — often a library's own override or wrapper of it (astropy's Quantity support for <c>np.trapz</c>). Rewriting
/// its body to the new name drops the coverage the test is for, so the rules whose old name the test's name carries are
/// held back inside it.
/// </summary>
internal sealed class OldNameTestGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "old-name-test";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DeprecationTest;

    /// <inheritdoc/>
    public override string Description => "A test function named for an old name (test_trapz) keeps that name: the rules that migrate it are held back inside the test.";

    /// <inheritdoc/>
    public override string Example => "def test_trapz():\n    assert np.trapz([1, 2]) == 1.5";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["function_definition"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (node.ChildByField("name") is not { } name || !name.Text.StartsWith("test_", StringComparison.Ordinal)) return;
        var rest = name.Text["test_".Length..];
        // The whole rest (round_ in test_round_) and its words (trapz in test_trapz_units) name the API under test.
        var names = new HashSet<string>(StringComparer.Ordinal) { rest };
        foreach (var word in rest.Split('_', StringSplitOptions.RemoveEmptyEntries)) if (word.Length >= 4) names.Add(word);
        // Only names some matched rule migrates: other tests need no region.
        if (!context.Matches.Any(m => RuleNames.Of(m.Rule).OldNames.Overlaps(names))) return;
        regions.Add(Region(node, $"`{name.Text}` on line {GuardSyntax.Line(node)} tests that name", new RuleFilter { OldNames = names }));
    }
}
