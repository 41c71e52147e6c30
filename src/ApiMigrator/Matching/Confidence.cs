using ApiMigrator.Rules;
using ApiMigrator.Types;

namespace ApiMigrator.Matching;

/// <summary>
/// How a match's confidence is computed (docs/ARCHITECTURE.md#confidence has the long form):
/// <c>confidence = prior(rule) × evidence(match)</c>, used as is (evaluation measures its calibration; nothing remaps it).
/// <list type="bullet">
/// <item>prior: a learned rule seen in <c>s</c> training pairs starts at <c>1 − 0.5^(s+1)</c> (1 pair: 0.75,
/// 2: 0.875, 3: 0.94, 4: 0.97) — <c>1 − 0.5^(s+2)</c> for a rule with no metavariables, × 0.86 for a
/// rule generalized beyond what it saw — scaled by consistency <c>s / (s + conflicts)</c> and halved for every
/// negative training pair it would have changed. A hand-written rule starts at 0.95.</item>
/// <item>evidence: the weakest of the match's facts — a qualified name resolved through the file's
/// imports 1.0; only a conventional alias with no import in sight (<c>np</c>, <c>pd</c>) 0.8; for each
/// <c>where</c> constraint (<see cref="TypeEvidence"/>): a value whose inferred type is one the rule names 1.0;
/// a receiver known only to be "some value of the library" (a rule that names a package, not a type) 0.8;
/// a receiver of unknown type 0.75 in a file that imports the library, 0.45 otherwise; a callee resolved to
/// the named package 1.0; an argument of unknown type 1.0 (no evidence either way); a pure structural match
/// with no names 0.7. A value of a known other type rejects the match outright.</item>
/// </list>
/// With the shipped priors (≤ 0.97) every weak factor keeps a match below the default direct threshold
/// (0.85): such a match is a finding, or the model's guided tier, never a direct rewrite.
/// </summary>
internal static class Confidence
{
    /// <summary>
    /// Scale for rules generalized beyond the training pairs: with it, a generalization reaches the
    /// direct threshold only when seen on six or more distinct names or callees (five for a rule with no
    /// metavariables, such as a module move, whose prior counts one pair more).
    /// </summary>
    public const double GeneralizedFactor = 0.86;

    /// <summary>Prior of a hand-written rule.</summary>
    public const double HandWrittenPrior = 0.95;

    /// <summary>Evidence factors.</summary>
    public const double Resolved = 1.0, ConventionalAlias = 0.8, ReceiverTyped = 1.0, ReceiverLibraryOnly = 0.8,
        ReceiverLibraryImported = 0.75, ReceiverUnknown = 0.45, StructuralOnly = 0.7;

    /// <summary>A rule's evidence in [0,1] from its support and consistency, before any match evidence.</summary>
    public static double PriorOf(MigrationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return RulePrior(rule.Support, rule.Conflicts, rule.NegativeHits, handWritten: rule.Support == 0,
            crisp: rule.MatchPattern.Holes.All(h => h == "__args")) * (rule.Generalized ? GeneralizedFactor : 1);
    }

    /// <summary>The rule's own evidence, before any match.</summary>
    public static double RulePrior(int support, int conflicts, int negativeHits, bool handWritten, bool crisp = false)
    {
        if (handWritten) return HandWrittenPrior * Math.Pow(0.5, negativeHits);
        double s = Math.Max(1, support);
        // A rule with no metavariables (a qualified-name rename, keyword ops on an imported callee)
        // generalizes only across import styles, which the resolver handles exactly: one more pair's worth.
        double e = crisp ? s + 2 : s + 1;
        return (1 - Math.Pow(0.5, e)) * (s / (s + conflicts)) * Math.Pow(0.5, negativeHits);
    }

    /// <summary>
    /// The evidence one <c>where</c> constraint gives: the factor and a note for reports, or null when the
    /// value is of a known other type (the rule does not apply).
    /// </summary>
    /// <param name="hole">The metavariable, for the note.</param>
    /// <param name="actual">The inferred type of what it bound.</param>
    /// <param name="required">The constraint: types (with a dot) or packages.</param>
    /// <param name="types">The inference, for subtyping.</param>
    /// <param name="receiver">True when the hole is the object of a method or attribute (<c>$df</c> in <c>$df.append</c>).</param>
    /// <param name="argument">True when the hole is an argument of a call.</param>
    /// <param name="libraryImported">True when the file imports a package the constraint names.</param>
    public static (double Factor, string Note)? TypeEvidence(string hole, PyType actual, IReadOnlyList<string> required, TypeInference types,
        bool receiver, bool argument, bool libraryImported)
    {
        var wanted = string.Join("/", required);
        switch (TypeRequirement.Check(actual, required, types))
        {
            case TypeFit.Mismatch:
                return null;
            case TypeFit.Fits:
                return (ReceiverTyped, $"${hole} is {actual}");
            case TypeFit.FitsLibrary:
                // A callee that resolves to the library is the library's function; a receiver that is "some
                // value of the library" may be any of its types (a list from tolist(), an Index, an HDFStore).
                return receiver ? (ReceiverLibraryOnly, $"${hole} is a {wanted} value ({actual}), its type not named by the rule")
                    : (Resolved, $"${hole} comes from {wanted}");
            default:
                if (argument) return (1.0, $"${hole} of unknown type");
                return libraryImported ? (ReceiverLibraryImported, $"${hole} of unknown type ({actual}); file imports {wanted}")
                    : (ReceiverUnknown, $"${hole} of unknown type ({actual})");
        }
    }
}
