using ApiMigrator.Hybrid;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>
/// The model tiers of a run. The run's settings decide the rest of the hybrid's options: the direct threshold is
/// <see cref="RewriteOptions.MinConfidence"/> and <c>--unsafe</c> is <see cref="RewriteOptions.Unsafe"/>; matches below the
/// reporting floor (<see cref="MigrationSettings.MinReportedConfidence"/>) and unsafe rules' matches without <c>--unsafe</c> never
/// reach the model; a file is never sent whole; an answer that leaves its site as it was is not spliced in.
/// </summary>
/// <param name="Hybrid">The three tiers over a configured model.</param>
/// <param name="Options">The guided threshold and the plain tier's strategy (the other options are set from the run's settings).</param>
public sealed record ModelTiers(HybridMigrator Hybrid, HybridOptions Options)
{
    /// <summary>What to tell the model when the routing rule names no library or versions.</summary>
    public FileContext Context { get; init; } = FileContext.Unknown;

    /// <summary>Requests the model takes at once (<see cref="Llm.LlmOptions.MaxConcurrency"/>; 1 for a local model).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>The hybrid's options for a run with <paramref name="settings"/>.</summary>
    public HybridOptions For(MigrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Options with
        {
            MinConfidence = settings.Rewrite.MinConfidence,
            GuidedThreshold = Math.Min(Options.GuidedThreshold, settings.Rewrite.MinConfidence),
            Unsafe = settings.Rewrite.Unsafe,
            ApplyRulesDirectly = true,
            WholeSnippetWhenNoMatch = false,
            MinModelConfidence = settings.MinReportedConfidence,
            UnsafeMatchesToModel = false,
            SpliceUnchangedAnswers = false,
        };
    }
}
