using ApiMigrator.Python;
using ApiMigrator.Rules;
using ApiMigrator.Types;

namespace ApiMigrator.Matching;

/// <summary>Rules × one parsed file → matches with confidence. Pure: no I/O, no edits.</summary>
public static class Matcher
{
    /// <summary>Every match of every rule in the module, in document order.</summary>
    public static IReadOnlyList<RuleMatch> FindMatches(RuleSet rules, ModuleScope scope, HashSet<string>? present = null)
    {
        present ??= rules.AnchorsIn(scope.Tree.Source.Text);
        var matches = new List<RuleMatch>();
        if (!rules.AnyRuleMayApply(present)) return matches;
        var tree = scope.Tree;
        var candidates = new List<MigrationRule>();
        var held = RuleSet.NewCandidateMemo();
        for (int i = 0; i < tree.NodeCount; i++)
        {
            var node = new SyntaxNode(tree, i);
            if (!node.IsNamed) continue;
            if (node.Kind is "import_statement" or "import_from_statement" or "future_import_statement" or "comment")
            {
                // Import statements are handled as import sites below; nothing inside them is code.
                i = node.SubtreeEnd() - 1;
                continue;
            }
            rules.Candidates(node, present, candidates, held);
            foreach (var rule in candidates)
            {
                if (TryMatch(rule, node, scope) is { } m) matches.Add(m);
            }
        }
        AddImportSites(rules, scope, matches);
        matches.Sort((a, b) => a.Node.StartByte != b.Node.StartByte ? a.Node.StartByte.CompareTo(b.Node.StartByte) : string.CompareOrdinal(a.Rule.Id, b.Rule.Id));
        return matches;
    }

    private static void AddImportSites(RuleSet rules, ModuleScope scope, List<RuleMatch> matches)
    {
        foreach (var b in scope.Imports)
        {
            if (b.Form is ImportForm.Star or ImportForm.Future || b.IsRelative) continue;
            var key = b.Form is ImportForm.From or ImportForm.FromAs ? b.QualifiedName : b.Module;
            if (rules.RenameRuleFor(key) is not { } rule) continue;
            matches.Add(new RuleMatch(rule, b.NameNode, new Dictionary<string, Capture>(), Confidence.PriorOf(rule),
                [$"import of {key}"], IsImportSite: true));
        }
    }

    private static readonly string[] Resolved = ["names resolved through imports"];
    private static readonly string[] Conventional = ["conventional alias, no import in sight"];
    private static readonly string[] Structural = ["structural match only"];
    private static readonly string[][] CommonFacts = [Resolved, Conventional, Structural];

    /// <summary>A list of one common fact is its shared array: a file can hold tens of thousands of matches.</summary>
    private static IReadOnlyList<string> Shared(List<string> evidence)
        => evidence.Count == 1 && Array.Find(CommonFacts, f => ReferenceEquals(f[0], evidence[0])) is { } shared ? shared : evidence;

    /// <summary>Matches one rule at one node, applying receiver constraints; null if it does not apply.</summary>
    internal static RuleMatch? TryMatch(MigrationRule rule, SyntaxNode node, ModuleScope scope)
    {
        var pattern = rule.MatchPattern;
        bool atomPattern = pattern.Root.Kind is "identifier" or "attribute" && Pattern.AtomName(pattern.Root) is not null;
        bool kindFits = atomPattern ? node.Kind is "identifier" or "attribute"
            : node.Kind == pattern.Root.Kind || (pattern.Root.Kind == "subscript" && node.Kind == "generic_type");
        if (!kindFits) return null;
        if (node.Kind == "identifier" && !ModuleScope.IsReference(node)) return null;
        var result = PatternMatcher.Match(pattern, node, scope);
        if (result is not { } m) return null;
        if (!rule.AppliesAt(node)) return null;

        foreach (var (hole, kind) in rule.HoleKinds)
        {
            if (!m.Bindings.TryGetValue(hole, out var cap) || cap.IsSplat) return null;
            var k = cap.Node.Kind == "concatenated_string" ? "string" : cap.Node.Kind;
            if (kind.StartsWith('!') ? k == kind[1..] : k != kind) return null;
        }
        var evidence = new List<string>();
        double factor = 1.0;
        if (m.Evidence.ResolvedNames > 0) evidence.Add(Resolved[0]);
        else if (m.Evidence.ConventionalNames > 0) { factor = Math.Min(factor, Confidence.ConventionalAlias); evidence.Add(Conventional[0]); }

        if (!ArgumentConstraints.Hold(rule, node, m.Bindings)) return null;
        // A rule never matches code already on the new API, nor what it produced itself (idempotent per rule).
        if (Idempotence.IsAlreadyNew(rule, node, scope)) return null;
        foreach (var (hole, required) in rule.Where)
        {
            if (!m.Bindings.TryGetValue(hole, out var cap) || cap.IsSplat) continue;
            bool receiver = pattern.IsReceiver(hole);
            // A receiver that is itself an imported name (`np` in `np.ptp(x)`) is a module or class, not the library's object.
            if (receiver && cap.Node.Kind is "identifier" or "attribute" && scope.Resolve(cap.Node).Kind == ResolutionKind.Imported) return null;
            var types = TypeInference.For(scope);
            var typed = Confidence.TypeEvidence(hole, types.TypeOf(cap.Node), required, types, receiver, pattern.IsArgument(hole),
                required.Any(r => (TypeRequirement.IsPackage(r) ? r : TypeNames.Package(r)) is { } p && scope.ImportsPackage(p.Split('.')[0])));
            if (typed is null) return null;
            factor = Math.Min(factor, typed.Value.Factor);
            evidence.Add(typed.Value.Note);
        }
        if (m.Evidence.ResolvedNames == 0 && m.Evidence.ConventionalNames == 0 && rule.Where.Count == 0)
        {
            // `f(x, name=y)` is everyone's code: the shape says something of a library's call only where the file uses the library.
            if (rule.StructuralPackage is { } package && !scope.ImportsPackage(package)) return null;
            factor = Math.Min(factor, Confidence.StructuralOnly);
            evidence.Add(Structural[0]);
        }
        return new RuleMatch(rule, node, m.Bindings, Confidence.PriorOf(rule) * factor, Shared(evidence));
    }
}
