using ApiMigrator.Data;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>
/// <c>parameter</c> proposals: a call kept its callee and only its keywords changed — a keyword
/// renamed, removed, a literal value mapped, or a value rebuilt from the old one (<c>$v</c>). The callee
/// is stated as a qualified name or as <c>$recv.method</c> with the receiver's observed origin.
/// </summary>
internal static class ParameterProposal
{
    /// <summary>The rule for keyword operations <paramref name="ops"/> on the callee of <paramref name="call"/>; null (and a note) when the callee cannot be stated.</summary>
    internal static Candidate? FromOps(MigrationPair pair, SyntaxNode call, List<KeywordOp> ops, ModuleScope bScope, List<LearnNote> notes)
    {
        var callee = Callee(call.ChildByField("function")!.Value, bScope);
        if (callee is null) { notes.Add(new LearnNote(pair.Id, "callee is neither an imported name nor a method on a receiver")); return null; }
        var rule = Candidate.Stamped(new ParameterRule { Id = "", Match = callee.Value.Pattern, Ops = ops }, pair);
        return new Candidate(rule, pair.Id, callee.Value.Origins);
    }

    /// <summary>When the region is a keyword name, a literal keyword value, a literal positional argument or an argument list, the enclosing calls.</summary>
    internal static (SyntaxNode B, SyntaxNode A)? EnclosingCall(SyntaxNode b, SyntaxNode a)
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
    internal static List<KeywordOp>? KeywordOps(SyntaxNode b, SyntaxNode a)
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
        if (DottedNames.IsDotted(fn) && DottedNames.QualifiedName(fn, scope) is { } qn) return (qn, new Dictionary<string, IReadOnlySet<string>>());
        if (fn.Kind == "attribute" && fn.ChildByField("object") is { } recv && fn.ChildByField("attribute") is { } method)
        {
            var seen = ReceiverTypes.Observed(recv, scope, method.Text);
            if (seen is null) return null;
            return ("$recv." + method.Text, new Dictionary<string, IReadOnlySet<string>> { ["recv"] = seen });
        }
        return null;
    }
}
