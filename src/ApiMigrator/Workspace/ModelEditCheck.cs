using System.Globalization;
using ApiMigrator.Diffs;
using ApiMigrator.Hybrid;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Workspace;

/// <summary>
/// The checks a rule edit passes, applied to a module with the model's answers spliced in: the module parses;
/// a second rules pass (at the direct threshold) changes nothing; and, compared line by line with the text the
/// model tiers saw, every change lies in an applied site's statement or is an import line added or extended.
/// </summary>
internal static class ModelEditCheck
{
    /// <summary>Why <paramref name="result"/> must not be kept; null when it passes.</summary>
    public static string? Problem(SourceText seen, SourceText result, IReadOnlyList<SiteDecision> applied, RuleSet rules, HybridOptions options)
    {
        var tree = PythonParser.Parse(result);
        if (tree.HasErrors) return "the file does not parse with the answers in it";
        var again = Rewriter.Rewrite(result, rules, options.DirectRewrite);
        if (again.Refused is not null) return "the file does not parse with the answers in it";
        if (again.Changed)
        {
            var c = again.Changes.Count > 0 ? again.Changes[0] : null;
            return c is null
                ? "a second rules pass would change the file"
                : string.Create(CultureInfo.InvariantCulture, $"a second rules pass would change the file (rule {c.RuleId} at line {c.Line})");
        }
        return OutsideSites(seen, result, tree, applied);
    }

    private static string? OutsideSites(SourceText seen, SourceText result, SyntaxTree resultTree, IReadOnlyList<SiteDecision> applied)
    {
        if (applied.Any(d => d.SiteStartByte < 0 || d.SiteEndByte < d.SiteStartByte || d.SiteEndByte > seen.Length)) return "an answer's site is not known in the file";
        var spans = applied
            .Select(d => (First: seen.GetPosition(d.SiteStartByte).Line, Last: seen.GetPosition(Math.Max(d.SiteStartByte, d.SiteEndByte - 1)).Line))
            .ToList();
        var diff = LineDiff.Compute(seen.Text, result.Text);
        var oldImports = ImportLines(PythonParser.Parse(seen));
        var newImports = ImportLines(resultTree);
        foreach (var block in diff.DiffBlocks)
        {
            // 1-based line numbers: old lines first..last of the text the model saw; a pure insertion goes after old line `at`.
            int first = block.DeleteStartA + 1, last = block.DeleteStartA + block.DeleteCountA, at = block.DeleteStartA;
            bool InSite(int line) => spans.Any(s => s.First <= line && line <= s.Last);
            bool touchesSite = block.DeleteCountA > 0
                ? Enumerable.Range(first, block.DeleteCountA).Any(InSite)
                : spans.Any(s => s.First - 1 <= at && at <= s.Last);
            for (int line = first; line <= last; line++)
            {
                if (InSite(line) || oldImports.Contains(line) || Blank(diff.PiecesOld[line - 1])) continue;
                return string.Create(CultureInfo.InvariantCulture, $"it would change line {line}, outside the sites and their imports");
            }
            if (touchesSite) continue;
            for (int k = 0; k < block.InsertCountB; k++)
            {
                int line = block.InsertStartB + k + 1;
                if (newImports.Contains(line) || Blank(diff.PiecesNew[line - 1])) continue;
                return string.Create(CultureInfo.InvariantCulture, $"it would add a line that is not an import outside the sites (line {line} of the result)");
            }
        }
        return null;
    }

    private static bool Blank(string line) => line.Trim().Length == 0;

    private static HashSet<int> ImportLines(SyntaxTree tree)
    {
        var lines = new HashSet<int>();
        foreach (var n in tree.AllNodes())
        {
            if (n.Kind is not ("import_statement" or "import_from_statement" or "future_import_statement")) continue;
            for (int l = n.Start.Line; l <= n.End.Line; l++) lines.Add(l);
        }
        return lines;
    }
}
