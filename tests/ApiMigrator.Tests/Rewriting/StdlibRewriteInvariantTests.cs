using System.Collections.Concurrent;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;
using ApiMigrator.Tests.Python;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Rewriting;

/// <summary>
/// Given the shipped rules and a whole standard library (real code nobody wrote for us),
/// when every file is rewritten,
/// then nothing throws, every changed file still parses, and a second pass changes nothing.
/// </summary>
public class StdlibRewriteInvariantTests(ITestOutputHelper output)
{
    [Fact]
    public void Shipped_rules_keep_the_invariants_over_a_whole_standard_library()
    {
        var lib = StdlibCorpus.LibFolder("3.12");
        Assert.True(lib is not null, "Python 3.12 standard library not found under pyenv");
        var (rules, errors) = RuleFile.Load(Path.Combine(DatasetFiles.RepoRoot, "data", "rules", "learned.yaml"));
        Assert.Empty(errors);
        var set = new RuleSet(rules);
        var failures = new ConcurrentBag<string>();
        var report = new ConcurrentBag<string>();
        int files = 0, changed = 0, refused = 0;
        Parallel.ForEach(StdlibCorpus.Files(lib!), file =>
        {
            if (StdlibCorpus.IsKnownInvalid(file)) return;
            var read = SourceText.TryFrom(File.ReadAllBytes(file), file);
            if (read.Text is not { } src) return;
            Interlocked.Increment(ref files);
            try
            {
                var result = Rewriter.Rewrite(src, set);
                if (result.Refused is not null) { Interlocked.Increment(ref refused); return; }
                if (!result.Changed) return;
                Interlocked.Increment(ref changed);
                foreach (var c in result.Changes) report.Add($"{Path.GetRelativePath(lib!, file)}:{c.Line} {c.RuleId} {c.Confidence:F2}");
                if (PythonParser.Parse(result.Result).HasErrors) failures.Add($"{file}: output does not parse");
                if (Rewriter.Rewrite(result.Result, set).Changed) failures.Add($"{file}: second pass changed it again");
            }
            catch (Exception e)
            {
                failures.Add($"{file}: {e.GetType().Name}: {e.Message}");
            }
        });
        output.WriteLine($"{files} files, {changed} changed, {refused} refused");
        foreach (var line in report.Order(StringComparer.Ordinal)) output.WriteLine(line);
        Assert.True(files > 1000);
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
    }
}
