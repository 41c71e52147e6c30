using System.Text;
using ApiMigrator.Data;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>
/// Template proposals, for every change that is neither a plain rename nor a keyword change: the
/// region is abstracted into a pattern and a replacement — subtrees unchanged on both sides become
/// <c>$1, $2 …</c>, names become qualified, layout is flattened, a call gets <c>$*rest</c> for the
/// arguments it carries over. Mostly <c>syntax</c> rules; a call region gives a <c>parameter</c> rule
/// and a dotted one an <c>api_rename</c> rule stated as a template.
/// </summary>
internal static class TemplateProposal
{
    /// <summary>The template rule of a region; null (and a note) when it cannot be abstracted.</summary>
    internal static Candidate? FromRegion(MigrationPair pair, SyntaxNode b, SyntaxNode a, ModuleScope bScope, ModuleScope aScope,
        List<ImportBinding> added, List<LearnNote> notes)
    {
        var t = Template(b, a, bScope, aScope, pair, notes);
        if (t is null) return null;
        var kind = b.Kind == "call" ? RuleKind.Parameter : DottedNames.IsDotted(b) && DottedNames.IsDotted(a) ? RuleKind.ApiRename : RuleKind.Syntax;
        var templateRule = Candidate.Stamped(RuleRegistry.Create(kind, "", t.Value.Match), pair) with
        {
            Replace = t.Value.Replace,
            AddImports = ImportChanges.NeededBy(t.Value.ReplaceNames, added),
            HoleKinds = t.Value.HoleKinds,
        };
        return new Candidate(templateRule, pair.Id, t.Value.Origins);
    }

    private readonly record struct TemplateParts(string Match, string Replace, IReadOnlyList<string> ReplaceNames,
        IReadOnlyDictionary<string, IReadOnlySet<string>> Origins, IReadOnlyDictionary<string, string> HoleKinds);

    /// <summary>Abstracts a region into a pattern and a template: unchanged subtrees become $1, $2 …; names become qualified.</summary>
    private static TemplateParts? Template(SyntaxNode b, SyntaxNode a, ModuleScope bScope, ModuleScope aScope, MigrationPair pair, List<LearnNote> notes)
    {
        var aTexts = a.DescendantsAndSelf().Where(n => n.IsNamed && n != a).Select(n => n.Text).ToHashSet(StringComparer.Ordinal);
        var holes = new List<string>(); // hole texts, numbered by first appearance
        var origins = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var holeKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var matchText = Abstract(b, bScope, isPattern: true, holes, aTexts, origins, out var problem, out _, holeKinds);
        if (matchText is null) { notes.Add(new LearnNote(pair.Id, problem!)); return null; }
        var replaceText = Abstract(a, aScope, isPattern: false, holes, null, null, out problem, out var names);
        if (replaceText is null) { notes.Add(new LearnNote(pair.Id, problem!)); return null; }
        // Rules must not carry the layout of the one snippet they came from.
        matchText = Pattern.Flatten(matchText);
        replaceText = Pattern.Flatten(replaceText);
        if (b.Kind == "call" && WithRest(matchText, replaceText) is { } general)
        {
            (matchText, replaceText) = general;
            // Holes absorbed by $*rest no longer exist: drop what was recorded about them.
            var remaining = Pattern.Compile(matchText).Holes.ToHashSet(StringComparer.Ordinal);
            foreach (var gone in holeKinds.Keys.Where(h => !remaining.Contains(h)).ToList()) holeKinds.Remove(gone);
            foreach (var gone in origins.Keys.Where(h => !remaining.Contains(h)).ToList()) origins.Remove(gone);
        }
        try
        {
            var p = Pattern.Compile(matchText);
            Pattern.Compile(replaceText);
            if (p.Anchors.Count == 0) { notes.Add(new LearnNote(pair.Id, $"pattern '{matchText}' has nothing concrete to anchor on")); return null; }
        }
        catch (FormatException e) { notes.Add(new LearnNote(pair.Id, e.Message)); return null; }
        // A hole that becomes an operand of an operator (`$1 | None`) was never a string in this pair:
        // a string there (`Optional["Node"]` → `"Node" | None`) would be a runtime error, not a migration.
        var compiled = Pattern.Compile(replaceText);
        foreach (var n in compiled.Root.DescendantsAndSelf())
            if (Pattern.HoleName(n) is { } h && n.Parent is { Kind: "binary_operator" or "comparison_operator" or "unary_operator" or "boolean_operator" }
                && !holeKinds.ContainsKey(h))
                holeKinds[h] = "!string";
        return new TemplateParts(matchText, replaceText, names, origins, holeKinds);
    }

