namespace ApiMigrator.Matching;

/// <summary>
/// The confidence thresholds' defaults, defined once: <see cref="Rewriting.RewriteOptions"/>, <see cref="Hybrid.HybridOptions"/>,
/// the configuration's <c>min-confidence</c> and the command line all start from these.
/// </summary>
public static class Thresholds
{
    /// <summary>
    /// The direct tier's threshold (<c>--min-confidence</c>): a match at least this confident is applied by its rule. With
    /// the shipped priors (≤ 0.97, <see cref="Confidence"/>) any weak piece of evidence keeps a match below it.
    /// </summary>
    public const double MinConfidence = 0.85;

    /// <summary>
    /// The guided tier's threshold (<c>--guided-threshold</c>): with a model, a match at least this confident (and below
    /// <see cref="MinConfidence"/>) is handed to the model together with its rule; below it the model gets a plain prompt.
    /// </summary>
    public const double GuidedThreshold = 0.6;
}
