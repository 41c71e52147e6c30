namespace ApiMigrator.Learning;

/// <summary>A pair the learner could not turn into a rule (or whose label it disagrees with), and why.</summary>
public sealed record LearnNote(string PairId, string Message);
