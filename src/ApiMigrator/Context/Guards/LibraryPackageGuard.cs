using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A file inside the rule's own library package (<c>…/pandas/core/generic.py</c>, <c>…/numpy/lib/_utils_impl.py</c>)
/// defines the API: its deprecated names are implementations and shims, and rewriting them into the new spelling
/// makes a deprecated method call itself. A directory named after the package is taken as the package only with a
/// sign that the file is package code: a relative import, an import of one of the package's own submodules, an
/// <c>__init__.py</c>, or a <c>site-packages</c>/<c>dist-packages</c> path — so a user's folder that happens to be called
/// <c>numpy</c> holding ordinary scripts is still migrated.
/// </summary>
internal sealed class LibraryPackageGuard : ContextGuard
{
    /// <inheritdoc/>
    public override string Name => "library-package";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.DefinesApi;

    /// <inheritdoc/>
    public override string Description => "A file inside the rule's own library package (its module path starts with the library) is the API's implementation, not a use of it.";

    /// <inheritdoc/>
    public override string Example => "# pandas/core/generic.py\ndef pad(frame: pd.DataFrame):\n    return frame.fillna(method=\"ffill\")";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["module"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        if (context.Path is not { Length: > 0 } path) return;
        var segments = path.Split('/', '\\');
        if (segments.Length < 2) return;
        var file = segments[^1];
        bool installed = segments.Any(s => s is "site-packages" or "dist-packages");
        foreach (var package in context.MatchedPackages.Order(StringComparer.Ordinal))
        {
            // The last directory named after the package: the module path runs from there.
            int at = Array.LastIndexOf(segments, package, segments.Length - 2);
            if (at < 0) continue;
            if (!(installed || file == "__init__.py" || IsPackageCode(context.Scope, package))) continue;
            var stem = file.Split('.')[0];
            var module = string.Join('.', segments[at..^1].Append(stem == "__init__" ? "" : stem).Where(s => s.Length > 0));
            regions.Add(Region(node, $"module {module} is part of {package} itself", RuleFilter.ForPackages([package])));
        }
    }

    private static bool IsPackageCode(ModuleScope scope, string package)
        => scope.Imports.Any(b => b.IsRelative || b.Module.StartsWith(package + ".", StringComparison.Ordinal));
}
