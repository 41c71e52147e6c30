using ApiMigrator.Context.Guards;

namespace ApiMigrator.Context;

/// <summary>The registry: every context guard, in the order findings prefer them (the first region that protects a match names the reason).</summary>
internal static class ContextGuards
{
    /// <summary>All guards.</summary>
    public static IReadOnlyList<IContextGuard> All { get; } =
    [
        // skipped: defines the API
        new LibraryPackageGuard(),
        new DefiningClassGuard(),
        new ReexportGuard(),
        new FunctionTableGuard(),
        new OldNameShimGuard(),
        // skipped: deprecation test
        new WarningContextGuard(),
        new DeprecationMarkGuard(),
        new OldNameTestGuard(),
        // skipped: compatibility branch
        new ImportFallbackGuard(),
        new HasattrGuard(),
        new VersionGuard(),
    ];
}
