namespace ApiMigrator.Matching;

/// <summary>
/// How a match's confidence is computed (docs/ARCHITECTURE.md has the long form):
/// <c>confidence = calibrate(prior(rule) × evidence(match))</c>.
/// <list type="bullet">
/// <item>prior: a learned rule seen in <c>s</c> training pairs starts at <c>1 − 0.5^(s+1)</c> (1 pair: 0.75,
/// 2: 0.875, 3: 0.94, 4: 0.97) — <c>1 − 0.5^(s+2)</c> for a rule with no metavariables, × 0.86 for a
/// rule generalized beyond what it saw — scaled by consistency <c>s / (s + conflicts)</c> and halved for every
/// negative training pair it would have changed. A hand-written rule starts at 0.95.</item>
/// <item>evidence: the weakest of the match's facts — a qualified name resolved through the file's
/// imports 1.0; only a conventional alias with no import in sight (<c>np</c>, <c>pd</c>) 0.8; a receiver
/// whose origin is the rule's library 1.0, of unknown origin in a file that imports the library 0.75,
/// of unknown origin otherwise 0.45; a pure structural match with no names 0.7. Counter-evidence
/// (a list literal receiver, a receiver from another library) rejects the match outright.</item>
/// <item>calibrate: a monotone map fitted on the training split (identity until fitted).</item>
/// </list>
/// </summary>
public static class Confidence
{
    /// <summary>
    /// Scale for rules generalized beyond the training pairs: with it, a generalization reaches the
    /// direct threshold only when seen on six or more distinct names or callees.
    /// </summary>
    public const double GeneralizedFactor = 0.86;

    /// <summary>Prior of a hand-written rule.</summary>
    public const double HandWrittenPrior = 0.95;

    /// <summary>Evidence factors.</summary>
    public const double Resolved = 1.0, ConventionalAlias = 0.8, ReceiverKnown = 1.0, ReceiverLibraryImported = 0.75,
        ReceiverUnknown = 0.45, StructuralOnly = 0.7;

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
}
