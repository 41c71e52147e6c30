using ApiMigrator.Data;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>
/// Learns rules from before/after pairs (docs/ARCHITECTURE.md, "Learning"). Each step is a file of this folder:
/// <list type="number">
/// <item>diff the two trees into minimal changed regions (<see cref="TreeDiff"/>) and lift each region to
/// the unit a rule is stated on: a dotted name, an attribute, a call (<see cref="PairCandidates"/>);</item>
/// <item>propose a rule per region, one file per rule kind: a qualified name became another
/// (<see cref="ApiRenameProposal"/>), a call's keywords changed (<see cref="ParameterProposal"/>), anything
/// else a template whose unchanged subtrees become metavariables and whose receivers get evidence
/// constraints (<see cref="TemplateProposal"/>); names are resolved through the imports model
/// (<see cref="DottedNames"/>), so rules are stated on qualified names;</item>
/// <item>compare import sets: moved imports become renames, added imports the rule's imports (<see cref="ImportChanges"/>);</item>
/// <item>merge identical rules across pairs (support), count conflicting replacements (<see cref="CandidateMerge"/>);</item>
/// <item>generalize: modules that moved, keyword changes of a whole library (<see cref="Generalization"/>);</item>
/// <item>replay the rules on the training pairs: wrong outputs count as conflicts, changes to negative
/// pairs as negative hits — both lower confidence (<see cref="RuleReplay"/>).</item>
/// </list>
/// Deterministic: the same pairs give the same rules in the same order.
/// </summary>
public static class RuleLearner
{
    /// <summary>Learns rules from training pairs.</summary>
    public static LearnResult Learn(IEnumerable<MigrationPair> pairs)
    {
        var all = pairs.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var notes = new List<LearnNote>();
        var candidates = new List<Candidate>();
        foreach (var pair in all.Where(p => !p.IsNegative))
        {
            var found = PairCandidates.FromPair(pair, notes);
            candidates.AddRange(found);
        }
        var merged = CandidateMerge.Merge(candidates);
        merged.AddRange(Generalization.ModuleMoves(merged));
        merged.AddRange(Generalization.GeneralOps(merged));
        var rules = RuleReplay.Replay(merged.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), all);
        return new LearnResult(rules, notes);
    }
}
