namespace ApiMigrator.Llm;

/// <summary>What became of an answer (or of the attempt to get one).</summary>
public enum LlmOutcome
{
    /// <summary>Verified: the code may be applied.</summary>
    Accepted,
    /// <summary>The answer had no code.</summary>
    EmptyAnswer,
    /// <summary>The code does not parse (ERROR or MISSING nodes) — e.g. a truncated answer.</summary>
    SyntaxError,
    /// <summary>The code equals the input although the site must change.</summary>
    Unchanged,
    /// <summary>The caller's check rejected the code (e.g. the old API is still there).</summary>
    CheckFailed,
    /// <summary>No answer: the model could not be reached, or kept failing after the retries.</summary>
    RequestFailed,
}

/// <summary>One answer the model gave (or failed to give) for a site.</summary>
/// <param name="Number">1 for the first answer, 2 for the answer after feedback.</param>
/// <param name="CacheKey">The content address of this request in the answer cache.</param>
/// <param name="RawAnswer">The model's text as received; null when no answer came.</param>
/// <param name="ExtractedCode">The code taken from the answer (before verification); null when no answer came.</param>
/// <param name="Outcome">The verification outcome.</param>
/// <param name="Reason">Why it was rejected; null when accepted.</param>
/// <param name="FromCache">The answer came from the cache (no request was sent).</param>
/// <param name="Requests">HTTP/inference requests sent for this answer (retries of transient failures included; 0 on a cache hit).</param>
/// <param name="RequestErrors">Why each failed request failed, in order (e.g. a timeout before a successful retry).</param>
public sealed record LlmAttempt(
    int Number, string CacheKey, string? RawAnswer, string? ExtractedCode, LlmOutcome Outcome, string? Reason, bool FromCache, int Requests,
    IReadOnlyList<string> RequestErrors);

/// <summary>
/// The result of migrating one site with the model. Immutable, and free of secrets: it holds the model
/// id, never the API key. <see cref="Code"/> is set only when the final answer was verified.
/// </summary>
/// <param name="Site">The site that was migrated.</param>
/// <param name="Strategy">Prompt strategy name.</param>
/// <param name="TemplateVersion">Version of the strategy's template.</param>
/// <param name="PromptHash">SHA-256 (hex) of the first prompt's messages.</param>
/// <param name="ModelId">The model that answered (server model name, or a fingerprint of the GGUF file).</param>
/// <param name="Outcome">Outcome of the last attempt.</param>
/// <param name="Reason">Why the site stays unchanged; null when accepted.</param>
/// <param name="Code">The verified, migrated code (dedented like <see cref="MigrationSite.Code"/>); null unless accepted.</param>
/// <param name="NewImports">Import lines the migrated code needs that the module lacks (empty unless accepted).</param>
/// <param name="Attempts">Every answer, in order: one, or two when the first was rejected and fed back.</param>
/// <param name="Elapsed">Wall time for the whole migration, cache look-ups and retries included.</param>
public sealed record LlmMigrationResult(
    MigrationSite Site,
    string Strategy,
    string TemplateVersion,
    string PromptHash,
    string ModelId,
    LlmOutcome Outcome,
    string? Reason,
    string? Code,
    IReadOnlyList<string> NewImports,
    IReadOnlyList<LlmAttempt> Attempts,
    TimeSpan Elapsed)
{
    /// <summary>True when <see cref="Code"/> may replace the site.</summary>
    public bool Applicable => Outcome == LlmOutcome.Accepted && Code is not null;

    /// <summary>True when every answer came from the cache (no request was sent).</summary>
    public bool FromCache => Attempts.Count > 0 && Attempts.All(a => a.FromCache);

    /// <summary>The raw answers, in order (attempts without an answer are skipped).</summary>
    public IReadOnlyList<string> RawAnswers => Attempts.Where(a => a.RawAnswer is not null).Select(a => a.RawAnswer!).ToList();
}
