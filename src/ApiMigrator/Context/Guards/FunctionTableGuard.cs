using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A table of a library's functions by name — <c>[np.einsum_path, np.trapz, np.linspace]</c> of overrides, or
/// <c>@implements(np.round, np.round_)</c> registering one implementation for both spellings — holds each function
/// object as data. Renaming an old alias there registers the new name twice and drops the alias's entry (and, on an
/// old library, names a function that does not exist yet). A decorator's arguments, or a list, tuple or set of three
/// or more bare names of one library, are left alone for that library's rules.
/// </summary>
internal sealed class FunctionTableGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "function-table";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DefinesApi;

    /// <inheritdoc/>
    public override string Description => "A decorator's arguments naming a library's functions, or a list/tuple/set of three or more bare names of one library (a dispatch table), keep every name as it is.";

    /// <inheritdoc/>
    public override string Example => "SUPPORTED = [np.einsum_path, np.trapz, np.linspace]";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["list", "tuple", "set", "argument_list"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        bool decorator = node.Kind == "argument_list" && node.Parent is { Kind: "call", Parent.Kind: "decorator" };
        if (node.Kind == "argument_list" && !decorator) return;
        var packages = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in GuardSyntax.Parts(node))
        {
            // Only bare names count: a call, a literal or an expression is not a table entry.
            if (element.Kind != "attribute" || GuardSyntax.DottedName(element) is null) continue;
            if (GuardSyntax.PackageOf(element, context.Scope) is { } package) packages[package] = packages.GetValueOrDefault(package) + 1;
        }
        foreach (var (package, count) in packages)
            if (count >= (decorator ? 2 : 3))
                regions.Add(Region(node, $"{(decorator ? "decorator arguments" : "a table")} of {package} functions on line {GuardSyntax.Line(node)}", RuleFilter.ForPackages([package])));
    }
}
