using System.Text.RegularExpressions;
using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A test marked to expect or silence a deprecation exercises the old API on purpose:
/// <c>@pytest.mark.filterwarnings("ignore::DeprecationWarning")</c>, scikit-learn's
/// <c>@ignore_warnings(category=FutureWarning)</c>, <c>@pytest.mark.skipif(not NUMPY_LT_1_24, reason="np.msort is deprecated")</c>, and the same marks given to a whole module or class through
/// <c>pytestmark = …</c>. The decorated definition (or the module, or the class) is left alone. A mark that names no
/// deprecation (<c>"ignore::ResourceWarning"</c>) protects nothing.
/// </summary>
internal sealed partial class DeprecationMarkGuard : ContextGuard
{
    private static readonly HashSet<string> Marks = new(StringComparer.Ordinal) { "filterwarnings", "ignore_warnings", "suppress_warnings", "skipif", "xfail" };

    [GeneratedRegex(@"Deprecat|FutureWarning|deprecated|removed")]
    internal static partial Regex NamesDeprecation();

    /// <inheritdoc/>
    public override string Name => "deprecation-mark";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DeprecationTest;

    /// <inheritdoc/>
    public override string Description => "A test decorated with @pytest.mark.filterwarnings(...) (or ignore_warnings, or a pytestmark) that names a deprecation tests the old API on purpose.";

    /// <inheritdoc/>
    public override string Example => "@pytest.mark.filterwarnings(\"ignore:.*trapz.*:DeprecationWarning\")\ndef test_trapz():\n    assert np.trapz([1, 2]) == 1.5";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["decorated_definition", "assignment"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (node.Kind == "decorated_definition")
        {
            foreach (var d in node.Children)
            {
                if (d.Kind != "decorator" || GuardSyntax.Parts(d).FirstOrNull() is not { } e) continue;
                if (IsDeprecationMark(e))
                {
                    regions.Add(Region(node, $"the test is marked @{GuardSyntax.Short(e)} on line {GuardSyntax.Line(d)}"));
                    return;
                }
            }
            return;
        }
        // pytestmark = pytest.mark.filterwarnings(...) or a list of marks, for a module or a class.
        if (node.ChildByField("left") is not { Kind: "identifier", Text: "pytestmark" } || node.ChildByField("right") is not { } right) return;
        bool marks = right.DescendantsAndSelf().Any(n => n.Kind == "call" && IsDeprecationMark(n));
        if (!marks) return;
        var owner = GuardSyntax.EnclosingClass(node) ?? node.Tree.Root;
        regions.Add(Region(owner, $"pytestmark on line {GuardSyntax.Line(node)} names a deprecation"));
    }

    private static bool IsDeprecationMark(SyntaxNode e)
    {
        var callee = e.Kind == "call" ? GuardSyntax.CalleeName(e) : GuardSyntax.DottedName(e);
        if (callee is null || !Marks.Contains(GuardSyntax.Last(callee))) return false;
        return e.Kind == "call" && e.ChildByField("arguments") is { } args && NamesDeprecation().IsMatch(args.Text);
    }
}
