using System.Security.Cryptography;
using System.Text;
using ApiMigrator.Data;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>What learning produced, and what it could not use.</summary>
public sealed record LearnResult(IReadOnlyList<MigrationRule> Rules, IReadOnlyList<LearnNote> Notes);

/// <summary>A pair the learner could not turn into a rule (or whose label it disagrees with), and why.</summary>
public sealed record LearnNote(string PairId, string Message);

/// <summary>
/// Learns rules from before/after pairs (docs/ARCHITECTURE.md, "Learning"):
/// <list type="number">
/// <item>diff the two trees into minimal changed regions (<see cref="TreeDiff"/>);</item>
/// <item>lift each region to the unit a rule is stated on: a dotted name, an attribute, a call;</item>
/// <item>resolve names through the imports model, so rules are stated on qualified names;</item>
/// <item>abstract: subtrees unchanged on both sides become metavariables; receivers get evidence
/// constraints (where their value came from in the training snippet);</item>
/// <item>compare import sets: moved imports become renames, added imports the rule's imports;</item>
/// <item>merge identical rules across pairs (support), count conflicting replacements;</item>
/// <item>replay the rules on the training pairs: wrong outputs count as conflicts, changes to negative
/// pairs as negative hits — both lower confidence.</item>
/// </list>
/// Deterministic: the same pairs give the same rules in the same order.
/// </summary>
public static class RuleLearner
{
    /// <summary>Learns rules from training pairs.</summary>
    public static LearnResult Learn(IEnumerable<MigrationPair> pairs)
    {
        var all = pairs.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var notes = new List<LearnNote>();
        var candidates = new List<Candidate>();
        foreach (var pair in all.Where(p => !p.IsNegative))
        {
            var found = FromPair(pair, notes);
            candidates.AddRange(found);
        }
        var merged = Merge(candidates);
        merged.AddRange(ModuleMoves(merged));
        merged.AddRange(GeneralOps(merged));
        var rules = Replay(merged.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), all);
        return new LearnResult(rules, notes);
    }

    /// <summary>A rule learned from one pair, before merging.</summary>
    private sealed record Candidate(MigrationRule Rule, string PairId, IReadOnlyDictionary<string, IReadOnlySet<string>> Origins);

    private static List<Candidate> FromPair(MigrationPair pair, List<LearnNote> notes)
    {
        var result = new List<Candidate>();
        var bTree = PythonParser.Parse(pair.Before);
        var aTree = PythonParser.Parse(pair.After);
        if (bTree.HasErrors || aTree.HasErrors) { notes.Add(new LearnNote(pair.Id, "a side does not parse")); return result; }
        var bScope = ModuleScope.Build(bTree);
        var aScope = ModuleScope.Build(aTree);
        var regions = TreeDiff.Regions(bTree, aTree, out bool unsupported);
        if (unsupported) notes.Add(new LearnNote(pair.Id, "statements were added or removed (not learnable as an expression rule)"));

        var (removed, added) = ImportDiff(bScope, aScope);
        foreach (var region in regions)
        {
            var c = FromRegion(pair, region.Before, region.After, bScope, aScope, added, notes);
            if (c is not null) result.Add(c);
        }
        // Imports that moved without any change in the code: same local name, new qualified name.
        foreach (var r in removed)
        {
            var x = added.FirstOrDefault(a => a.LocalName == r.LocalName && a.Form == r.Form);
            if (x is null || result.Any(c => c.Rule is ApiRenameRule ar && ar.Match == r.QualifiedName)) continue;
            var (oldName, newName) = r.Form is ImportForm.Import or ImportForm.ImportAs ? (r.Module, x.Module) : (r.QualifiedName, x.QualifiedName);
            if (oldName == newName) continue;
            var rule = Base(new ApiRenameRule { Id = "", Match = oldName, Replace = newName }, pair);
            result.Add(new Candidate(rule, pair.Id, new Dictionary<string, IReadOnlySet<string>>()));
        }
        if (result.Count == 0 && !unsupported) notes.Add(new LearnNote(pair.Id, "no learnable change found"));
        foreach (var c in result)
        {
            var ruleKind = RuleRegistry.Name(c.Rule.Kind);
            var label = MigrationPair.KindName(pair.Kind);
            if (pair.Kind is not null && label != ruleKind)
                notes.Add(new LearnNote(pair.Id, $"labelled {label}, learned as {ruleKind}: {c.Rule.Match}"));
        }
        return result;
    }

    private static (List<ImportBinding> Removed, List<ImportBinding> Added) ImportDiff(ModuleScope b, ModuleScope a)
    {
        static string Key(ImportBinding x) => $"{x.Form}|{x.LocalName}|{x.QualifiedName}|{x.Module}";
        var bk = b.Imports.Select(Key).ToHashSet(StringComparer.Ordinal);
        var ak = a.Imports.Select(Key).ToHashSet(StringComparer.Ordinal);
        return (b.Imports.Where(x => !ak.Contains(Key(x)) && x.Form != ImportForm.Future).ToList(),
                a.Imports.Where(x => !bk.Contains(Key(x)) && x.Form != ImportForm.Future).ToList());
    }

    private static Candidate? FromRegion(MigrationPair pair, SyntaxNode b, SyntaxNode a, ModuleScope bScope, ModuleScope aScope,
        List<ImportBinding> added, List<LearnNote> notes)
    {
        (b, a) = Lift(b, a);
        // 1. A qualified name became another.
        if (IsDotted(b) && IsDotted(a) && QualifiedName(b, bScope) is { } oldName && QualifiedName(a, aScope) is { } newName)
        {
            if (oldName == newName) return null;
            var rule = Base(new ApiRenameRule { Id = "", Match = oldName, Replace = newName }, pair) with { AddImports = ImportsFor([newName], added) };
            return new Candidate(rule, pair.Id, new Dictionary<string, IReadOnlySet<string>>());
        }
        // 2. A keyword name or a literal keyword value changed, or the argument list changed: a call-level rule.
        if (EnclosingCall(b, a) is { } calls)
        {
            var ops = KeywordOps(calls.B, calls.A);
            if (ops is not null)
            {
                var callee = Callee(calls.B.ChildByField("function")!.Value, bScope);
                if (callee is null) { notes.Add(new LearnNote(pair.Id, "callee is neither an imported name nor a method on a receiver")); return null; }
                var rule = Base(new ParameterRule { Id = "", Match = callee.Value.Pattern, Ops = ops }, pair);
                return new Candidate(rule, pair.Id, callee.Value.Origins);
            }
            (b, a) = (calls.B, calls.A);
        }
        // 3. Anything else: a template with metavariables.
        var t = Template(b, a, bScope, aScope, pair, notes);
        if (t is null) return null;
        var kind = b.Kind == "call" ? RuleKind.Parameter : IsDotted(b) && IsDotted(a) ? RuleKind.ApiRename : RuleKind.Syntax;
        var templateRule = Base(RuleRegistry.Create(kind, "", t.Value.Match), pair) with
        {
            Replace = t.Value.Replace,
            AddImports = ImportsFor(t.Value.ReplaceNames, added),
            HoleKinds = t.Value.HoleKinds,
        };
        return new Candidate(templateRule, pair.Id, t.Value.Origins);
    }

    private static MigrationRule Base(MigrationRule r, MigrationPair pair) => r with
    {
        Library = pair.Library ?? "unknown",
        FromVersion = pair.FromVersion,
        ToVersion = pair.ToVersion,
        Source = pair.Source,
        Description = pair.Note ?? "",
        Patterns = pair.Pattern is null ? [] : [pair.Pattern],
        Example = new RuleExample(pair.Before, pair.After),
        Support = 1,
    };

    /// <summary>Imports added by the pair that the new names need (in statement form).</summary>
    private static List<string> ImportsFor(IEnumerable<string> newNames, List<ImportBinding> added)
    {
        var list = new List<string>();
        foreach (var x in added)
        {
            bool provides = newNames.Any(n => n == x.QualifiedName || n.StartsWith(x.QualifiedName + ".", StringComparison.Ordinal)
                || (x.Form == ImportForm.Import && n.StartsWith(x.Module + ".", StringComparison.Ordinal)));
            if (!provides) continue;
            var req = x.Form switch
            {
                ImportForm.Import => new ImportRequest(x.Module),
                ImportForm.ImportAs => new ImportRequest(x.Module, null, x.LocalName),
                ImportForm.From => new ImportRequest(x.Module, x.QualifiedName[(x.QualifiedName.LastIndexOf('.') + 1)..]),
                _ => new ImportRequest(x.Module, x.QualifiedName[(x.QualifiedName.LastIndexOf('.') + 1)..], x.LocalName),
            };
            list.Add(req.ToStatement());
        }
        return list;
    }

    private static bool IsDotted(SyntaxNode n) => n.Kind == "identifier" || n.Kind == "attribute" && n.ChildByField("object") is { } o && IsDotted(o);

    /// <summary>The qualified name of a dotted expression, through imports or a conventional alias; null if it is not one.</summary>
    private static string? QualifiedName(SyntaxNode n, ModuleScope scope)
    {
        var r = scope.Resolve(n);
        return r.Kind switch
        {
            ResolutionKind.Imported => r.QualifiedName,
            ResolutionKind.Builtin => "builtins." + r.QualifiedName,
            ResolutionKind.Unbound => ConventionalAliases.Expand(r.DottedText),
            _ => null,
        };
    }

    /// <summary>Widens a region to the unit a rule is stated on.</summary>
    private static (SyntaxNode B, SyntaxNode A) Lift(SyntaxNode b, SyntaxNode a)
    {
        while (true)
        {
            if (b.Parent is not { } bp || a.Parent is not { } ap || bp.Kind != ap.Kind) return (b, a);
            // An attribute name changed: the attribute is the unit (`df.iteritems` → `df.items`).
            if (bp.Kind == "attribute" && b.FieldName == "attribute" && a.FieldName == "attribute") { (b, a) = (bp, ap); continue; }
            // Part of a dotted name: the whole chain is the unit.
            if (bp.Kind == "attribute" && b.FieldName == "object" && IsDotted(b) && IsDotted(bp) && IsDotted(ap)) { (b, a) = (bp, ap); continue; }
            // Inside a string literal: the literal is the unit.
            if (bp.Kind is "string" or "concatenated_string" && b.Kind != "interpolation") { (b, a) = (bp, ap); continue; }
            return (b, a);
        }
    }

    /// <summary>When the region is a keyword name, a literal keyword value, a literal positional argument or an argument list, the enclosing calls.</summary>
    private static (SyntaxNode B, SyntaxNode A)? EnclosingCall(SyntaxNode b, SyntaxNode a)
    {
        SyntaxNode? bl = null, al = null;
        if (b.Kind == "argument_list" && a.Kind == "argument_list") (bl, al) = (b, a);
        else if (b.Parent is { Kind: "keyword_argument" } bk && a.Parent is { Kind: "keyword_argument" } ak
                 && (b.FieldName == "name" || IsLiteral(b) && IsLiteral(a)))
            (bl, al) = (bk.Parent, ak.Parent);
        else if (b.Kind == "keyword_argument" || a.Kind == "keyword_argument") (bl, al) = (b.Parent, a.Parent);
        else if (b.Parent is { Kind: "argument_list" } && a.Parent is { Kind: "argument_list" } && IsLiteral(b) && IsLiteral(a))
            (bl, al) = (b.Parent, a.Parent);
        if (bl is { Kind: "argument_list" } l1 && al is { Kind: "argument_list" } l2 && l1.Parent is { Kind: "call" } c1 && l2.Parent is { Kind: "call" } c2)
            return (c1, c2);
        return null;
    }

    private static bool IsLiteral(SyntaxNode n) => n.Kind is "string" or "integer" or "float" or "true" or "false" or "none" or "concatenated_string"
        || n.Kind == "unary_operator" && n.NamedChildren.All(IsLiteral);

    /// <summary>The change between two calls to the same callee as keyword operations; null if it is not one.</summary>
    private static List<KeywordOp>? KeywordOps(SyntaxNode b, SyntaxNode a)
    {
        if (b.ChildByField("function")?.Text != a.ChildByField("function")?.Text) return null;
        var bArgs = b.ChildByField("arguments")?.NamedChildren.Where(x => !x.IsExtra).ToList();
        var aArgs = a.ChildByField("arguments")?.NamedChildren.Where(x => !x.IsExtra).ToList();
        if (bArgs is null || aArgs is null) return null;
        var bPos = bArgs.Where(x => x.Kind != "keyword_argument").Select(x => x.Text).ToList();
        var aPos = aArgs.Where(x => x.Kind != "keyword_argument").Select(x => x.Text).ToList();
        if (!bPos.SequenceEqual(aPos)) return null;
        static Dictionary<string, string> Keywords(List<SyntaxNode> args)
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var x in args.Where(x => x.Kind == "keyword_argument")) d.TryAdd(x.ChildByField("name")!.Value.Text, x.ChildByField("value")!.Value.Text);
            return d;
        }
        var bk = Keywords(bArgs);
        var ak = Keywords(aArgs);
        var literal = new Dictionary<(string, string), bool>();
        foreach (var x in bArgs.Concat(aArgs).Where(x => x.Kind == "keyword_argument"))
            literal.TryAdd((x.ChildByField("name")!.Value.Text, x.ChildByField("value")!.Value.Text), IsLiteral(x.ChildByField("value")!.Value));
        var ops = new List<KeywordOp>();
        var usedNew = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in bk.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (ak.TryGetValue(name, out var newValue))
            {
                if (newValue == value) continue;
                if (!literal[(name, value)] || !literal[(name, newValue)]) return null;
                ops.Add(new KeywordOp(KeywordOpKind.MapValue, name, Value: value, NewValue: newValue));
                continue;
            }
            var renamed = ak.Where(kv => !bk.ContainsKey(kv.Key) && !usedNew.Contains(kv.Key) && kv.Value == value).Select(kv => kv.Key).FirstOrDefault();
            if (renamed is not null) { usedNew.Add(renamed); ops.Add(new KeywordOp(KeywordOpKind.Rename, name, NewKeyword: renamed)); continue; }
            // A new keyword whose value is built from the old value: `keep_prob=x` → `rate=1 - x`.
            var rebuilt = ak.Where(kv => !bk.ContainsKey(kv.Key) && !usedNew.Contains(kv.Key) && !literal[(name, value)]
                                         && kv.Value.Contains(value, StringComparison.Ordinal) && !kv.Value.Contains("$v", StringComparison.Ordinal))
                .Select(kv => kv.Key).FirstOrDefault();
            if (rebuilt is not null)
            {
                usedNew.Add(rebuilt);
                ops.Add(new KeywordOp(KeywordOpKind.Rewrite, name, NewKeyword: rebuilt, NewValue: ak[rebuilt].Replace(value, "$v", StringComparison.Ordinal)));
                continue;
            }
            ops.Add(new KeywordOp(KeywordOpKind.Remove, name, Value: literal[(name, value)] ? value : null));
        }
        if (ak.Keys.Any(k => !bk.ContainsKey(k) && !usedNew.Contains(k))) return null; // a keyword was added: a reshape
        return ops.Count > 0 ? ops : null;
    }

    /// <summary>The callee pattern: an imported name, or <c>$recv.method</c> with the receiver's origin.</summary>
    private static (string Pattern, IReadOnlyDictionary<string, IReadOnlySet<string>> Origins)? Callee(SyntaxNode fn, ModuleScope scope)
    {
        if (IsDotted(fn) && QualifiedName(fn, scope) is { } qn) return (qn, new Dictionary<string, IReadOnlySet<string>>());
        if (fn.Kind == "attribute" && fn.ChildByField("object") is { } recv && fn.ChildByField("attribute") is { } method)
        {
            var seen = ReceiverTypes.Observed(recv, scope, method.Text);
            if (seen is null) return null;
            return ("$recv." + method.Text, new Dictionary<string, IReadOnlySet<string>> { ["recv"] = seen });
        }
        return null;
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
            if (IsDotted(n) && n.Kind is "identifier" or "attribute" && !(n.Kind == "identifier" && !ModuleScope.IsReference(n)))
            {
                var qn = QualifiedName(n, scope);
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
        => IsDotted(n) && QualifiedName(n, scope) is { } qn && !qn.StartsWith("builtins.", StringComparison.Ordinal) && ModuleScope.IsReference(FirstIdentifier(n));

    private static SyntaxNode FirstIdentifier(SyntaxNode n) => n.Kind == "attribute" ? FirstIdentifier(n.ChildByField("object")!.Value) : n;

    /// <summary>Merges identical rules (support = number of pairs), unions their evidence, counts conflicts.</summary>
    private static List<MigrationRule> Merge(List<Candidate> candidates)
    {
        static string Key(MigrationRule r) => $"{r.Kind}|{r.Match}|{r.Replace}|{(r is ParameterRule p ? string.Join(";", p.Ops) : "")}";
        var groups = candidates.GroupBy(c => Key(c.Rule), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var merged = new List<MigrationRule>();
        foreach (var g in groups)
        {
            var first = g.First().Rule;
            var pairs = g.Select(c => c.PairId).Distinct(StringComparer.Ordinal).Count();
            var where = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var hole in g.SelectMany(c => c.Origins.Keys).Distinct(StringComparer.Ordinal))
            {
                var packages = ReceiverTypes.Merge(g.Select(c => c.Origins.TryGetValue(hole, out var s) ? s : new HashSet<string>()));
                if (packages.Count == 0) packages.UnionWith(LibraryPackages.Of(first.Library));
                if (packages.Count > 0) where[hole] = packages.Order(StringComparer.Ordinal).ToList();
            }
            var imports = g.SelectMany(c => c.Rule.AddImports).GroupBy(s => s, StringComparer.Ordinal)
                .OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).ToList();
            var kinds = first.HoleKinds.Where(kv => g.All(c => c.Rule.HoleKinds.TryGetValue(kv.Key, out var k) && k == kv.Value))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var rule = first with
            {
                Id = MakeId(first),
                HoleKinds = kinds,
                Support = pairs,
                Where = where,
                AddImports = imports,
                Patterns = g.SelectMany(c => c.Rule.Patterns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            };
            merged.Add(rule);
        }
        // Same pattern, different replacement: each loses confidence by the other's support.
        var byMatch = merged.GroupBy(r => $"{r.Kind}|{r.Match}", StringComparer.Ordinal);
        var result = new List<MigrationRule>();
        foreach (var g in byMatch)
        {
            var list = g.ToList();
            foreach (var r in list)
            {
                int others = list.Where(o => !ReferenceEquals(o, r) && !(r is ParameterRule pr && o is ParameterRule po && !pr.Ops.Intersect(po.Ops).Any() && pr.Ops.All(op => po.Ops.All(q => q.Keyword != op.Keyword))))
                    .Sum(o => o.Support);
                result.Add(r with { Conflicts = others });
            }
        }
        return result.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Anti-unification of names: when two or more members of module P moved to module Q under the
    /// same names (P.a → Q.a, P.b → Q.b), the module itself moved: P → Q, which also covers
    /// <c>import P as alias</c>. The replay checks it against every training pair, so a module whose
    /// other members stayed (a counter-example in the data) loses confidence.
    /// </summary>
    private static List<MigrationRule> ModuleMoves(List<MigrationRule> rules)
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
            moves.Add(move with { Id = MakeId(move) });
        }
        return moves;
    }

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

    /// <summary>
    /// The same keyword change seen on two or more callees of one library (<c>freq="H"</c> → <c>freq="h"</c>
    /// on date_range and resample) is a change of the library, not of one function: a rule on any
    /// callee whose value comes from that library.
    /// </summary>
    private static List<MigrationRule> GeneralOps(List<MigrationRule> rules)
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
            result.Add(rule with { Id = MakeId(rule) });
        }
        return result;
    }

    /// <summary>PEP 8: modules are lower_case, classes CapWords. A dotted path whose parts are all lower case is taken for a module.</summary>
    private static bool LooksLikeModule(string dotted) => dotted.Split('.').All(part => part.Length > 0 && !char.IsUpper(part[0]));

    private static string MakeId(MigrationRule r)
    {
        if (r is ApiRenameRule { IsQualifiedNameMatch: true }) return $"{r.Match}-to-{r.Replace}";
        var anchor = r.MatchPattern.Anchors.Count > 0 ? string.Join("-", r.MatchPattern.Anchors.Take(2)) : r.MatchPattern.Root.Kind;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{r.Kind}|{r.Match}|{r.Replace}|{(r is ParameterRule p ? string.Join(";", p.Ops) : "")}")))[..8];
        return $"{r.Library}.{anchor}-{hash}";
    }

    /// <summary>
    /// Replays the merged rules on the training pairs (every match, whatever its confidence). A
    /// negative pair changed counts a negative hit for every rule that fired. A positive pair rewritten
    /// to something other than its <c>after</c> counts a conflict for each rule that, applied alone,
    /// does not bring the code closer to <c>after</c> (token edit distance) — a right partial change
    /// next to a wrong one is not the right rule's fault.
    /// </summary>
    private static List<MigrationRule> Replay(List<MigrationRule> rules, List<MigrationPair> pairs)
    {
        // Each pair is replayed with its own library's rules, as a user selects them (and as `eval` does).
        var all = new RuleSet(rules);
        var byLibrary = rules.GroupBy(r => r.Library, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new RuleSet(g), StringComparer.Ordinal);
        RuleSet SetFor(MigrationPair p) => p.Library is null ? all : byLibrary.GetValueOrDefault(p.Library) ?? new RuleSet([]);
        var options = new RewriteOptions { MinConfidence = 0, Unsafe = true };
        var misfires = new Dictionary<string, int>(StringComparer.Ordinal);
        var negatives = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var result = Rewriter.Rewrite(SourceText.From(pair.Before), SetFor(pair), options);
            if (!result.Changed) continue;
            bool right = result.Result.Text == pair.After;
            if (right && !pair.IsNegative) continue;
            var fired = result.Changes.Select(c => c.RuleId).Distinct(StringComparer.Ordinal).ToList();
            if (pair.IsNegative)
            {
                foreach (var id in fired) negatives[id] = negatives.GetValueOrDefault(id) + 1;
                continue;
            }
            var afterTokens = PythonTokens.Tokenize(pair.After);
            int baseline = TokenEditDistance.Between(PythonTokens.Tokenize(pair.Before), afterTokens);
            foreach (var id in fired)
            {
                var alone = Rewriter.Rewrite(SourceText.From(pair.Before), new RuleSet(rules.Where(r => r.Id == id)), options);
                if (alone.Changed && TokenEditDistance.Between(PythonTokens.Tokenize(alone.Result.Text), afterTokens) < baseline) continue;
                misfires[id] = misfires.GetValueOrDefault(id) + 1;
            }
        }
        return rules.Select(r => r with
        {
            Conflicts = r.Conflicts + misfires.GetValueOrDefault(r.Id),
            NegativeHits = negatives.GetValueOrDefault(r.Id),
        }).ToList();
    }
}
