namespace ApiMigrator.Rules;

/// <summary>
/// Syntax pattern: any tree pattern with metavariables becomes a template
/// (<c>typing.Optional[$T]</c> → <c>$T | None</c>, <c>$t.setDaemon($v)</c> → <c>$t.daemon = $v</c>).
/// Metavariables are copied byte-for-byte from the matched code.
/// </summary>
internal sealed record SyntaxRule : MigrationRule
{
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Syntax;
}
