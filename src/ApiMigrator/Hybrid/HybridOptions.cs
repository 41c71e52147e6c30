using System.Globalization;
using ApiMigrator.Llm.Prompts;
using ApiMigrator.Matching;

namespace ApiMigrator.Hybrid;

/// <summary>
/// How the three tiers split the sites. Immutable; <see cref="Validate"/> lists every problem at once.
/// </summary>
/// <example><c>new HybridOptions { MinConfidence = 0.9, GuidedThreshold = 0.5, PlainStrategy = "zero-shot" }</c></example>
public sealed record HybridOptions
{
    /// <summary>The plain-tier strategies: prompts that do not need a matched rule.</summary>
    public static IReadOnlyList<string> PlainStrategies { get; } = ["zero-shot", "few-shot", "doc-guided"];

    /// <summary>
    /// The direct tier's threshold: a match at or above this confidence is applied by the rule itself (<c>--min-confidence</c>,
    /// default <see cref="Thresholds.MinConfidence"/>); the same setting as <see cref="Rewriting.RewriteOptions.MinConfidence"/>.
    /// </summary>
    public double MinConfidence { get; init; } = Thresholds.MinConfidence;

    /// <summary>At or above this (and below <see cref="MinConfidence"/>) the rule guides the model (<c>--guided-threshold</c>, default <see cref="Thresholds.GuidedThreshold"/>); below it the model gets a plain prompt.</summary>
    public double GuidedThreshold { get; init; } = Thresholds.GuidedThreshold;

    /// <summary>The prompt strategy of the plain tier (<c>--plain-strategy</c>): zero-shot, few-shot (default) or doc-guided.</summary>
    public string PlainStrategy { get; init; } = "few-shot";

    /// <summary>Apply <see cref="Rules.Safety.Unsafe"/> rules in the direct tier too; without it their matches go to the guided tier.</summary>
    public bool Unsafe { get; init; }

    /// <summary>The options the direct tier rewrites with: <see cref="MinConfidence"/> and <see cref="Unsafe"/> (also what
    /// the rules-alone row of an evaluation and the re-check of a model's edits use, so the three cannot disagree).</summary>
    public Rewriting.RewriteOptions DirectRewrite => new() { MinConfidence = MinConfidence, Unsafe = Unsafe };

    /// <summary>
    /// False turns the direct tier off: every match at or above <see cref="GuidedThreshold"/> is handed to the model
    /// with its rule (the "rule-guided alone" experiment uses this with a guided threshold of 0).
    /// </summary>
    public bool ApplyRulesDirectly { get; init; } = true;

    /// <summary>
    /// When no rule matches the file at all, send the whole file to the plain tier as one site (dataset
    /// evaluation: a pair's whole <c>before</c> snippet). Off for real files, where "no rule" means "nothing known to migrate".
    /// </summary>
    public bool WholeSnippetWhenNoMatch { get; init; }

    /// <summary>
    /// Matches below this confidence are left to the direct tier's findings and never reach the model (default 0: every
    /// match). <c>apimig migrate</c> sets its reporting floor here, so a look-alike it does not even list costs no request.
    /// </summary>
    public double MinModelConfidence { get; init; }

    /// <summary>
    /// Whether the matches of <see cref="Rules.Safety.Unsafe"/> rules go to the model when <see cref="Unsafe"/> is off (default
    /// true, the evaluation's design). <c>apimig migrate</c> turns it off: an unsafe rule is applied only with <c>--unsafe</c>,
    /// by the rule or by the model, and is otherwise reported.
    /// </summary>
    public bool UnsafeMatchesToModel { get; init; } = true;

    /// <summary>
    /// Whether an accepted answer that leaves its site as it was (line ends and trailing spaces aside) and adds no import is
    /// spliced in (default true). <c>apimig migrate</c> turns it off, so a file's bytes change only where the model changed
    /// the code; such a decision is <see cref="SiteDecision.LeftUnchanged"/>.
    /// </summary>
    public bool SpliceUnchangedAnswers { get; init; } = true;

    /// <summary>Every problem with these options, as sentences naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(MinConfidence) || MinConfidence < 0 || MinConfidence > 1)
            errors.Add($"--min-confidence must be between 0 and 1 (got {MinConfidence.ToString(CultureInfo.InvariantCulture)}).");
        if (double.IsNaN(GuidedThreshold) || GuidedThreshold < 0 || GuidedThreshold > 1)
            errors.Add($"--guided-threshold must be between 0 and 1 (got {GuidedThreshold.ToString(CultureInfo.InvariantCulture)}).");
        else if (GuidedThreshold > MinConfidence)
            errors.Add($"--guided-threshold ({GuidedThreshold.ToString(CultureInfo.InvariantCulture)}) cannot be above --min-confidence ({MinConfidence.ToString(CultureInfo.InvariantCulture)}).");
        if (double.IsNaN(MinModelConfidence) || MinModelConfidence < 0 || MinModelConfidence > 1)
            errors.Add($"the model's confidence floor must be between 0 and 1 (got {MinModelConfidence.ToString(CultureInfo.InvariantCulture)}).");
        if (!PlainStrategies.Contains(PlainStrategy, StringComparer.Ordinal))
            errors.Add($"--plain-strategy must be one of {string.Join(", ", PlainStrategies)} (got '{PlainStrategy}'); {string.Join(", ", PromptStrategies.Names.Except(PlainStrategies))} needs a rule.");
        return errors;
    }
}
