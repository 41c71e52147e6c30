using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>
/// A compiled, immutable set of rules: indexed by the identifier at the head of each pattern so a
/// node costs a lookup, not a loop over all rules; and a text prefilter over the rules' anchor
/// identifiers so files no rule can match are never parsed.
/// </summary>
public sealed class RuleSet
{
    private readonly Dictionary<string, List<MigrationRule>> byHead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MigrationRule>> byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<MigrationRule, Prefilter.Condition> conditionOf = new(ReferenceEqualityComparer.Instance);
    private readonly List<ApiRenameRule> qualifiedRenames;
    private readonly Dictionary<string, ApiRenameRule> renameByMatchStore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiRenameRule>.AlternateLookup<ReadOnlySpan<char>> renameByMatch;
    private readonly Dictionary<string, List<MigrationRule>>.AlternateLookup<ReadOnlySpan<char>> byHeadLookup;

    /// <summary>Compiles the rules (patterns are parsed once here).</summary>
    public RuleSet(IEnumerable<MigrationRule> rules)
    {
        Rules = [.. rules];
        Prefilter = new Prefilter(Rules);
        for (int i = 0; i < Rules.Count; i++)
        {
            var r = Rules[i];
            var p = r.MatchPattern;
            conditionOf.TryAdd(r, Prefilter.ConditionOf(i));
            var head = Head(p.Root, pattern: true);
            if (head is not null) Add(byHead, head, r);
            else
            {
                Add(byKind, p.Root.Kind, r);
                if (p.Root.Kind == "subscript") Add(byKind, "generic_type", r);
            }
        }
        qualifiedRenames = [.. Rules.OfType<ApiRenameRule>().Where(r => r.IsQualifiedNameMatch && r.Replace is not null && r.NewNameImportable && r.Safety != Safety.Manual)
            .OrderByDescending(r => r.Match.Length).ThenBy(r => r.Safety).ThenByDescending(Confidence.PriorOf).ThenBy(r => r.Id, StringComparer.Ordinal)];
        byHeadLookup = byHead.GetAlternateLookup<ReadOnlySpan<char>>();
        // Several rules may rename one name (a learned rule and a catalog entry). The import statement follows the first in
        // the order above: a safe rule before an unsafe one, then the more confident, then the smallest id — the rule the
        // rewriter applies at the references by default. Were it an unsafe rule, the import would stay while a safe
        // rule renamed the references, and the new name would be left without an import.
        foreach (var r in qualifiedRenames) renameByMatchStore.TryAdd(r.Match, r);
        renameByMatch = renameByMatchStore.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<MigrationRule> Rules { get; }

    /// <summary>
    /// The project's target versions, checked where a match is decided (<see cref="Versions.TargetGate"/>); null: no
    /// project targets, only the checks that hold for every version.
    /// </summary>
    public Versions.TargetGate? Targets { get; init; }

    /// <summary>Why <paramref name="match"/> must not be applied for the targets, or null.</summary>
    public Versions.TargetVerdict? TargetVerdict(RuleMatch match, ModuleScope scope)
    {
        ArgumentNullException.ThrowIfNull(match);
        return (Targets ?? Versions.TargetGate.OperandsOnly).Check(match.Rule, match.Node, match.Holes, scope);
    }

    /// <summary>The qualified-name rename that applies to <paramref name="qualified"/> (longest match wins), or null.</summary>
    public string? RenameOf(string qualified) => RenameRuleFor(qualified)?.RenameOf(qualified);

    /// <summary>The qualified-name rename rule that covers <paramref name="qualified"/>, or null.</summary>
    public ApiRenameRule? RenameRuleFor(string qualified)
    {
        // The longest matching name is the whole name or its longest dotted prefix: a lookup per dot, not a loop over the rules.
        for (var name = qualified.AsSpan(); ; )
        {
            if (renameByMatch.TryGetValue(name, out var rule)) return rule;
            int dot = name.LastIndexOf('.');
            if (dot <= 0) return null;
            name = name[..dot];
        }
    }

    /// <summary>
    /// Cheap text prefilter (<see cref="Matching.Prefilter"/>): the keys present in <paramref name="text"/>, or an empty set
    /// when no rule can match (the file need not be parsed).
    /// </summary>
    public HashSet<string> AnchorsIn(string text) => Prefilter.KeysIn(text);

    /// <summary>True when some rule's whole prefilter condition holds: only then is the file worth parsing.</summary>
    public bool AnyRuleMayApply(HashSet<string> present) => Prefilter.AnyRuleMayApply(present);

    /// <summary>The text prefilter compiled from the rules.</summary>
    public Prefilter Prefilter { get; }

    /// <summary>
    /// Fills <paramref name="into"/> with the rules worth trying at <paramref name="node"/>. Called for every
    /// named node of every file, so it allocates nothing: the head identifier is decoded into a stack
    /// buffer and looked up by span.
    /// </summary>
    internal void Candidates(SyntaxNode node, HashSet<string> present, List<MigrationRule> into, Dictionary<List<MigrationRule>, MigrationRule[]> held)
    {
        into.Clear();
        if (HeadNode(node) is { } head && head.EndByte - head.StartByte is > 0 and <= 128)
        {
            Span<char> chars = stackalloc char[128];
            int n = System.Text.Encoding.UTF8.GetChars(head.Bytes, chars);
            if (byHeadLookup.TryGetValue(chars[..n], out var list)) into.AddRange(Held(list, present, held));
        }
        if (byKind.Count > 0 && byKind.TryGetValue(node.Kind, out var kindList)) into.AddRange(Held(kindList, present, held));
    }

    /// <summary>
    /// The rules of <paramref name="list"/> whose prefilter condition holds in the file: worked out once per list and file
    /// (<paramref name="held"/> is the file's memo), not once per node — a common head such as <c>append</c> comes back at
    /// every call of it.
    /// </summary>
    private MigrationRule[] Held(List<MigrationRule> list, HashSet<string> present, Dictionary<List<MigrationRule>, MigrationRule[]> held)
    {
        if (!held.TryGetValue(list, out var rules)) held[list] = rules = [.. list.Where(r => conditionOf[r].HoldsIn(present))];
        return rules;
    }

    /// <summary>A memo for <see cref="Candidates"/>, made once per file (the keys present are the file's).</summary>
    internal static Dictionary<List<MigrationRule>, MigrationRule[]> NewCandidateMemo() => new(ReferenceEqualityComparer.Instance);

    /// <summary>The identifier node <see cref="Head"/> would name, without making its string.</summary>
    private static SyntaxNode? HeadNode(SyntaxNode n)
    {
        while (true)
        {
            switch (n.Kind)
            {
                case "identifier": return n;
                case "attribute": return n.ChildByField("attribute");
                case "call":
                    if (n.ChildByField("function") is not { } f) return null;
                    n = f;
                    continue;
                case "subscript":
                    if (n.ChildByField("value") is not { } v) return null;
                    n = v;
                    continue;
                case "generic_type":
                    if (n.NamedChildren.FirstOrNull() is not { } g) return null;
                    n = g;
                    continue;
                default: return null;
            }
        }
    }

    /// <summary>The identifier that names what a node is about: the last name of a dotted chain, the callee's, the subscripted value's.</summary>
    internal static string? Head(SyntaxNode n, bool pattern)
    {
        if (HeadNode(n) is not { } head) return null;
        if (pattern && (Pattern.HoleName(head) is not null || Pattern.SplatName(head) is not null)) return null;
        return head.Text;
    }

    private static void Add(Dictionary<string, List<MigrationRule>> d, string key, MigrationRule r)
    {
        if (!d.TryGetValue(key, out var l)) d[key] = l = [];
        l.Add(r);
    }
}
