using ApiMigrator.Python;

namespace ApiMigrator.Context;

/// <summary>Why a guard leaves code alone. Each reason has one fixed message prefix (<see cref="GuardReasons.Text"/>).</summary>
internal enum GuardReason
{
    /// <summary>The code defines the API the rule migrates: the library's own package, the class that defines the name, a name re-exported in <c>__all__</c>.</summary>
    DefinesApi,
    /// <summary>A test that exercises the deprecated API on purpose (<c>pytest.warns</c>, <c>assertWarns</c>, a deprecation filter mark …).</summary>
    DeprecationTest,
    /// <summary>Code that exists to keep the old spelling for old versions: an import/attribute fallback, a <c>hasattr</c> or version guard.</summary>
    CompatibilityBranch,
}

/// <summary>The fixed texts of the guard reasons, as findings show them.</summary>
internal static class GuardReasons
{
    /// <summary><c>skipped: defines the API</c>, <c>skipped: deprecation test</c>, <c>skipped: compatibility branch</c>.</summary>
    public static string Text(GuardReason reason) => reason switch
    {
        GuardReason.DefinesApi => "skipped: defines the API",
        GuardReason.DeprecationTest => "skipped: deprecation test",
        GuardReason.CompatibilityBranch => "skipped: compatibility branch",
        _ => "skipped",
    };
}

/// <summary>
/// One context guard: a documented rule of the matcher that marks code a migration must leave alone.
/// A guard is asked about the nodes of the kinds it lists (<see cref="NodeKinds"/>), once each, during
/// one iterative walk of the tree (<see cref="ModuleContext.Analyze"/>), and adds the regions it protects.
/// Guards are pure and stateless; <see cref="ContextGuards.All"/> lists them.
/// </summary>
internal interface IContextGuard
{
    /// <summary>Stable kebab-case id, e.g. <c>import-fallback</c>.</summary>
    string Name { get; }

    /// <summary>The reason every region of this guard carries.</summary>
    GuardReason Reason { get; }

    /// <summary>What the guard protects and why, in one sentence (README, docs/ARCHITECTURE.md).</summary>
    string Description { get; }

    /// <summary>An example of code the guard leaves alone.</summary>
    string Example { get; }

    /// <summary>The node kinds the guard inspects (<c>module</c> for file-level guards).</summary>
    IReadOnlyList<string> NodeKinds { get; }

    /// <summary>Adds the regions that <paramref name="node"/> (of one of <see cref="NodeKinds"/>) protects.</summary>
    void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions);
}

/// <summary>The plumbing every guard shares: its reason and a region constructor.</summary>
internal abstract class ContextGuard : IContextGuard
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract GuardReason Reason { get; }

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public abstract string Example { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<string> NodeKinds { get; }

    /// <inheritdoc/>
    public abstract void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions);

    /// <summary>A region over <paramref name="node"/>'s bytes, for the rules <paramref name="filter"/> admits (all when null).</summary>
    protected ProtectedRegion Region(SyntaxNode node, string detail, RuleFilter? filter = null)
        => new(node.StartByte, node.EndByte, Reason, Name, detail) { Filter = filter ?? RuleFilter.Any };

    /// <summary>
    /// The region of a guarded choice: a conditional expression, or an <c>if</c> with all its branches. An <c>if</c> with no
    /// <c>else</c> whose body ends in <c>return</c> (<c>if PANDAS_GE_20: return new …</c>) makes the rest of its block the
    /// other branch, so the region runs to the end of that block. (Not <c>raise</c>: <c>if sys.version_info &lt; (3, 9): raise …</c>
    /// at the top of a module is a requirement, not a second spelling.)
    /// </summary>
    protected ProtectedRegion Branches(SyntaxNode choice, string detail, RuleFilter? filter = null)
    {
        int end = choice.EndByte;
        if (choice.Kind == "if_statement" && !choice.ChildrenByField("alternative").Any()
            && choice.ChildByField("consequence") is { } body && GuardSyntax.Parts(body).ToList() is { Count: > 0 } statements
            && statements[^1].Kind == "return_statement"
            && choice.Parent is { Kind: "block" } block)
            end = block.EndByte;
        return new(choice.StartByte, end, Reason, Name, detail) { Filter = filter ?? RuleFilter.Any };
    }
}
