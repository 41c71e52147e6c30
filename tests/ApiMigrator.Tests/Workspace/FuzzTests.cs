using System.Text;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Python;
using ApiMigrator.Workspace;

namespace ApiMigrator.Tests.Workspace;

/// <summary>
/// Mutated standard-library files through the whole migration of one document, with CPython's compile() as the
/// oracle: no input crashes the run, no file CPython accepted comes out rejected, and no file CPython rejects is
/// touched. Bounded and seeded, so it runs in CI and a failure repeats.
/// </summary>
public class FuzzTests
{
    private const int Seed = 15;
    private const int FileCount = 300;

    /// <summary>One way to break (or not) a file; the name appears in failure messages.</summary>
    private delegate string Mutation(List<string> lines, Random rng);

    private static readonly (string Name, Mutation Apply)[] Mutations =
    [
        ("none", (lines, _) => Join(lines)),
        ("indent-to-tab", (lines, rng) => AtIndented(lines, rng, (l, i) => "\t" + l[i].TrimStart(' '))),
        ("tab-in-one-line", (lines, rng) => AtIndented(lines, rng, (l, i) => l[i].StartsWith("    ", StringComparison.Ordinal) ? "\t" + l[i][4..] : l[i])),
        ("delete-line", (lines, rng) => { lines.RemoveAt(rng.Next(lines.Count)); return Join(lines); }),
        ("duplicate-line", (lines, rng) => { int i = rng.Next(lines.Count); lines.Insert(i, lines[i]); return Join(lines); }),
        ("python2-print", (lines, rng) => { int i = rng.Next(lines.Count); lines.Insert(i, Indent(lines[i]) + "print \"x\""); return Join(lines); }),
        ("form-feed-in-indent", (lines, rng) => AtIndented(lines, rng, (l, i) => l[i][..2] + "\f" + l[i][2..])),
        ("truncate-at-block-opener", (lines, rng) =>
        {
            var openers = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimEnd().EndsWith(':')).ToList();
            return openers.Count == 0 ? Join(lines) : Join(lines.Take(openers[rng.Next(openers.Count)] + 1).ToList());
        }),
        ("deep-brackets", (lines, _) => Join(lines) + "y = " + new string('(', 250) + "np.float_" + new string(')', 250) + "\n"),
        ("deep-nesting", (lines, _) => Join(lines) + "z = " + new string('[', 1200) + "np.float_" + new string(']', 1200) + "\n"),
        ("dedent-mismatch", (lines, rng) => AtIndented(lines, rng, (l, i) => " " + l[i])),
        ("python2-forms", (lines, rng) => { int i = rng.Next(lines.Count); lines.Insert(i, Indent(lines[i]) + "x = 0777 <> 10L"); return Join(lines); }),
    ];

    [Fact]
    public void Mutated_standard_library_files_never_crash_never_break_and_are_left_alone_when_CPython_rejects_them()
    {
        // Given a few hundred stdlib files with NumPy 1.x code added (so rules match), each mutated one way
        var lib = StdlibCorpus.LibFolder("3.12");
        Assert.True(lib is not null, "Python 3.12 is not installed under pyenv");
        var rng = new Random(Seed);
        var candidates = StdlibCorpus.Files(lib!).Where(f => !StdlibCorpus.IsKnownInvalid(f) && new FileInfo(f).Length is > 200 and < 40_000).ToList();
        var inputs = new List<(string File, string Mutation, string Text)>();
        while (inputs.Count < FileCount)
        {
            var file = candidates[rng.Next(candidates.Count)];
            if (SourceText.TryFrom(File.ReadAllBytes(file), file) is not { Text: { } source }) continue;
            var lines = WithMigratableCode(source.Text, rng);
            var (name, apply) = Mutations[inputs.Count % Mutations.Length];
            inputs.Add((file, name, apply(lines, rng)));
        }
        var settings = new MigrationSettings { Rules = new RuleSet(ShippedRules.Load()), Mode = MigrationMode.Write, Parallelism = 1 };

        // When each is migrated as `apimig migrate --write` would
        var crashes = new List<string>();
        var outputs = new List<byte[]>();
        foreach (var (file, mutation, text) in inputs)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            try
            {
                var doc = DocumentMigrator.Migrate(bytes, "fuzz.py", settings);
                if (doc.Skipped is { Reason: SkipReason.InternalError } s) crashes.Add($"{file} ({mutation}): internal error: {s.Message}");
                outputs.Add(doc.Updated);
            }
            catch (Exception e)
            {
                crashes.Add($"{file} ({mutation}): {e.GetType().Name}: {e.Message}");
                outputs.Add(bytes);
            }
        }

        // Then nothing crashed; what CPython rejected is byte for byte as it was; what it accepted still compiles
        var changed = Enumerable.Range(0, inputs.Count).Where(i => !outputs[i].AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(inputs[i].Text))).ToList();
        var verdicts = CPython.Compiles("3.12", [.. inputs.Select(x => x.Text), .. changed.Select(i => Encoding.UTF8.GetString(outputs[i]))]);
        var touchedRejected = changed.Where(i => !verdicts[i]).Select(i => $"{inputs[i].File} ({inputs[i].Mutation})").ToList();
        var broken = changed.Select((i, k) => (i, k)).Where(x => verdicts[x.i] && !verdicts[inputs.Count + x.k]).Select(x => $"{inputs[x.i].File} ({inputs[x.i].Mutation})").ToList();
        int rejected = inputs.Count - verdicts.Take(inputs.Count).Count(v => v);
        // A failing input is kept, with what the run made of it, so it can be replayed by hand.
        var keep = Path.Combine(Path.GetTempPath(), "apimig-fuzz");
        foreach (var i in changed.Where(i => !verdicts[i]).Concat(changed.Select((i, k) => (i, k)).Where(x => verdicts[x.i] && !verdicts[inputs.Count + x.k]).Select(x => x.i)))
        {
            Directory.CreateDirectory(keep);
            var name = $"{i:D3}-{inputs[i].Mutation}-{Path.GetFileNameWithoutExtension(inputs[i].File)}";
            File.WriteAllText(Path.Combine(keep, name + ".py"), inputs[i].Text);
            File.WriteAllBytes(Path.Combine(keep, name + ".out.py"), outputs[i]);
        }

        Assert.True(crashes.Count == 0, "crashes:\n" + string.Join("\n", crashes.Take(20)));
        Assert.True(touchedRejected.Count == 0, $"files CPython rejects were changed (inputs kept in {keep}):\n" + string.Join("\n", touchedRejected.Take(20)));
        Assert.True(broken.Count == 0, "files CPython accepted no longer compile:\n" + string.Join("\n", broken.Take(20)));
        // The corpus must exercise both sides, or the test proves nothing.
        Assert.True(changed.Count >= 50, $"only {changed.Count} files changed");
        Assert.True(rejected >= 50, $"only {rejected} inputs rejected by CPython");
    }

    /// <summary>The file's lines with NumPy 1.x code at the end and one more use before a random line, at its indentation.</summary>
    private static List<string> WithMigratableCode(string text, Random rng)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        int at = rng.Next(lines.Count + 1);
        if (at < lines.Count) lines.Insert(at, Indent(lines[at]) + "w = np.float_(2)");
        lines.Add("import numpy as np");
        lines.Add("x = np.float_(1)");
        lines.Add("def f(a):");
        lines.Add("    return np.cast[np.float_](a)");
        return lines;
    }

    private static string AtIndented(List<string> lines, Random rng, Func<List<string>, int, string> change)
    {
        var indented = Enumerable.Range(0, lines.Count).Where(i => lines[i].StartsWith("    ", StringComparison.Ordinal) && lines[i].Trim().Length > 0).ToList();
        if (indented.Count == 0) return Join(lines);
        int pick = indented[rng.Next(indented.Count)];
        lines[pick] = change(lines, pick);
        return Join(lines);
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart(' ', '\t').Length)];

    private static string Join(List<string> lines) => string.Join('\n', lines) + "\n";
}
