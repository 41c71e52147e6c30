using System.Text.RegularExpressions;
using ApiMigrator.Data;

namespace ApiMigrator.Llm;

/// <summary>A pair and how well it matched a query.</summary>
public sealed record ScoredPair(MigrationPair Pair, double Score);

/// <summary>
/// Okapi BM25 over code tokens of the pairs' <c>before</c> code: finds the training pairs most similar
/// to a site for few-shot prompts. Lexical, because no embedding model is available here — and API
/// names (<c>append</c>, <c>np.float_</c>) are exactly what makes two snippets the same migration.
/// Negative pairs are not indexed: an example must show a change.
/// </summary>
public sealed partial class Bm25Retriever
{
    private readonly List<(MigrationPair Pair, Dictionary<string, int> Terms, int Length)> documents = [];
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private readonly double averageLength;
    private readonly double k1;
    private readonly double b;

    /// <summary>Indexes the positive pairs; <paramref name="k1"/> and <paramref name="b"/> are the usual BM25 constants.</summary>
    public Bm25Retriever(IEnumerable<MigrationPair> pairs, double k1 = 1.2, double b = 0.75)
    {
        this.k1 = k1;
        this.b = b;
        foreach (var pair in pairs.Where(p => !p.IsNegative))
        {
            var tokens = Tokenize(pair.Before);
            var terms = tokens.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            documents.Add((pair, terms, tokens.Count));
            foreach (var term in terms.Keys) documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        averageLength = documents.Count == 0 ? 0 : documents.Average(d => d.Length);
    }

    /// <summary>Number of indexed pairs.</summary>
    public int Count => documents.Count;

    /// <summary>
    /// The <paramref name="k"/> best-scoring pairs for <paramref name="code"/>, best first, only those that
    /// share at least one token; restricted to <paramref name="library"/> when given. Ties go to the
    /// smaller id so that prompts are reproducible.
    /// </summary>
    public IReadOnlyList<ScoredPair> Search(string code, int k, string? library = null)
    {
        var query = Tokenize(code).Distinct(StringComparer.Ordinal).ToList();
        int n = documents.Count;
        return documents
            .Where(d => library is null || string.Equals(d.Pair.Library, library, StringComparison.OrdinalIgnoreCase))
            .Select(d => new ScoredPair(d.Pair, Score(d.Terms, d.Length)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Pair.Id, StringComparer.Ordinal)
            .Take(k)
            .ToList();

        double Score(Dictionary<string, int> terms, int length)
        {
            double score = 0;
            foreach (var term in query)
            {
                if (!terms.TryGetValue(term, out int tf)) continue;
                int df = documentFrequency[term];
                double idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength));
            }
            return score;
        }
    }

    /// <summary>
    /// Code tokens: every identifier, lower-cased, and every adjacent pair of a dotted name
    /// (<c>np.float_</c>), so that an attribute access weighs more than its two names apart.
    /// </summary>
    internal static List<string> Tokenize(string code)
    {
        var tokens = new List<string>();
        foreach (Match m in DottedName().Matches(code))
        {
            var parts = m.Value.ToLowerInvariant().Split('.');
            tokens.AddRange(parts);
            for (int i = 0; i + 1 < parts.Length; i++) tokens.Add(parts[i] + "." + parts[i + 1]);
        }
        return tokens;
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")]
    private static partial Regex DottedName();
}
