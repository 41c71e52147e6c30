using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Context;

/// <summary>What a guard sees: the module, its path, and the matches found in it.</summary>
/// <param name="Scope">The parsed module and its scopes.</param>
/// <param name="Matches">The rule matches in the module (a guard may protect code only when it holds one, e.g. an <c>except ImportError</c> that falls back to the old name).</param>
internal sealed record GuardContext(ModuleScope Scope, IReadOnlyList<RuleMatch> Matches)
{
    /// <summary>The tree.</summary>
    public SyntaxTree Tree => Scope.Tree;

    /// <summary>The file's path as given to the parser (null for a snippet).</summary>
    public string? Path => Scope.Tree.Source.Path;

    /// <summary>Top-level packages of the rules that matched (the library-package guard looks only for these).</summary>
    public IReadOnlySet<string> MatchedPackages => matchedPackages ??= Matches.SelectMany(m => RuleNames.Of(m.Rule).Packages).ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string>? matchedPackages;
}

/// <summary>
/// The context stage (pipeline: Python → Rules → Types → Context → Matching → Rewriting): the regions of one
/// parsed module that a migration must leave alone, each with its reason — the library's own code, tests of the
/// deprecated API, compatibility branches. Computed once per parsed tree, and only for a tree with matches; the
/// rewriter turns a match inside a region into a <c>skipped: …</c> finding instead of an edit.
/// </summary>
internal sealed class ModuleContext
{
    private ModuleContext(IReadOnlyList<ProtectedRegion> regions) => Regions = regions;

    /// <summary>No protected regions.</summary>
    public static ModuleContext Empty { get; } = new([]);

    /// <summary>The protected regions, in the order the walk found them (document order of the nodes that opened them).</summary>
    public IReadOnlyList<ProtectedRegion> Regions { get; }

    /// <summary>
    /// Runs every guard of <paramref name="guards"/> (default <see cref="ContextGuards.All"/>) over the module in one
    /// iterative pre-order walk: no recursion, so deeply nested code cannot overflow the stack.
    /// </summary>
    public static ModuleContext Analyze(ModuleScope scope, IReadOnlyList<RuleMatch> matches, IReadOnlyList<IContextGuard>? guards = null)
    {
        guards ??= ContextGuards.All;
        var byKind = new Dictionary<string, List<IContextGuard>>(StringComparer.Ordinal);
        foreach (var g in guards)
            foreach (var kind in g.NodeKinds)
            {
                if (!byKind.TryGetValue(kind, out var list)) byKind[kind] = list = [];
                list.Add(g);
            }
        var context = new GuardContext(scope, matches);
        var regions = new List<ProtectedRegion>();
        var tree = scope.Tree;
        // Nodes are stored in pre-order: walking the indices visits every node once, parents before children.
        for (int i = 0; i < tree.NodeCount; i++)
        {
            var node = new SyntaxNode(tree, i);
            if (!node.IsNamed || node.IsExtra) continue;
            if (!byKind.TryGetValue(node.Kind, out var list)) continue;
            foreach (var g in list) g.Inspect(node, context, regions);
        }
        return regions.Count == 0 ? Empty : new ModuleContext(regions);
    }

    /// <summary>The first region that protects <paramref name="match"/>, or null.</summary>
    public ProtectedRegion? Protecting(RuleMatch match)
    {
        foreach (var r in Regions)
            if (r.Protects(match)) return r;
        return null;
    }

    /// <summary>The first region over <paramref name="node"/> that admits <paramref name="rule"/> (any region when null), or null.</summary>
    public ProtectedRegion? Protecting(SyntaxNode node, MigrationRule? rule = null)
    {
        foreach (var r in Regions)
            if (r.Overlaps(node) && (rule is null || r.Filter.Admits(RuleNames.Of(rule)))) return r;
        return null;
    }
}