    /// <summary>
    /// Prints a region with holes and qualified names. On the pattern side, maximal subtrees whose text
    /// also occurs in the after-region become holes; on the template side, subtrees equal to a hole's
    /// text become that hole. Free names that are neither imports, builtins nor holes make the region
    /// unlearnable (a rule cannot mention a snippet's local variable).
    /// </summary>
    private static string? Abstract(SyntaxNode root, ModuleScope scope, bool isPattern, List<string> holes, HashSet<string>? otherTexts,
        Dictionary<string, IReadOnlySet<string>>? origins, out string? problem, out List<string> names, Dictionary<string, string>? holeKinds = null)
    {
        problem = null;
        names = [];
        var replacements = new List<(int Start, int End, string Text)>();
        string? error = null;
        var namesFound = new List<string>();
        void Walk(SyntaxNode n, bool isRoot)
        {
            if (error is not null) return;
            if (!isRoot && n.IsNamed && !n.IsExtra && IsHoleable(n))
            {
                int existing = holes.IndexOf(n.Text);
                bool becomesHole = isPattern ? otherTexts!.Contains(n.Text) && !IsResolvedName(n, scope) : existing >= 0;
                if (becomesHole)
                {
                    if (existing < 0) { holes.Add(n.Text); existing = holes.Count - 1; }
                    var hole = "$" + (existing + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    replacements.Add((n.StartByte, n.EndByte, hole));
                    if (holeKinds is not null && n.Kind is "string" or "concatenated_string" or "integer" or "float")
                        holeKinds[hole[1..]] = n.Kind == "concatenated_string" ? "string" : n.Kind;
                    if (isPattern && n.Parent is { Kind: "attribute" } && n.FieldName == "object" && origins is not null)
                    {
                        if (ReceiverTypes.Observed(n, scope, n.Parent.Value.ChildByField("attribute")?.Text) is { } seen) origins[(existing + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = seen;
                    }
                    return;
                }
            }
            if (DottedNames.IsDotted(n) && n.Kind is "identifier" or "attribute" && !(n.Kind == "identifier" && !ModuleScope.IsReference(n)))
            {
                var qn = DottedNames.QualifiedName(n, scope);
                if (qn is not null)
                {
                    var text = qn.StartsWith("builtins.", StringComparison.Ordinal) ? qn[9..] : qn;
                    replacements.Add((n.StartByte, n.EndByte, text));
                    namesFound.Add(qn);
                    return;
                }
                if (n.Kind == "identifier") { error = $"'{n.Text}' is a local name in '{root.Text}'"; return; }
            }
            foreach (var c in n.Children) Walk(c, false);
        }
        Walk(root, true);
        names = namesFound;
        if (error is not null) { problem = error; return null; }
        var src = root.Tree.Source;
        var sb = new StringBuilder();
        int pos = root.StartByte;
        foreach (var (s, e, t) in replacements.OrderBy(r => r.Start))
        {
            sb.Append(src.GetText(pos, s)).Append(t);
            pos = e;
        }
        sb.Append(src.GetText(pos, root.EndByte));
        return sb.ToString();
    }

    /// <summary>Expressions that may become a hole (not keywords' names, not punctuation, not attribute names).</summary>
    private static bool IsHoleable(SyntaxNode n)
    {
        if (n.FieldName == "attribute" && n.Parent is { Kind: "attribute" }) return false;
        if (n.FieldName == "name" && n.Parent is { Kind: "keyword_argument" }) return false;
        return n.Kind is not ("keyword_argument" or "argument_list" or "string_content" or "string_start" or "string_end"
            or "escape_sequence" or "interpolation" or "comment" or "block" or "expression_statement");
    }

    private static bool IsResolvedName(SyntaxNode n, ModuleScope scope)
        => DottedNames.IsDotted(n) && DottedNames.QualifiedName(n, scope) is { } qn && !qn.StartsWith("builtins.", StringComparison.Ordinal) && ModuleScope.IsReference(FirstIdentifier(n));

    private static SyntaxNode FirstIdentifier(SyntaxNode n) => n.Kind == "attribute" ? FirstIdentifier(n.ChildByField("object")!.Value) : n;

    /// <summary>
    /// Generalizes a call template over the arguments it does not touch: keyword arguments carried over
    /// unchanged at the end of the call, and any others a user's call may have, become <c>$*rest</c>,
    /// placed in the template's call to the same callee (else its outermost call):
    /// <c>pandas.read_csv($1, squeeze=True)</c> → <c>pandas.read_csv($1, $*rest).squeeze("columns")</c>.
    /// </summary>
    private static (string Match, string Replace)? WithRest(string match, string replace)
    {
        Pattern p, t;
        try { p = Pattern.Compile(match); t = Pattern.Compile(replace); }
        catch (FormatException) { return null; }
        if (p.Root.Kind != "call" || match.Contains("$*", StringComparison.Ordinal) || replace.Contains("$*", StringComparison.Ordinal)) return null;
        var pArgs = p.Root.ChildByField("arguments");
        if (pArgs is not { Kind: "argument_list" } pl) return null;
        var callee = p.Root.ChildByField("function")!.Value.Text;
        var calls = t.Root.DescendantsAndSelf().Where(n => n.Kind == "call" && n.ChildByField("arguments") is { Kind: "argument_list" }).ToList();
        if (calls.Count == 0) return null;
        var target = calls.FirstOrNull(c => c.ChildByField("function")?.Text == callee) ?? calls[0];
        var tl = target.ChildByField("arguments")!.Value;
        // The tail of keyword arguments `k=$n` that the target call carries over unchanged, also at its end.
        var pItems = pl.NamedChildren.Where(c => !c.IsExtra).ToList();
        var tItems = tl.NamedChildren.Where(c => !c.IsExtra).ToList();
        int tail = 0;
        while (tail < pItems.Count && tail < tItems.Count)
        {
            var a = pItems[^(tail + 1)];
            var b = tItems[^(tail + 1)];
            if (a.Kind != "keyword_argument" || a.Text != b.Text || Pattern.HoleName(a.ChildByField("value")!.Value) is null) break;
            tail++;
        }
        string Rebuild(SyntaxTree tree, SyntaxNode list, List<SyntaxNode> items, int drop)
        {
            var kept = items.Take(items.Count - drop).Select(i => i.Text).Append("$*rest");
            var text = tree.Source.Text;
            var inside = "(" + string.Join(", ", kept) + ")";
            return Unsubstitute(text[..list.StartByte] + inside + text[list.EndByte..]);
        }
        return (Rebuild(p.Tree, pl, pItems, tail), Rebuild(t.Tree, tl, tItems, tail));
    }

    private static string Unsubstitute(string s)
        => s.Replace(Pattern.SplatPrefix, "$*", StringComparison.Ordinal).Replace(Pattern.HolePrefix, "$", StringComparison.Ordinal);
}
