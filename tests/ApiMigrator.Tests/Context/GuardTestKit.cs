using ApiMigrator.Context;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Context;

/// <summary>Analyzes a snippet with the golden-case rules (Rewriting/Cases/rules.yaml) and asks what protects a match.</summary>
internal static class GuardTestKit
{
    public static readonly Lazy<RuleSet> Rules = new(() =>
    {
        var (rules, errors) = RuleFile.Load(Path.Combine(DatasetFiles.RepoRoot, "tests", "ApiMigrator.Tests", "Rewriting", "Cases", "rules.yaml"));
        Assert.Empty(errors);
        return new RuleSet(rules);
    });

    public sealed record Analysis(ModuleScope Scope, IReadOnlyList<RuleMatch> Matches, ModuleContext Context)
    {
        /// <summary>The region protecting the <paramref name="nth"/> match whose text is <paramref name="text"/>; null if unprotected. Fails if no such match.</summary>
        public ProtectedRegion? At(string text, int nth = 0)
        {
            var found = Matches.Where(m => m.Node.Text == text && !m.IsImportSite).ToList();
            Assert.True(found.Count > nth, $"no match #{nth} with text {text}; matches: {string.Join(", ", Matches.Select(m => m.Node.Text))}");
            return Context.Protecting(found[nth]);
        }

        /// <summary>The region protecting the import site of <paramref name="name"/>.</summary>
        public ProtectedRegion? AtImport(string name)
        {
            var m = Assert.Single(Matches, m => m.IsImportSite && m.Node.Text.StartsWith(name, StringComparison.Ordinal));
            return Context.Protecting(m);
        }
    }

    public static Analysis Analyze(string code, string? path = null)
    {
        var tree = PythonParser.Parse(SourceText.From(code, path));
        Assert.False(tree.HasErrors, "the snippet must parse");
        var scope = ModuleScope.Build(tree);
        var matches = Matcher.FindMatches(Rules.Value, scope);
        return new Analysis(scope, matches, ModuleContext.Analyze(scope, matches));
    }
}
