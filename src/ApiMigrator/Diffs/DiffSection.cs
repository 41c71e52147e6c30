namespace ApiMigrator.Diffs;

/// <summary>One piece of a diff: the whole file, or one notebook cell (<see cref="Cell"/> 1-based).</summary>
internal sealed record DiffSection(int? Cell, string OldText, string NewText);
