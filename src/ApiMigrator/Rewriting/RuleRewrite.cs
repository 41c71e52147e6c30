using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting;

/// <summary>What one rule does at one match: edits on the original text, imports it needs, or why it cannot.</summary>
internal sealed record RuleRewrite(IReadOnlyList<TextEdit> Edits, IReadOnlyList<ImportRequest> Imports, string? Problem)
{
    /// <summary>Nothing to do (e.g. an aliased import whose statement carries the change).</summary>
    public static readonly RuleRewrite None = new([], [], null);

    /// <summary>One edit.</summary>
    public static RuleRewrite Of(TextEdit edit) => new([edit], [], null);

    /// <summary>Cannot rewrite; the reason becomes a finding.</summary>
    public static RuleRewrite Fail(string why) => new([], [], why);
}

/// <summary>Everything a rule needs to build its edits in one file.</summary>
internal sealed class RewriteContext
{
    internal RewriteContext(ModuleScope scope, RuleSet rules)
    {
        Scope = scope;
        Rules = rules;
        Printer = new NamePrinter(scope);
    }

    /// <summary>The file's scopes and imports.</summary>
    public ModuleScope Scope { get; }

    /// <summary>The active rules (qualified-name renames are looked up across rules for import statements).</summary>
    public RuleSet Rules { get; }

    /// <summary>Prints qualified names with the file's own imports, collecting imports to add.</summary>
    public NamePrinter Printer { get; }

    /// <summary>The source being rewritten.</summary>
    public SourceText Source => Scope.Tree.Source;
}
