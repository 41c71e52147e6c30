using ApiMigrator.Hybrid;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>A change in a module (positions in the module's original text), with the tier decision behind it when a model is configured.</summary>
internal sealed record ModuleChange(AppliedChange Change, SiteDecision? Decision);

/// <summary>A finding in a module (positions in the module's original text), with the model's decision at its site when the model was asked there.</summary>
internal sealed record ModuleFinding(Finding Finding, SiteDecision? Decision);

/// <summary>What became of one Python module: a file, or a notebook's code cells joined.</summary>
internal sealed record ModuleResult(SourceText Original, SourceText Result, IReadOnlyList<ModuleChange> Changes, IReadOnlyList<ModuleFinding> Findings, SourceError? Refused)
{
    public bool Changed => Refused is null && !Original.Content.SequenceEqual(Result.Content);
}
