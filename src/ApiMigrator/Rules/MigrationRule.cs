using ApiMigrator.Python;

namespace ApiMigrator.Rules;

/// <summary>The three rule kinds. Each has one file in this folder.</summary>
public enum RuleKind
{
    /// <summary>A qualified name becomes another (<c>numpy.float_</c> → <c>numpy.float64</c>), including module moves.</summary>
    ApiRename,
    /// <summary>A call's arguments change: keyword renamed, removed, value mapped, or the call reshaped by a template.</summary>
    Parameter,
    /// <summary>A general pattern with holes becomes a template (<c>typing.Optional[$1]</c> → <c>$1 | None</c>).</summary>
    Syntax,
}

/// <summary>How freely a rule may be applied (ruff's fix safety).</summary>
public enum Safety
{
    /// <summary>Applied by default.</summary>
    Safe,
    /// <summary>Applied only with --unsafe or by a higher tier.</summary>
    Unsafe,
    /// <summary>Reported, never applied.</summary>
    Manual,
}

/// <summary>A before/after example carried by a rule, for `rules show` and rule-guided prompts.</summary>
public sealed record RuleExample(string Before, string After);

/// <summary>
/// What every rule carries. Concrete migrations are data (YAML), so a learned rule and a hand-written
/// rule have the same shape; the behaviour lives in the kind's class.
/// </summary>
public abstract record MigrationRule
{
    /// <summary>Stable id, e.g. <c>numpy.float_-to-numpy.float64</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Library the rule belongs to (<c>numpy</c>, <c>pandas</c>, <c>stdlib</c> …).</summary>
    public string Library { get; init; } = "unknown";

    /// <summary>Version the old API belongs to.</summary>
    public string? FromVersion { get; init; }

    /// <summary>Version the new API belongs to.</summary>
    public string? ToVersion { get; init; }

    /// <summary>
    /// The first version of the library (of Python, for <c>stdlib</c>) in which the replacement exists,
    /// e.g. <c>1.0</c> for <c>np.float64</c> but <c>2.0</c> for <c>np.trapezoid</c>. A project that still
    /// allows an older version cannot take the rewrite without breaking there. Null when unknown.
    /// </summary>
    public string? IntroducedVersion { get; init; }

    /// <summary>Where behaviour differs between the old and the new spelling (dtype, naive vs aware, eager vs graph); null when it does not.</summary>
    public string? Note { get; init; }

    /// <summary>What the rule does and why, in one sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>How freely it may be applied.</summary>
    public Safety Safety { get; init; } = Safety.Safe;

    /// <summary>Training pairs that produced (or confirmed) the rule; 0 for hand-written rules.</summary>
    public int Support { get; init; }

    /// <summary>Training pairs with the same pattern but a different replacement.</summary>
    public int Conflicts { get; init; }

    /// <summary>Negative training pairs the rule would have changed.</summary>
    public int NegativeHits { get; init; }

    /// <summary>Documentation page that states the change.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// True for a rule the learner generalized beyond what it saw (a module move from moved names, a
    /// keyword op on any call of a library): its prior is scaled by <c>Matching.Confidence.GeneralizedFactor</c>.
    /// </summary>
    public bool Generalized { get; init; }

    /// <summary>Dataset pattern ids this rule was learned from (for reports).</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];

    /// <summary>One example.</summary>
    public RuleExample? Example { get; init; }

    /// <summary>Imports a rewrite adds when its replacement needs them (e.g. <c>from datetime import timezone</c>).</summary>
    public IReadOnlyList<string> AddImports { get; init; } = [];

    /// <summary>The pattern: a qualified name (<c>numpy.float_</c>) or Python with metavariables (<c>$df.append($x)</c>).</summary>
    public required string Match { get; init; }

    /// <summary>The replacement template; null for parameter rules that use <see cref="ParameterRule.Ops"/>.</summary>
    public string? Replace { get; init; }

