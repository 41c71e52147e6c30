using ApiMigrator.Matching;
using ApiMigrator.Python;

namespace ApiMigrator.Context;

/// <summary>
/// A byte range of one file that a guard protects, with the reason and the detail a finding shows. A match
/// whose node overlaps the range is left alone when <see cref="Filter"/> admits its rule.
/// </summary>
/// <param name="StartByte">Start of the range.</param>
/// <param name="EndByte">End of the range (exclusive).</param>
/// <param name="Reason">Why.</param>
/// <param name="Guard">The guard's <see cref="IContextGuard.Name"/>.</param>
/// <param name="Detail">What the guard saw, e.g. <c>if hasattr(np, "trapezoid") on line 3</c>.</param>
internal sealed record ProtectedRegion(int StartByte, int EndByte, GuardReason Reason, string Guard, string Detail)
{
    /// <summary>Which rules the region protects against; <see cref="RuleFilter.Any"/> by default.</summary>
    public RuleFilter Filter { get; init; } = RuleFilter.Any;

    /// <summary>The finding's message: the reason's fixed text, then the detail.</summary>
    public string Message => $"{GuardReasons.Text(Reason)} ({Detail})";

    /// <summary>True when the range and <paramref name="node"/> overlap (one holds the other, or they cross).</summary>
    public bool Overlaps(SyntaxNode node) => node.StartByte < EndByte && StartByte < node.EndByte
        || node.StartByte == node.EndByte && StartByte <= node.StartByte && node.StartByte < EndByte;

    /// <summary>True when the region protects <paramref name="match"/>.</summary>
    public bool Protects(RuleMatch match) => Overlaps(match.Node) && Filter.Admits(RuleNames.Of(match.Rule));
}
