using ApiMigrator.Python;

namespace ApiMigrator.Matching;

/// <summary>The evidence a structural match collected.</summary>
internal sealed record MatchEvidence(int ResolvedNames, int ConventionalNames)
{
    /// <summary>No names were involved.</summary>
    public static readonly MatchEvidence None = new(0, 0);
}

/// <summary>Structural matching of a compiled <see cref="Pattern"/> against a code node.</summary>
internal sealed class PatternMatcher
{
    private readonly ModuleScope scope;
    // Made on the first binding: most matches of name rules bind nothing, and a file can hold tens of thousands of them.
    private Dictionary<string, Capture>? bindings;
    private static readonly IReadOnlyDictionary<string, Capture> NoBindings = new Dictionary<string, Capture>(StringComparer.Ordinal);
    private int resolved, conventional;

    private PatternMatcher(ModuleScope scope) => this.scope = scope;

    /// <summary>Matches <paramref name="pattern"/> at <paramref name="code"/>; null if it does not match.</summary>
    public static (IReadOnlyDictionary<string, Capture> Bindings, MatchEvidence Evidence)? Match(Pattern pattern, SyntaxNode code, ModuleScope scope)
    {
        var m = new PatternMatcher(scope);
        if (!m.Node(pattern.Root, code)) return null;
        return (m.bindings ?? NoBindings, new MatchEvidence(m.resolved, m.conventional));
    }

    private bool Node(SyntaxNode pat, SyntaxNode code)
    {
        if (Pattern.HoleName(pat) is { } hole) return Bind(hole, code);
        if (pat.Kind is "identifier" or "attribute" && Pattern.AtomName(pat) is { } atom) return Atom(atom, code);
        // In annotations tree-sitter says generic_type where an expression says subscript: `Optional[str]`.
        if (pat.Kind == "subscript" && code.Kind == "generic_type") return GenericType(pat, code);
        if (code.Kind == "type" && pat.Kind != "type" && code.NamedChildren.FirstOrNull() is { } inner) return Node(pat, inner);
        if (pat.Kind != code.Kind) return false;
        if (pat.Kind == "argument_list") return Arguments(pat, code);
        if (pat.ChildCount == 0 || code.ChildCount == 0)
            return pat.ChildCount == code.ChildCount && pat.Text == code.Text;
        using var pe = Significant(pat).GetEnumerator();
        using var ce = Significant(code).GetEnumerator();
        while (true)
        {
            bool hp = pe.MoveNext(), hc = ce.MoveNext();
            if (hp != hc) return false;
            if (!hp) return true;
            if (!Node(pe.Current, ce.Current)) return false;
        }
    }

    private bool GenericType(SyntaxNode pat, SyntaxNode code)
    {
        var name = code.NamedChildren.FirstOrNull();
        var parameters = code.NamedChildren.FirstOrNull(c => c.Kind == "type_parameter");
        if (name is null || parameters is null || pat.ChildByField("value") is not { } value) return false;
        if (!Node(value, name.Value)) return false;
        var patItems = pat.ChildrenByField("subscript").ToList();
        var codeItems = parameters.Value.NamedChildren.Where(c => !c.IsExtra).ToList();
        if (patItems.Count != codeItems.Count) return false;
        for (int i = 0; i < patItems.Count; i++)
        {
            var item = codeItems[i].Kind == "type" && codeItems[i].NamedChildren.FirstOrNull() is { } inner ? inner : codeItems[i];
            if (!Node(patItems[i], item)) return false;
        }
        return true;
    }

    private static IEnumerable<SyntaxNode> Significant(SyntaxNode n) => n.Children.Where(c => !c.IsExtra);

    private bool Bind(string name, SyntaxNode code)
    {
        if (!code.IsNamed || code.IsExtra || code.Kind is "keyword_argument" or "list_splat" or "dictionary_splat") return false;
        bindings ??= new(StringComparer.Ordinal);
        if (bindings.TryGetValue(name, out var previous))
            return !previous.IsSplat && previous.Node.Text == code.Text;
        bindings[name] = new Capture([code], false);
        return true;
    }

