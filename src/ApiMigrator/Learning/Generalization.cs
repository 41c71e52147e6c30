using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>Rules no single pair shows, generalized from several merged rules: a module that moved, a keyword change of a whole library.</summary>
internal static class Generalization
{
    /// <summary>
    /// Anti-unification of names: when two or more members of module P moved to module Q under the
    /// same names (P.a → Q.a, P.b → Q.b), the module itself moved: P → Q, which also covers
    /// <c>import P as alias</c>. The replay checks it against every training pair, so a module whose
    /// other members stayed (a counter-example in the data) loses confidence.
    /// </summary>
    internal static List<MigrationRule> ModuleMoves(List<MigrationRule> rules)
    {
        var moves = new List<MigrationRule>();
        var existing = rules.OfType<ApiRenameRule>().Where(r => r.IsQualifiedNameMatch).Select(r => r.Match).ToHashSet(StringComparer.Ordinal);
        var groups = rules.OfType<ApiRenameRule>()
            .Where(r => r.IsQualifiedNameMatch && r.Replace is not null && r.Match.Contains('.', StringComparison.Ordinal) && r.Replace.Contains('.', StringComparison.Ordinal))
            .Select(r => (Rule: r, OldParent: r.Match[..r.Match.LastIndexOf('.')], NewParent: r.Replace![..r.Replace!.LastIndexOf('.')],
                OldName: r.Match[(r.Match.LastIndexOf('.') + 1)..], NewName: r.Replace[(r.Replace.LastIndexOf('.') + 1)..]))
            .Where(x => x.OldName == x.NewName && x.OldParent != x.NewParent)
            .GroupBy(x => (x.OldParent, x.NewParent));
        foreach (var g in groups.OrderBy(g => g.Key.OldParent, StringComparer.Ordinal))
        {
            var names = g.Select(x => x.OldName).Distinct(StringComparer.Ordinal).Count();
            if (names < 2 || existing.Contains(g.Key.OldParent)) continue;
            // Never move a top-level package, nor a module into itself (tensorflow → tensorflow.compat.v1 would never stop),
            // nor a class: `asyncio.Task.all_tasks` → `asyncio.all_tasks` does not make `asyncio.Task` mean `asyncio`.
            if (!g.Key.OldParent.Contains('.', StringComparison.Ordinal) || g.Key.NewParent.StartsWith(g.Key.OldParent + ".", StringComparison.Ordinal)) continue;
            if (!LooksLikeModule(g.Key.OldParent) || !LooksLikeModule(g.Key.NewParent)) continue;
            var first = g.First().Rule;
            var move = new ApiRenameRule
            {
                Id = "",
                Match = g.Key.OldParent,
                Replace = g.Key.NewParent,
                Library = first.Library,
                FromVersion = first.FromVersion,
                ToVersion = first.ToVersion,
                Source = first.Source,
                Description = $"module {g.Key.OldParent} moved to {g.Key.NewParent} (generalized from {names} moved names)",
                Patterns = g.SelectMany(x => x.Rule.Patterns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                Example = first.Example,
                Support = names,
                Generalized = true,
            };
            moves.Add(move with { Id = LearnedRuleId.Of(move) });
        }
        return moves;
    }

    /// <summary>
    /// The same keyword change seen on two or more callees of one library (<c>freq="H"</c> → <c>freq="h"</c>
    /// on date_range and resample) is a change of the library, not of one function: a rule on any
    /// callee whose value comes from that library.
    /// </summary>
    internal static List<MigrationRule> GeneralOps(List<MigrationRule> rules)
    {
        var result = new List<MigrationRule>();
        var singles = rules.OfType<ParameterRule>().Where(r => r.Ops.Count > 0 && r.Match != "$f")
            .SelectMany(r => r.Ops.Select(op => (Rule: r, Op: op)));
        foreach (var g in singles.GroupBy(x => (x.Rule.Library, x.Op)).OrderBy(g => g.Key.Library, StringComparer.Ordinal).ThenBy(g => g.Key.Op.ToString(), StringComparer.Ordinal))
        {
            var callees = g.Select(x => x.Rule.Match).Distinct(StringComparer.Ordinal).Count();
            IReadOnlyList<string> packages = LibraryPackages.Of(g.Key.Library);
            if (packages.Count == 0)
            {
                // The standard library is many packages: generalize only within the one package all callees share.
                var own = g.SelectMany(x => x.Rule.Match.StartsWith('$') ? ReceiverTypes.Packages(x.Rule.Where.GetValueOrDefault("recv") ?? []).ToArray() : [Types.TypeNames.PackageOf(x.Rule.Match)])
                    .Distinct(StringComparer.Ordinal).ToList();
                if (own.Count == 1) packages = own;
            }
            if (callees < 2 || packages.Count == 0) continue;
            var first = g.First().Rule;
            var rule = first with
            {
                Match = "$f",
                Ops = [g.Key.Op],
                Where = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["f"] = packages },
                Support = callees,
                Generalized = true,
                Conflicts = 0,
                Description = $"{g.Key.Op} on any {g.Key.Library} call (seen on {callees} functions). {first.Description}".Trim(),
                Patterns = g.SelectMany(x => x.Rule.Patterns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            };
            result.Add(rule with { Id = LearnedRuleId.Of(rule) });
        }
        return result;
    }

    /// <summary>PEP 8: modules are lower_case, classes CapWords. A dotted path whose parts are all lower case is taken for a module.</summary>
    private static bool LooksLikeModule(string dotted) => dotted.Split('.').All(part => part.Length > 0 && !char.IsUpper(part[0]));
}
