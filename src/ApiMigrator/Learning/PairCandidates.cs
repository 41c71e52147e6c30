using ApiMigrator.Data;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>
/// One positive pair → candidate rules: parse both sides, diff them into changed regions
/// (<see cref="TreeDiff"/>), lift each region to the unit a rule is stated on, and ask the rule kinds'
/// proposals, most specific first: <see cref="ApiRenameProposal"/>, <see cref="ParameterProposal"/>,
/// <see cref="TemplateProposal"/>. What a pair cannot teach becomes a <see cref="LearnNote"/>.
/// </summary>
internal static class PairCandidates
{
    internal static List<Candidate> FromPair(MigrationPair pair, List<LearnNote> notes)
    {
        var result = new List<Candidate>();
        var bTree = PythonParser.Parse(pair.Before);
        var aTree = PythonParser.Parse(pair.After);
        if (bTree.HasErrors || aTree.HasErrors) { notes.Add(new LearnNote(pair.Id, "a side does not parse")); return result; }
        var bScope = ModuleScope.Build(bTree);
        var aScope = ModuleScope.Build(aTree);
        var regions = TreeDiff.Regions(bTree, aTree, out bool unsupported);
        if (unsupported) notes.Add(new LearnNote(pair.Id, "statements were added or removed (not learnable as an expression rule)"));

        var (removed, added) = ImportChanges.Diff(bScope, aScope);
        foreach (var region in regions)
        {
            var c = FromRegion(pair, region.Before, region.After, bScope, aScope, added, notes);
            if (c is not null) result.Add(c);
        }
        ApiRenameProposal.AddMovedImports(pair, removed, added, result);
        if (result.Count == 0 && !unsupported) notes.Add(new LearnNote(pair.Id, "no learnable change found"));
        foreach (var c in result)
        {
            var ruleKind = RuleRegistry.Name(c.Rule.Kind);
            var label = MigrationPair.KindName(pair.Kind);
            if (pair.Kind is not null && label != ruleKind)
                notes.Add(new LearnNote(pair.Id, $"labelled {label}, learned as {ruleKind}: {c.Rule.Match}"));
        }
        return result;
    }

    private static Candidate? FromRegion(MigrationPair pair, SyntaxNode b, SyntaxNode a, ModuleScope bScope, ModuleScope aScope,
        List<ImportBinding> added, List<LearnNote> notes)
    {
        (b, a) = Lift(b, a);
        // 1. A qualified name became another.
        if (ApiRenameProposal.RenamedName(b, a, bScope, aScope) is { } names)
            return names.Old == names.New ? null : ApiRenameProposal.FromNames(pair, names.Old, names.New, added);
        // 2. A keyword name or a literal keyword value changed, or the argument list changed: a call-level rule.
        if (ParameterProposal.EnclosingCall(b, a) is { } calls)
        {
            if (ParameterProposal.KeywordOps(calls.B, calls.A) is { } ops) return ParameterProposal.FromOps(pair, calls.B, ops, bScope, notes);
            // Not a keyword change: the calls are the unit of the template.
            (b, a) = (calls.B, calls.A);
        }
        // 3. Anything else: a template with metavariables.
        return TemplateProposal.FromRegion(pair, b, a, bScope, aScope, added, notes);
    }

    /// <summary>Widens a region to the unit a rule is stated on.</summary>
    private static (SyntaxNode B, SyntaxNode A) Lift(SyntaxNode b, SyntaxNode a)
    {
        while (true)
        {
            if (b.Parent is not { } bp || a.Parent is not { } ap || bp.Kind != ap.Kind) return (b, a);
            // An attribute name changed: the attribute is the unit (`df.iteritems` → `df.items`).
            if (bp.Kind == "attribute" && b.FieldName == "attribute" && a.FieldName == "attribute") { (b, a) = (bp, ap); continue; }
            // Part of a dotted name: the whole chain is the unit.
            if (bp.Kind == "attribute" && b.FieldName == "object" && DottedNames.IsDotted(b) && DottedNames.IsDotted(bp) && DottedNames.IsDotted(ap)) { (b, a) = (bp, ap); continue; }
            // Inside a string literal: the literal is the unit.
            if (bp.Kind is "string" or "concatenated_string" && b.Kind != "interpolation") { (b, a) = (bp, ap); continue; }
            return (b, a);
        }
    }
}
