using System.Globalization;

namespace ApiMigrator.Data;

/// <summary>The three parts of a split, named as their files are (<c>data/splits/&lt;name&gt;.txt</c>).</summary>
public enum SplitPart
{
    /// <summary>Pairs rules are learned from and prompts draw examples from.</summary>
    Train,
    /// <summary>Held-out pairs of patterns that also have pairs in train.</summary>
    Test,
    /// <summary>Every pair of patterns held out entirely: measures migrations never seen in training.</summary>
    TestUnseen,
}

/// <summary>How to split: a seed, and the two fractions.</summary>
/// <param name="Seed">Same pairs and same seed give the same split, byte for byte.</param>
/// <param name="TestFraction">Share of the pairs of the seen patterns that go to test (default 0.25).</param>
/// <param name="UnseenFraction">Share of the patterns held out entirely into test-unseen (default 0.12; at least 0.10).</param>
public sealed record SplitOptions(int Seed, double TestFraction = 0.25, double UnseenFraction = 0.12)
{
    /// <summary>The least share of patterns held out: fewer would make test-unseen too small to mean anything.</summary>
    public const double MinUnseenFraction = 0.10;

    /// <summary>Problems with the options (empty when they are usable).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(TestFraction > 0 && TestFraction < 0.5))
            problems.Add($"--test-fraction must be above 0 and below 0.5 (got {TestFraction.ToString(CultureInfo.InvariantCulture)})");
        if (!(UnseenFraction >= MinUnseenFraction && UnseenFraction < 0.5))
            problems.Add($"--unseen-fraction must be at least {MinUnseenFraction.ToString(CultureInfo.InvariantCulture)} and below 0.5 (got {UnseenFraction.ToString(CultureInfo.InvariantCulture)})");
        return problems;
    }
}

