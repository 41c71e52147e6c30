using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Versions;

/// <summary>What a <see cref="TargetVerdict"/> says of a match.</summary>
public enum TargetVerdictKind
{
    /// <summary>The rule does not fit the project's versions: never applied.</summary>
    TargetVersion,
    /// <summary>The replacement is newer than the lowest version the project allows: applied only with <c>--unsafe</c>.</summary>
    Breaking,
    /// <summary>The output would fail at runtime whatever the versions (a string as an operand of <c>|</c>).</summary>
    CannotRewrite,
}

/// <summary>Why a match is not applied for the project's versions. Its own vocabulary, so that versions are
/// decided below matching and rewriting; the rewriter turns it into a finding.</summary>
public sealed record TargetVerdict(TargetVerdictKind Kind, string Message);

/// <summary>
/// Compares each match's rule with the versions the project targets, where a match is decided:
/// <list type="bullet">
/// <item>A library rule whose <c>to</c> version is above the project's allowed range is not applied (<c>applymap</c> → <c>map</c> for <c>pandas&gt;=2.0,&lt;2.1</c>).</item>
/// <item>A library rule whose replacement is newer than the range's lower bound (<c>introduced</c>, or conservatively
/// <c>to</c> when the rule records none) is a <em>breaking</em> fix: applied only with <c>--unsafe</c>; the message says to raise the lower bound.</item>
/// <item>A typing rule whose output needs a newer Python at this site (<see cref="PythonSyntaxRequirement"/>, <see cref="AnnotationContext"/>) is not applied.</item>
/// <item>Another standard-library rule whose replacement is newer than the Python target (<c>introduced</c>, else <c>to</c>) is breaking.</item>
/// <item>Whatever the targets: a string (<c>Optional["Node"]</c>) never becomes an operand of <c>|</c>, and neither does
/// <c>typing.NamedTuple</c>/<c>TypedDict</c> (functions, not classes) where the annotation is evaluated.</item>
/// </list>
/// </summary>
public sealed class TargetGate(ProjectTargets? targets)
{
    private static readonly HashSet<string> NotClasses = new(StringComparer.Ordinal)
    {
        "typing.NamedTuple", "typing.TypedDict", "typing_extensions.NamedTuple", "typing_extensions.TypedDict",
    };

    /// <summary>Only the checks that hold for every target (string and non-class union operands).</summary>
    public static readonly TargetGate OperandsOnly = new(null);

    /// <summary>The targets; null for <see cref="OperandsOnly"/>.</summary>
    public ProjectTargets? Targets => targets;

    /// <summary>Null when the match may be applied; otherwise why not.</summary>
    /// <param name="rule">The rule that matched.</param>
    /// <param name="node">Where it matched.</param>
    /// <param name="holes">What its metavariables bound there.</param>
    /// <param name="scope">The file's scopes and imports.</param>
    public TargetVerdict? Check(MigrationRule rule, SyntaxNode node, IReadOnlyDictionary<string, Capture> holes, ModuleScope scope)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(holes);
        ArgumentNullException.ThrowIfNull(scope);
        if (PythonSyntaxRequirement.Of(rule) is { } syntax) return CheckSyntax(node, holes, scope, syntax);
        if (targets is null) return null;
        if (rule.Library == "stdlib") return CheckStdlib(rule);
        if (!targets.Libraries.TryGetValue(rule.Library, out var lib)) return null;
        var range = lib.Range;
        if (ReleaseVersion.TryParse(rule.ToVersion) is { } to && !range.ReachesAtLeast(to))
            return new TargetVerdict(TargetVerdictKind.TargetVersion,
                $"not for this project: the rule migrates to {rule.Library} {to}, but the project allows {rule.Library} {range} ({lib.Source})");
        var introduced = ReleaseVersion.TryParse(rule.IntroducedVersion ?? rule.ToVersion);
        if (introduced is not null && !range.AllAtLeast(introduced))
            return new TargetVerdict(TargetVerdictKind.Breaking,
                $"breaking fix (--unsafe applies it): {New(rule)} {(rule.IntroducedVersion is null ? "is assumed new in" : "is new in")} {rule.Library} {introduced}, " +
                $"but the project still allows {rule.Library} {range} ({lib.Source}); raise the lower bound to {rule.Library}>={introduced} first");
        return null;
    }

    private TargetVerdict? CheckSyntax(SyntaxNode node, IReadOnlyDictionary<string, Capture> holes, ModuleScope scope, PythonSyntaxRequirement syntax)
    {
        bool evaluated = AnnotationContext.IsEvaluated(node, scope);
        foreach (var hole in syntax.UnionOperands)
        {
            if (!holes.TryGetValue(hole, out var cap) || cap.IsSplat) continue;
            if (cap.Node.Kind is "string" or "concatenated_string")
                return new TargetVerdict(TargetVerdictKind.CannotRewrite, $"{cap.Node.Text} is a string: as an operand of | it fails at runtime; left as it is");
            if (evaluated && cap.Node.Kind is "identifier" or "attribute"
                && scope.Resolve(cap.Node) is { Kind: ResolutionKind.Imported, QualifiedName: { } q } && NotClasses.Contains(q))
                return new TargetVerdict(TargetVerdictKind.CannotRewrite, $"{q} is a function, not a class: {cap.Node.Text} | … fails where the annotation is evaluated; left as it is");
        }
        if (targets is null) return null;
        var need = evaluated ? syntax.Runtime : PythonSyntaxRequirement.Deferred;
        if (need <= targets.Python) return null;
        return new TargetVerdict(TargetVerdictKind.TargetVersion,
            $"not for this project: {syntax.Feature} needs Python {need} where it is evaluated at runtime, and the project supports Python {targets.Python} ({targets.PythonSource})");
    }

    private TargetVerdict? CheckStdlib(MigrationRule rule)
    {
        var introduced = ReleaseVersion.TryParse(rule.IntroducedVersion ?? rule.ToVersion);
        if (introduced is null || introduced <= targets!.Python) return null;
        return new TargetVerdict(TargetVerdictKind.Breaking,
            $"breaking fix (--unsafe applies it): {New(rule)} {(rule.IntroducedVersion is null ? "is assumed to need" : "needs")} Python {introduced}, " +
            $"but the project supports Python {targets.Python} ({targets.PythonSource}); raise the project's Python to {introduced} first");
    }

    private static string New(MigrationRule rule) => rule.Replace is { } r ? r.Replace("$", "", StringComparison.Ordinal) : "the replacement";
}