    /// <summary>
    /// Type constraints: metavariable → the types its value must have (qualified names with a dot:
    /// <c>df: [pandas.DataFrame, pandas.Series]</c>), or the packages it must come from (no dot: <c>df: [pandas]</c>,
    /// weak evidence for a receiver). The inferred type (<see cref="Types.TypeInference"/>) meeting them raises
    /// confidence; a value of a known other type rejects the match.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Where { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Literal-kind constraints: metavariable → the literal kind it must bind (<c>string</c>, <c>integer</c>,
    /// <c>float</c>), or must not bind (<c>!string</c>). Learned when every training pair bound a literal of that kind there
    /// (<c>conn.execute("SELECT …")</c> needs <c>text(…)</c>; <c>conn.execute(stmt)</c> does not).
    /// </summary>
    public IReadOnlyDictionary<string, string> HoleKinds { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Keywords the matched call must not have (<c>absent: [ndmin]</c>): the replacement is valid only
    /// without them. A call with <c>**kwargs</c> could hold any of them and does not match either.
    /// </summary>
    public IReadOnlyList<string> AbsentKeywords { get; init; } = [];

    /// <summary>The kind.</summary>
    public abstract RuleKind Kind { get; }

    /// <summary>Identifiers that must occur in a file for this rule to apply (the prefilter's keys).</summary>
    public virtual IReadOnlyList<string> Anchors => MatchPattern.Anchors;

    /// <summary>
    /// At least one of these must occur in a file for a match to reach useful confidence: the top-level
    /// modules the pattern's names and receivers come from, and their conventional aliases. Without any
    /// of them no name can resolve and no receiver can show evidence. Empty when the rule needs none.
    /// </summary>
    public IReadOnlyList<string> ModuleAnchors => moduleAnchors ??= ComputeModuleAnchors();

    private IReadOnlyList<string>? moduleAnchors;

    /// <summary>
    /// The top-level packages the receiver constraints name: <c>pandas</c> for <c>pandas.DataFrame</c> or a bare
    /// <c>pandas</c>, <c>pydantic</c> for <c>type[pydantic.BaseModel]</c>, none for <c>builtins.str</c>.
    /// </summary>
    public IReadOnlyList<string> ReceiverPackages => receiverPackages ??= [.. Where.Values.SelectMany(entries => entries)
        .Select(e => Types.TypeRequirement.IsPackage(e) ? e : Types.TypeNames.Package(e)).OfType<string>()
        .Select(p => p.Split('.')[0]).Distinct(StringComparer.Ordinal)];

    private IReadOnlyList<string>? receiverPackages;

    private List<string> ComputeModuleAnchors()
    {
        var modules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var q in MatchPattern.QualifiedNames) modules.Add(q.Split('.')[0]);
        modules.UnionWith(ReceiverPackages);
        // A rule with a receiver hole but no stated package (learned without evidence) can match anywhere.
        if (modules.Count == 0) return [];
        foreach (var (alias, module) in ConventionalAliases.ByAlias)
            if (modules.Contains(module.Split('.')[0])) modules.Add(alias);
        return [.. modules];
    }

    /// <summary>
    /// True when the rule has something to do at <paramref name="node"/>, where its pattern matched: a kind whose
    /// pattern is broader than its change narrows it here (a parameter rule's keyword ops apply only to calls that
    /// carry their keyword). The matcher asks every kind the same way.
    /// </summary>
    public virtual bool AppliesAt(SyntaxNode node) => true;

    /// <summary>What the rule matches, in words for people and prompts (<c>calls to pandas.read_csv</c> for keyword ops).</summary>
    public virtual string MatchSummary => Match;

    /// <summary>What the rule puts instead, in words for people and prompts.</summary>
    public virtual string ReplaceSummary => Replace ?? "(see the description)";

    /// <summary>Kind-specific lines of <c>apimig rules show</c>: (label, text).</summary>
    public virtual IEnumerable<(string Label, string Text)> DetailLines => [];

    /// <summary>
    /// The top-level package a file must import for a <em>structural</em> match of this rule to count: the rule's library
    /// when its pattern names no qualified name and it states no receiver constraint (a learned <c>$1($2, name=$3)</c>
    /// of SQLAlchemy's), so nothing else ties a match to the library; null for the standard library, for rules of no
    /// stated library, and for every rule whose names or constraints already do.
    /// </summary>
    public string? StructuralPackage => MatchPattern.QualifiedNames.Count == 0 && Where.Count == 0
        && Library is not ("stdlib" or "unknown" or "") ? Library : null;

    /// <summary>The compiled match pattern.</summary>
    public Pattern MatchPattern => compiledMatch ??= Pattern.Compile(MatchPatternText);

    /// <summary>The compiled replacement template, if any.</summary>
    public Pattern? ReplacePattern => Replace is null ? null : compiledReplace ??= Pattern.Compile(Replace);

    /// <summary>The text compiled as the match pattern (a kind may extend <see cref="Match"/>).</summary>
    protected virtual string MatchPatternText => Match;

    /// <summary>True when <see cref="Match"/> is a bare qualified name (no metavariables).</summary>
    public bool IsQualifiedNameMatch => !Match.Contains('$', StringComparison.Ordinal) && MatchPattern.Root.Kind is "identifier" or "attribute";

    private Pattern? compiledMatch;
    private Pattern? compiledReplace;

}