    private bool Atom(string atom, SyntaxNode code)
    {
        if (code.Kind is not ("identifier" or "attribute")) return false;
        if (code.Kind == "identifier" && !ModuleScope.IsReference(code)) return false;
        var r = scope.Resolve(code);
        switch (r.Kind)
        {
            case ResolutionKind.Imported when r.QualifiedName == atom:
                resolved++;
                return true;
            case ResolutionKind.Builtin when r.QualifiedName == atom:
                return true;
            case ResolutionKind.Unbound when PythonBuiltins.IsBuiltin(atom) && code.Text == atom:
                return true;
            case ResolutionKind.Unbound when ConventionalAliases.Expand(r.DottedText) == atom:
                conventional++;
                return true;
            default:
                return false;
        }
    }

    private bool Arguments(SyntaxNode pat, SyntaxNode code)
    {
        // Counted first, without a list: most calls that reach here (every `x.append(y)` against `$df.append($other)`'s
        // shape, every call of a common name) are told apart by their numbers of arguments alone.
        string? splat = null;
        int patPositionalCount = 0, patKeywordCount = 0, codePositionalCount = 0, codeKeywordCount = 0;
        foreach (var a in pat.NamedChildren)
        {
            if (a.IsExtra) continue;
            if (Pattern.SplatName(a) is { } s) splat = s;
            else if (a.Kind == "keyword_argument") patKeywordCount++;
            else patPositionalCount++;
        }
        foreach (var a in code.NamedChildren)
        {
            if (a.IsExtra) continue;
            if (a.Kind == "keyword_argument") codeKeywordCount++;
            else codePositionalCount++;
        }
        if (codePositionalCount < patPositionalCount) return false;
        // Without a splat every argument must be matched: an extra positional, or more keywords than the pattern has, is left over.
        if (splat is null && (codePositionalCount != patPositionalCount || codeKeywordCount > patKeywordCount)) return false;

        var patPositional = new List<SyntaxNode>(patPositionalCount);
        var patKeywords = new List<SyntaxNode>(patKeywordCount);
        foreach (var a in pat.NamedChildren)
        {
            if (a.IsExtra || Pattern.SplatName(a) is not null) continue;
            (a.Kind == "keyword_argument" ? patKeywords : patPositional).Add(a);
        }
        var codePositional = new List<SyntaxNode>(codePositionalCount);
        var codeKeywords = new List<SyntaxNode>(codeKeywordCount);
        foreach (var a in code.NamedChildren)
        {
            if (a.IsExtra) continue;
            (a.Kind == "keyword_argument" ? codeKeywords : codePositional).Add(a);
        }
        for (int i = 0; i < patPositional.Count; i++)
        {
            // An unpacked *args could stand for any number of positional arguments.
            if (codePositional[i].Kind is "list_splat" or "dictionary_splat") return false;
            if (!Node(patPositional[i], codePositional[i])) return false;
        }
        var used = new HashSet<int>();
        foreach (var pk in patKeywords)
        {
            var name = pk.ChildByField("name")!.Value.Text;
            if (codeKeywords.FirstOrNull(k => k.ChildByField("name")?.Text == name) is not { } ck) return false;
            if (!Node(pk.ChildByField("value")!.Value, ck.ChildByField("value")!.Value)) return false;
            used.Add(ck.Index);
        }
        // The rest, in the order of the code: positional arguments past the pattern's, and keywords it did not name.
        var rest = new List<SyntaxNode>();
        int positional = 0;
        foreach (var a in code.NamedChildren)
        {
            if (a.IsExtra) continue;
            if (a.Kind == "keyword_argument") { if (!used.Contains(a.Index)) rest.Add(a); }
            else if (positional++ >= patPositional.Count) rest.Add(a);
        }
        if (splat is null) return rest.Count == 0;
        bindings ??= new(StringComparer.Ordinal);
        if (bindings.ContainsKey(splat)) return false;
        bindings[splat] = new Capture(rest, true);
        return true;
    }
}
