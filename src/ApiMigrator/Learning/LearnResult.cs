using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>What learning produced, and what it could not use.</summary>
public sealed record LearnResult(IReadOnlyList<MigrationRule> Rules, IReadOnlyList<LearnNote> Notes);
