using ApiMigrator.Data;

namespace ApiMigrator.Evaluation;

/// <summary>
/// The pairs one evaluation uses, all taken from a single reading of the dataset: the split evaluated,
/// the training pairs of that split, and every pair (the documentation doc-guided prompts and file
/// contexts draw on). Reading the dataset once means the three can never disagree, and a large
/// dataset is parsed once rather than three times.
/// </summary>
/// <param name="Evaluated">The pairs of the evaluated split, in dataset order.</param>
/// <param name="Train">The train split's pairs when a test split is evaluated; otherwise empty (rules then come from elsewhere).</param>
/// <param name="All">Every pair of the dataset.</param>
public sealed record EvaluationPairs(IReadOnlyList<MigrationPair> Evaluated, IReadOnlyList<MigrationPair> Train, IReadOnlyList<MigrationPair> All)
{
    /// <summary>
    /// Selects the pairs of <paramref name="split"/> (test, test-unseen, train or all) from the loaded
    /// dataset <paramref name="all"/>, by the ids of the split files <paramref name="parts"/> — needed
    /// for every split but <c>all</c>.
    /// </summary>
    public static EvaluationPairs Select(IReadOnlyList<MigrationPair> all, string split, DatasetSplit? parts)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (split == "all") return new EvaluationPairs(all, [], all);
        ArgumentNullException.ThrowIfNull(parts);
        IReadOnlyList<MigrationPair> Part(SplitPart part)
        {
            var ids = parts.Ids(part).ToHashSet(StringComparer.Ordinal);
            return all.Where(p => ids.Contains(p.Id)).ToList();
        }
        var evaluated = split switch
        {
            "train" => Part(SplitPart.Train),
            "test" => Part(SplitPart.Test),
            "test-unseen" => Part(SplitPart.TestUnseen),
            _ => throw new ArgumentException($"unknown split '{split}' (test, test-unseen, train, all)", nameof(split)),
        };
        var train = split is "test" or "test-unseen" ? Part(SplitPart.Train) : [];
        return new EvaluationPairs(evaluated, train, all);
    }
}
