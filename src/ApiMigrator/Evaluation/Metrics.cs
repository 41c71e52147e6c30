using ApiMigrator.Python;

namespace ApiMigrator.Evaluation;

/// <summary>How close one prediction is to the reference <c>after</c>.</summary>
/// <param name="Exact">Byte-identical (ordinal string equality).</param>
/// <param name="ExactModuloFormatting">The same <see cref="PythonTokens"/> sequence.</param>
/// <param name="Similarity">Normalized token-level edit similarity in [0, 1] (<see cref="Metrics.Similarity(string, string)"/>).</param>
public sealed record PairScore(bool Exact, bool ExactModuloFormatting, double Similarity);

/// <summary>
/// The metric functions (README "Metrics"). All work on any text, Python or not, and never throw.
/// </summary>
internal static class Metrics
{
    /// <summary>Byte-identical: the same UTF-16 code units, so the same UTF-8 bytes (line ends included).</summary>
    public static bool Exact(string prediction, string reference) => string.Equals(prediction, reference, StringComparison.Ordinal);

    /// <summary>The same token sequence (<see cref="PythonTokens.Tokenize"/>): only spacing, line breaks inside brackets, blank lines, indent width and line ends may differ.</summary>
    public static bool ExactModuloFormatting(string prediction, string reference)
        => PythonTokens.Tokenize(prediction).SequenceEqual(PythonTokens.Tokenize(reference), StringComparer.Ordinal);

    /// <summary>
    /// <c>1 − d(p, r) / max(|p|, |r|)</c> over the token sequences <c>p</c> and <c>r</c>, where <c>d</c> is the
    /// Levenshtein distance counting a token inserted, deleted or replaced as 1. Both empty: 1.
    /// </summary>
    public static double Similarity(string prediction, string reference)
        => Similarity(PythonTokens.Tokenize(prediction), PythonTokens.Tokenize(reference));

    /// <summary><see cref="Similarity(string, string)"/> over token sequences already computed.</summary>
    public static double Similarity(IReadOnlyList<string> prediction, IReadOnlyList<string> reference)
    {
        int longest = Math.Max(prediction.Count, reference.Count);
        return longest == 0 ? 1.0 : 1.0 - (double)TokenEditDistance.Between(prediction, reference) / longest;
    }

    /// <summary>All three scores of one prediction.</summary>
    public static PairScore Score(string prediction, string reference)
    {
        var p = PythonTokens.Tokenize(prediction);
        var r = PythonTokens.Tokenize(reference);
        return new PairScore(Exact(prediction, reference), p.SequenceEqual(r, StringComparer.Ordinal), Similarity(p, r));
    }

    /// <summary>
    /// Whether the change <paramref name="before"/> → <paramref name="changed"/> lies on a shortest edit path
    /// from <paramref name="before"/> to <paramref name="reference"/>: <c>d(before, changed) + d(changed, reference) = d(before, reference)</c>
    /// over tokens, and <paramref name="changed"/> differs from <paramref name="before"/>. This is how a single rule's
    /// change is judged right when the pair needs more changes than that rule makes (confidence calibration).
    /// </summary>
    public static bool IsStepTowards(string before, string changed, string reference)
    {
        var b = PythonTokens.Tokenize(before);
        var c = PythonTokens.Tokenize(changed);
        var r = PythonTokens.Tokenize(reference);
        int step = TokenEditDistance.Between(b, c);
        if (step == 0) return false;
        return step + TokenEditDistance.Between(c, r) == TokenEditDistance.Between(b, r);
    }
}
