using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ApiMigrator.Data;
using ApiMigrator.Tests.Llm;

namespace ApiMigrator.Tests.Hybrid;

/// <summary>
/// A scripted stand-in for a model over a whole dataset — NOT a model: it looks the prompt's code up in the
/// dataset and answers, by a hash of the code, right (6 in 10: the matching lines of the pair's <c>after</c>),
/// wrong (2 in 10: the right answer plus a stray statement) or empty (2 in 10). The same code always gets the
/// same kind of answer, also after feedback. It exists to drive the hybrid's plumbing end to end.
/// </summary>
internal sealed class OracleModel(IReadOnlyList<MigrationPair> pairs)
{
    private readonly List<(MigrationPair Pair, string Squashed)> index = pairs.Select(p => (p, Squash(p.Before))).OrderBy(x => x.p.Id, StringComparer.Ordinal).ToList();

    private const string CodeMarker = "Code to migrate:\n```python\n";
    private const string ImportsMarker = "Imports of the module (context only; do not repeat them):\n```python\n";

    public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

    public ScriptedReply Respond(RecordedRequest request)
    {
        var prompt = request.Messages.First(m => m.Role == "user").Content;
        var code = Block(prompt, CodeMarker) ?? "";
        var imports = Block(prompt, ImportsMarker) ?? "";
        var right = RightAnswer(code, imports) ?? code;
        var kind = (SHA256.HashData(Encoding.UTF8.GetBytes(code))[0] % 10) switch { < 6 => "right", < 8 => "wrong", _ => "empty" };
        Answers.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return kind switch
        {
            "right" => ScriptedReply.Answer("```python\n" + right + "\n```"),
            "wrong" => ScriptedReply.Answer("```python\n" + right + "\nscripted_wrong = True\n```"),
            _ => ScriptedReply.Answer(""),
        };
    }

    private static string? Block(string prompt, string marker)
    {
        int start = prompt.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        int end = prompt.IndexOf("\n```", start, StringComparison.Ordinal);
        return end < 0 ? null : prompt[start..end];
    }

    /// <summary>The lines of the pair's <c>after</c> that take the place of <paramref name="code"/>'s lines, new imports first.</summary>
    private string? RightAnswer(string code, string imports)
    {
        var importLines = imports.Split('\n').Where(l => !l.StartsWith('#') && l.Trim().Length > 0).ToList();
        var squashed = Squash(code);
        var pair = index.FirstOrDefault(x => x.Squashed.Contains(squashed, StringComparison.Ordinal) && importLines.All(x.Pair.Before.Contains)).Pair;
        if (pair is null) return null;
        if (code.TrimEnd() == pair.Before.TrimEnd()) return pair.After.TrimEnd();
        var before = pair.Before.Split('\n');
        var after = pair.After.Split('\n');
        var codeLines = code.Split('\n');
        int s = Enumerable.Range(0, before.Length).FirstOrDefault(i => i + codeLines.Length <= before.Length
            && codeLines.Select((l, k) => before[i + k].Trim() == l.Trim()).All(x => x), -1);
        if (s < 0) return null;
        int e = s + codeLines.Length - 1;
        var match = Align(before, after);
        int aStart = 0, aEnd = after.Length - 1;
        for (int i = s - 1; i >= 0; i--) if (match[i] >= 0) { aStart = match[i] + 1; break; }
        for (int i = e + 1; i < before.Length; i++) if (match[i] >= 0) { aEnd = match[i] - 1; break; }
        var indent = before[s][..(before[s].Length - before[s].TrimStart().Length)];
        var segment = after[aStart..(aEnd + 1)].Where(l => !IsNewImport(l, before)).Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l.TrimStart());
        var newImports = after.Where(l => IsNewImport(l, before));
        return string.Join("\n", newImports.Concat(segment)).TrimEnd();
    }

    private static bool IsNewImport(string line, string[] before)
        => (line.StartsWith("import ", StringComparison.Ordinal) || line.StartsWith("from ", StringComparison.Ordinal)) && !before.Contains(line);

    /// <summary>For each line of <paramref name="a"/>, the line of <paramref name="b"/> it is paired with by a longest common subsequence, or −1.</summary>
    private static int[] Align(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var match = Enumerable.Repeat(-1, a.Length).ToArray();
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j]) { match[i] = j; i++; j++; }
            else if (lcs[i + 1, j] >= lcs[i, j + 1]) i++;
            else j++;
        }
        return match;
    }

    private static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
