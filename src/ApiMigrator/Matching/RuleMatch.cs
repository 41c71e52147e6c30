using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>One place where one rule applies: the node, what the metavariables bound, the evidence and the confidence.</summary>
public sealed record RuleMatch(
    MigrationRule Rule,
    SyntaxNode Node,
    IReadOnlyDictionary<string, Capture> Holes,
    double Confidence,
    IReadOnlyList<string> Evidence,
    bool IsImportSite = false)
{
    /// <summary>1-based line of the match.</summary>
    public int Line => Node.Start.Line;

    /// <summary>1-based byte column of the match.</summary>
    public int Column => Node.Start.Column;
}
