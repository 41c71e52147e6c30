using ApiMigrator.Data;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>A rule learned from one pair, before merging (<see cref="CandidateMerge"/>); <paramref name="Origins"/>
/// holds, per hole, the packages its value was seen to come from in the pair.</summary>
internal sealed record Candidate(MigrationRule Rule, string PairId, IReadOnlyDictionary<string, IReadOnlySet<string>> Origins)
{
    /// <summary>A proposed rule with what it owes to its pair: library, versions, source, description, pattern, example, support 1.</summary>
    internal static MigrationRule Stamped(MigrationRule r, MigrationPair pair) => r with
    {
        Library = pair.Library ?? "unknown",
        FromVersion = pair.FromVersion,
        ToVersion = pair.ToVersion,
        Source = pair.Source,
        Description = pair.Note ?? "",
        Patterns = pair.Pattern is null ? [] : [pair.Pattern],
        Example = new RuleExample(pair.Before, pair.After),
        Support = 1,
    };
}
