using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// Code that a test runs under a warning or error check exercises the old API on purpose: the test asserts that the
/// deprecated spelling still warns (or now raises), and migrating it would make the test test nothing. Left alone:
/// the whole <c>with</c> statement of <c>pytest.warns</c>, <c>pytest.deprecated_call</c>, <c>pytest.raises</c>,
/// <c>self.assertWarns</c>/<c>assertWarnsRegex</c>/<c>assertRaises</c>/<c>assertRaisesRegex</c>,
/// <c>tm.assert_produces_warning</c> (pandas' testing helper), <c>warnings.catch_warnings</c>,
/// <c>np.testing.assert_warns</c>/<c>assert_raises</c>, SQLAlchemy's <c>expect_deprecated</c>/<c>expect_warnings</c>; and the
/// call form of the same checks (<c>pytest.deprecated_call(np.trapz, y)</c>, <c>self.assertWarns(DeprecationWarning, f, x)</c>).
/// A bare name counts only when it is imported (<c>from pytest import warns</c>), so a user's own <c>raises()</c> does not.
/// A <c>with</c> also counts when it calls the project's own check: a name that says warn or deprecat, or a call given
/// a deprecation category (<c>with _check_warning(PANDAS_GT_150, FutureWarning): …</c>).
/// </summary>
internal sealed class WarningContextGuard : ContextGuard
{
    /// <summary>Last components of the checks, as the libraries name them.</summary>
    internal static readonly HashSet<string> Checks = new(StringComparer.Ordinal)
    {
        "warns", "deprecated_call", "raises",
        "assertWarns", "assertWarnsRegex", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp",
        "assert_produces_warning", "catch_warnings",
        "assert_warns", "assert_raises", "assert_raises_regex",
        "expect_deprecated", "expect_deprecated_20", "expect_warnings",
    };

    /// <inheritdoc/>
    public override string Name => "warning-context";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DeprecationTest;

    /// <inheritdoc/>
    public override string Description => "Code under pytest.warns/deprecated_call/raises, assertWarns/assertRaises, tm.assert_produces_warning, warnings.catch_warnings or np.testing.assert_warns tests the old API on purpose.";

    /// <inheritdoc/>
    public override string Example => "with pytest.warns(DeprecationWarning):\n    np.trapz(y, x)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["with_statement", "call"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (node.Kind == "with_statement")
        {
            foreach (var clause in node.Children)
            {
                if (clause.Kind != "with_clause") continue;
                foreach (var item in GuardSyntax.Parts(clause))
                {
                    if (item.ChildByField("value") is not { } value) continue;
                    // `with pytest.warns(W) as record:` — the value is an as_pattern around the call.
                    var call = value.Kind == "as_pattern" ? GuardSyntax.Parts(value).FirstOrNull() : value;
                    if (call is { } c && (Check(c, context.Scope) ?? WarningHelper(c)) is { } name)
                    {
                        // The body is what the check exercises; the with-clause itself (`with self.assertRaisesRegexp(…)`) is ordinary code.
                        regions.Add(Region(node.ChildByField("body") ?? node, $"inside `with {name}(…)` on line {GuardSyntax.Line(node)}"));
                        return;
                    }
                }
            }
            return;
        }
        // The call form: the checked callable and its arguments are the call's own arguments.
        if (node.Parent is { Kind: "with_item" or "as_pattern" }) return;
        if (Check(node, context.Scope) is { } callee && node.ChildByField("arguments") is { } args)
            regions.Add(Region(args, $"an argument of {callee}(…) on line {GuardSyntax.Line(node)}"));
    }

    /// <summary>
    /// A project's own warning check in a <c>with</c> (dask's <c>_check_warning(PANDAS_GT_150, FutureWarning, …)</c>): a callee
    /// whose name says warn or deprecat, or a call given a deprecation category (<c>FutureWarning</c>, <c>…DeprecationWarning</c>).
    /// </summary>
    internal static string? WarningHelper(SyntaxNode call)
    {
        if (GuardSyntax.CalleeName(call) is not { } name) return null;
        var last = GuardSyntax.Last(name);
        // assert_no_warnings checks that the code does not warn: the old API has no business there either.
        if (last.Contains("no_warn", StringComparison.OrdinalIgnoreCase)) return null;
        if (last.Contains("warn", StringComparison.OrdinalIgnoreCase) || last.Contains("deprecat", StringComparison.OrdinalIgnoreCase)) return name;
        if (call.ChildByField("arguments") is not { } args) return null;
        foreach (var n in args.DescendantsAndSelf())
            if (n.Kind == "identifier" && (n.Text == "FutureWarning" || n.Text.EndsWith("DeprecationWarning", StringComparison.Ordinal))) return name;
        return null;
    }

    /// <summary>The check's dotted name when <paramref name="call"/> calls one, else null.</summary>
    internal static string? Check(SyntaxNode call, ModuleScope scope)
    {
        if (call.Kind != "call" || GuardSyntax.CalleeName(call) is not { } name || !Checks.Contains(GuardSyntax.Last(name))) return null;
        if (name.Contains('.', StringComparison.Ordinal)) return name;
        var fn = call.ChildByField("function")!.Value;
        return scope.Resolve(fn).Kind == ResolutionKind.Imported ? name : null;
    }
}
