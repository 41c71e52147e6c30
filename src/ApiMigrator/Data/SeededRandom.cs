namespace ApiMigrator.Data;

/// <summary>
/// SplitMix64: a tiny seeded generator whose sequence is fixed by this code alone, so a split
/// written today is reproduced byte for byte by any later .NET (System.Random's seeded algorithm is
/// an implementation detail of the runtime, not a documented contract).
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong x;
        do { x = NextUInt64(); } while (x >= limit);
        return (int)(x % bound);
    }

    /// <summary>A Fisher–Yates shuffled copy; the input order matters, so callers sort first.</summary>
    public List<T> Shuffled<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
