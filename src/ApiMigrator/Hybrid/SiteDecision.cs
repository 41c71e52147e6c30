using ApiMigrator.Llm;

namespace ApiMigrator.Hybrid;

/// <summary>
/// What was decided at one site, and why: the tier, the rules and confidence that routed it, and for the
/// model tiers the prompt (strategy, template version, hash), the model's raw answers and the verification.
/// </summary>
/// <param name="Tier">The tier that decided.</param>
/// <param name="Line">1-based line of the site in the file the tier saw.</param>
/// <param name="RuleIds">The rules that routed the site (best first); empty when no rule matched.</param>
/// <param name="Confidence">The best match's confidence; null when no rule matched.</param>
/// <param name="Route">Why this tier, in words (e.g. "confidence 0.71 in [0.60, 0.85)").</param>
/// <param name="Applied">The change is in the result.</param>
/// <param name="Verified">Direct: the rewritten file parses. Model tiers: the answer passed verification.</param>
/// <param name="Reason">Why the site was left unchanged; null when applied.</param>
public sealed record SiteDecision(
    MigrationTier Tier, int Line, IReadOnlyList<string> RuleIds, double? Confidence, string Route, bool Applied, bool Verified, string? Reason)
{
    /// <summary>1-based byte column of the best match on <see cref="Line"/>; 0 when there is none (a whole snippet).</summary>
    public int Column { get; init; }

    /// <summary>Start byte of the site's statement in the text the model tiers saw (the direct tier's output); -1 for the direct tier.</summary>
    public int SiteStartByte { get; init; } = -1;

    /// <summary>End byte (exclusive) of the site's statement in that text; -1 for the direct tier.</summary>
    public int SiteEndByte { get; init; } = -1;

    /// <summary>
    /// The answer was accepted but leaves the site as it was and adds no import, and it was not spliced in
    /// (<see cref="HybridOptions.SpliceUnchangedAnswers"/> off): the model judged that nothing needs to change here.
    /// </summary>
    public bool LeftUnchanged { get; init; }

    /// <summary>The code the model was asked to migrate (model tiers).</summary>
    public string? SiteCode { get; init; }

    /// <summary>Prompt strategy (model tiers).</summary>
    public string? Strategy { get; init; }

    /// <summary>Template version of the prompt (model tiers).</summary>
    public string? TemplateVersion { get; init; }

    /// <summary>SHA-256 of the first prompt's messages (model tiers).</summary>
    public string? PromptHash { get; init; }

    /// <summary>The model's id (model tiers).</summary>
    public string? ModelId { get; init; }

    /// <summary>Every raw answer, in order (model tiers).</summary>
    public IReadOnlyList<string> RawAnswers { get; init; } = [];

    /// <summary>The verification outcome of the last answer (model tiers); null when the model was not asked.</summary>
    public LlmOutcome? Outcome { get; init; }

    /// <summary>Every answer came from the answer cache.</summary>
    public bool FromCache { get; init; }

    /// <summary>The verified code that replaced the site (model tiers, when accepted).</summary>
    public string? Code { get; init; }

    /// <summary>Import lines the answer added (model tiers, when accepted).</summary>
    public IReadOnlyList<string> NewImports { get; init; } = [];
}
