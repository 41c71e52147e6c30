using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Python;

/// <summary>
/// Given every .py file of each installed standard library (3.8–3.13),
/// when it is parsed and printed with no edits,
/// then the bytes are identical, the tree has no ERROR/MISSING nodes, and its ranges are well formed.
/// </summary>
public class StdlibRoundTripTests(ITestOutputHelper output)
{
    public static TheoryData<string> Versions() => [.. StdlibCorpus.Versions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_stdlib_file_parses_cleanly_and_prints_back_byte_identical(string version)
    {
        var lib = StdlibCorpus.LibFolder(version);
        // The machine image has pyenv 3.8–3.13; a missing one must fail loudly, not pass silently.
        Assert.True(lib is not null, $"Python {version} standard library not found under pyenv; this test needs it (set PYENV_ROOT)");

        int files = 0, skipped = 0, refused = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var all = StdlibCorpus.Files(lib!).ToList();
        Parallel.ForEach(all, file =>
        {
            if (StdlibCorpus.IsKnownInvalid(file)) { Interlocked.Increment(ref skipped); return; }
            var bytes = File.ReadAllBytes(file);
            var read = SourceText.TryFrom(bytes, file);
            if (read.Error is { } err)
            {
                // A few stdlib test files are deliberately Latin-1 etc.; they must be refused with a reason, never crash.
                Assert.NotEqual(SourceErrorKind.Unreadable, err.Kind);
                Interlocked.Increment(ref refused);
                return;
            }
            var src = read.Text!;
            var tree = PythonParser.Parse(src);
            Interlocked.Increment(ref files);
            if (tree.HasErrors) { failures.Add($"{file}: {(tree.Diagnostics.Count > 0 ? tree.Diagnostics[0] : null)}"); return; }
            var printed = src.WithContent(SourceEdits.ApplyToBytes(src, [])).ToBytes();
            if (!printed.AsSpan().SequenceEqual(bytes)) failures.Add($"{file}: print is not byte-identical");
            var problem = CheckRanges(tree);
            if (problem is not null) failures.Add($"{file}: {problem}");
        });
        output.WriteLine($"Python {version}: {files} files parsed, {skipped} known-invalid skipped, {refused} refused (not UTF-8)");
        Assert.True(files > 1000, $"expected a full standard library, found {files} files");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
    }

    /// <summary>Children lie inside their parent, in order, without overlap; leaves come in document order inside the text.</summary>
    private static string? CheckRanges(SyntaxTree tree)
    {
        int lastLeafEnd = 0;
        var content = tree.Source.Content;
        foreach (var n in tree.AllNodes())
        {
            int prevEnd = n.StartByte;
            foreach (var c in n.Children)
            {
                if (c.StartByte < prevEnd || c.EndByte > n.EndByte) return $"child {c} out of order in {n}";
                prevEnd = c.EndByte;
            }
            if (n.ChildCount == 0 && n.EndByte > n.StartByte)
            {
                if (n.StartByte < lastLeafEnd) return $"leaf {n} overlaps the previous leaf";
                lastLeafEnd = n.EndByte;
            }
        }
        return lastLeafEnd <= content.Length ? null : "leaf past end of text";
    }
}