/// <summary>A split of a dataset into train, test and test-unseen: pair ids, each list sorted ordinally.</summary>
public sealed record DatasetSplit(IReadOnlyList<string> Train, IReadOnlyList<string> Test, IReadOnlyList<string> TestUnseen)
{
    /// <summary>The file stem of a part: train, test, test-unseen.</summary>
    public static string FileStem(SplitPart part) => part switch
    {
        SplitPart.Train => "train",
        SplitPart.Test => "test",
        SplitPart.TestUnseen => "test-unseen",
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>All parts, in file order.</summary>
    public static IReadOnlyList<SplitPart> Parts { get; } = [SplitPart.Train, SplitPart.Test, SplitPart.TestUnseen];

    /// <summary>The ids of one part.</summary>
    public IReadOnlyList<string> Ids(SplitPart part) => part switch
    {
        SplitPart.Train => Train,
        SplitPart.Test => Test,
        SplitPart.TestUnseen => TestUnseen,
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>Which part each id is in.</summary>
    public IReadOnlyDictionary<string, SplitPart> PartById()
    {
        var map = new Dictionary<string, SplitPart>(StringComparer.Ordinal);
        foreach (var part in Parts)
            foreach (var id in Ids(part)) map.TryAdd(id, part);
        return map;
    }
}

/// <summary>
/// Splits pairs into train / test / test-unseen (docs/DATASET.md, "Splits").
/// <list type="number">
/// <item>Hold out a share of the <em>patterns</em> entirely, apportioned across libraries: every pair
/// of those patterns, negatives included, goes to test-unseen. This measures migrations the rules
/// and prompts never saw.</item>
/// <item>Of the other patterns, send about <see cref="SplitOptions.TestFraction"/> of the pairs to
/// test, stratified per pattern: a pattern keeps strictly more positives in train than it gives to
/// test, so every pattern in test has at least one positive to learn from. Negatives are
/// apportioned per pattern the same way, so test can measure false positives.</item>
/// </list>
/// Deterministic: every choice comes from one <see cref="SeededRandom"/> consumed in ordinal order of
/// libraries, patterns and ids.
/// </summary>
public static class PairSplitter
{
    /// <summary>Why these pairs cannot be split (empty when they can): ids must be unique and every pair needs a pattern.</summary>
    public static IReadOnlyList<string> InputProblems(IReadOnlyList<MigrationPair> pairs)
    {
        var problems = new List<string>();
        foreach (var p in pairs.Where(p => string.IsNullOrEmpty(p.Pattern)))
            problems.Add($"{p.Origin ?? p.Id}: pair '{p.Id}' has no 'pattern'; the split holds out and stratifies by pattern");
        foreach (var g in pairs.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"duplicate id '{g.Key}' ({string.Join(", ", g.Select(p => p.Origin ?? "?"))})");
        return problems;
    }

    /// <summary>Splits the pairs. Throws <see cref="ArgumentException"/> when <see cref="InputProblems"/> or the options' problems are not empty.</summary>
    public static DatasetSplit Split(IReadOnlyList<MigrationPair> pairs, SplitOptions options)
    {
        var problems = options.Problems().Concat(InputProblems(pairs)).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("\n", problems), nameof(pairs));

        var rng = new SeededRandom(unchecked((ulong)options.Seed));
        var byPattern = pairs
            .GroupBy(p => p.Pattern!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PatternGroup(g.Key, LibraryOf(g), [.. g.OrderBy(p => p.Id, StringComparer.Ordinal)]))
            .ToList();

        var heldOut = ChooseHeldOutPatterns(byPattern, options.UnseenFraction, rng);
        var train = new List<string>();
        var test = new List<string>();
        var unseen = new List<string>();
        foreach (var g in byPattern.Where(g => heldOut.Contains(g.Pattern)))
            unseen.AddRange(g.Pairs.Select(p => p.Id));

        var seen = byPattern.Where(g => !heldOut.Contains(g.Pattern)).ToList();
        var positives = seen.Select(g => g.Pairs.Where(p => !p.IsNegative).ToList()).ToList();
        var negatives = seen.Select(g => g.Pairs.Where(p => p.IsNegative).ToList()).ToList();
        // Strictly fewer test than train positives per pattern: a pattern with few pairs keeps most in
        // train, and every pattern in test has at least one positive in train.
        var positiveTest = Apportion(
            positives.Select(ps => (options.TestFraction * ps.Count, (ps.Count - 1) / 2)).ToList(),
            Round(options.TestFraction * positives.Sum(ps => ps.Count)), rng);
        // A pattern's negatives may all go to test (most patterns have one or two), but only when the
        // pattern has positives left in train, so a test negative always has rules it could trip.
        var negativeTest = Apportion(
            negatives.Select((ns, i) => (options.TestFraction * ns.Count, positives[i].Count > 0 ? ns.Count : 0)).ToList(),
            Round(options.TestFraction * negatives.Sum(ns => ns.Count)), rng);

        for (int i = 0; i < seen.Count; i++)
        {
            Deal(positives[i], positiveTest[i]);
            Deal(negatives[i], negativeTest[i]);
        }
        return new DatasetSplit(Sorted(train), Sorted(test), Sorted(unseen));

        void Deal(List<MigrationPair> group, int toTest)
        {
            var shuffled = rng.Shuffled(group);
            test.AddRange(shuffled.Take(toTest).Select(p => p.Id));
            train.AddRange(shuffled.Skip(toTest).Select(p => p.Id));
        }
    }

    /// <summary>The patterns <see cref="Split"/> held out, recovered from a split: those with pairs in test-unseen.</summary>
    public static IReadOnlySet<string> HeldOutPatterns(IReadOnlyList<MigrationPair> pairs, DatasetSplit split)
    {
        var unseen = split.TestUnseen.ToHashSet(StringComparer.Ordinal);
        return pairs.Where(p => unseen.Contains(p.Id) && p.Pattern is not null).Select(p => p.Pattern!).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record PatternGroup(string Pattern, string Library, IReadOnlyList<MigrationPair> Pairs);

    private static HashSet<string> ChooseHeldOutPatterns(List<PatternGroup> patterns, double fraction, SeededRandom rng)
    {
        var libraries = patterns
            .GroupBy(g => g.Library, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();
        // Rounding up keeps the held-out share at or above the fraction asked for.
        int total = (int)Math.Ceiling(fraction * patterns.Count - 1e-9);
        // A library never loses all its patterns: it keeps at least one to be seen in training.
        var counts = Apportion(libraries.Select(l => (fraction * l.Count, l.Count - 1)).ToList(), total, rng);
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < libraries.Count; i++)
            foreach (var g in rng.Shuffled(libraries[i]).Take(counts[i])) heldOut.Add(g.Pattern);
        return heldOut;
    }

    /// <summary>
    /// Largest-remainder apportionment: each stratum gets the floor of its quota, then the strata with
    /// the largest remainders (ties broken at random) get one more until <paramref name="total"/> is
    /// reached. No stratum exceeds its cap, so the total may fall short when caps bind.
    /// </summary>
    internal static int[] Apportion(IReadOnlyList<(double Quota, int Cap)> strata, int total, SeededRandom rng)
    {
        var counts = strata.Select(s => Math.Max(0, Math.Min((int)Math.Floor(s.Quota + 1e-9), s.Cap))).ToArray();
        // Draw every tie-break key up front, in stratum order, so the random sequence does not depend on the quotas.
        var tieBreak = strata.Select(_ => rng.NextUInt64()).ToArray();
        var order = Enumerable.Range(0, strata.Count)
            .OrderByDescending(i => strata[i].Quota - Math.Floor(strata[i].Quota + 1e-9))
            .ThenBy(i => tieBreak[i])
            .ToList();
        int remaining = total - counts.Sum();
        bool progress = true;
        while (remaining > 0 && progress)
        {
            progress = false;
            foreach (var i in order)
            {
                if (remaining == 0) break;
                if (counts[i] >= strata[i].Cap) continue;
                counts[i]++;
                remaining--;
                progress = true;
            }
        }
        return counts;
    }

    private static string LibraryOf(IEnumerable<MigrationPair> pairs) =>
        pairs.Select(p => p.Library ?? "unknown")
            .GroupBy(l => l, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;

    private static int Round(double x) => (int)Math.Round(x, MidpointRounding.AwayFromZero);

    private static List<string> Sorted(List<string> ids) => [.. ids.OrderBy(id => id, StringComparer.Ordinal)];
}
