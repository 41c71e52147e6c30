using System.Globalization;

namespace ApiMigrator.Hybrid;

/// <summary>Why a site went to its tier, in words (<see cref="SiteDecision.Route"/>): <c>confidence 0.71 in [0.60, 0.85)</c>.</summary>
internal static class TierRoute
{
    /// <summary>The route of a match with <paramref name="confidence"/> to <paramref name="tier"/>.</summary>
    public static string Of(double confidence, HybridOptions options, MigrationTier tier) => tier switch
    {
        MigrationTier.Direct => $"confidence {F(confidence)} ≥ {F(options.MinConfidence)}",
        MigrationTier.Guided => options.ApplyRulesDirectly
            ? $"confidence {F(confidence)} in [{F(options.GuidedThreshold)}, {F(options.MinConfidence)})"
            : $"confidence {F(confidence)} ≥ {F(options.GuidedThreshold)} (direct tier off)",
        _ => $"confidence {F(confidence)} < {F(options.GuidedThreshold)}",
    };

    /// <summary>A confidence or threshold as routes show it (two decimals).</summary>
    public static string F(double d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
