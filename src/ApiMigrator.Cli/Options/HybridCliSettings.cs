using ApiMigrator.Cli.Settings;
using ApiMigrator.Hybrid;
using ApiMigrator.Matching;

namespace ApiMigrator.Cli.Options;

/// <summary>
/// The tiers' thresholds and the plain tier's strategy, shared by <c>migrate</c> and <c>eval</c> (a settings group).
/// <c>--min-confidence</c> is the one name of the direct tier's threshold, for the rules alone and for the hybrid;
/// <c>--direct-threshold</c>, its name in earlier releases, is still accepted (hidden from help; README "Options").
/// </summary>
internal sealed record HybridCliSettings : CliSettings
{
    [CliOption("--min-confidence", HiddenAlias = "--direct-threshold", HelpName = "X",
        Description = "Apply a rule directly only to matches at least this confident (0..1); weaker ones are reported, or with a model go to the model tiers")]
    public double MinConfidence { get; init; } = Thresholds.MinConfidence;

    [CliOption("--guided-threshold", HelpName = "X",
        Description = "With a model: confidence at or above which (below --min-confidence) the rule guides the model; below it the model gets a plain prompt")]
    public double GuidedThreshold { get; init; } = Thresholds.GuidedThreshold;

    [CliOption("--plain-strategy", HelpName = "NAME",
        Description = "Prompt strategy of the plain tier: zero-shot, few-shot or doc-guided (few-shot needs training pairs, which only eval has)")]
    public string PlainStrategy { get; init; } = new HybridOptions().PlainStrategy;

    /// <summary>
    /// <paramref name="template"/> with these thresholds and strategy. A guided threshold left at its default never exceeds
    /// the direct one, so <c>--min-confidence 0.5</c> alone is a valid setting.
    /// </summary>
    public HybridOptions ToOptions(HybridOptions template) => template with
    {
        MinConfidence = MinConfidence,
        GuidedThreshold = IsGiven("--guided-threshold") ? GuidedThreshold : Math.Min(GuidedThreshold, MinConfidence),
        PlainStrategy = PlainStrategy,
    };

    /// <summary>The engine's checks of the thresholds and the strategy.</summary>
    public override IReadOnlyList<string> Validate() => ToOptions(new HybridOptions()).Validate();
}
