namespace ApiMigrator.Python;

/// <summary>
/// Levenshtein distance between token sequences (<see cref="PythonTokens.Tokenize"/>), unit costs,
/// tokens compared ordinally. It lives beside the tokenizer, below every stage that uses it: the
/// learner's replay (does a rule applied alone bring the code closer to <c>after</c>?) and the
/// evaluation's similarity and calibration.
/// </summary>
internal static class TokenEditDistance
{
    /// <summary>The number of tokens inserted, deleted or replaced to turn <paramref name="a"/> into <paramref name="b"/>, in O(|a|·|b|) time and O(|b|) space.</summary>
    public static int Between(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (int j = 0; j <= b.Count; j++) previous[j] = j;
        for (int i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Count; j++)
            {
                int substitute = previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
    }
}
