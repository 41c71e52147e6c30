using ApiMigrator.Python;

namespace ApiMigrator.Rules;

/// <summary>The kind of change a <see cref="KeywordOp"/> makes.</summary>
public enum KeywordOpKind
{
    /// <summary><c>f(old=v)</c> → <c>f(new=v)</c>.</summary>
    Rename,
    /// <summary><c>f(k=v)</c> → <c>f()</c> (only when the value equals <see cref="KeywordOp.Value"/>, if given).</summary>
    Remove,
    /// <summary><c>f(k=old)</c> → <c>f(k=new)</c>.</summary>
    MapValue,
    /// <summary><c>f(k=$v)</c> → <c>f(k2=template($v))</c>, e.g. <c>keep_prob=$v</c> → <c>rate=1 - $v</c>.</summary>
    Rewrite,
}

/// <summary>One keyword-level change: minimal edits on the argument, so comments and layout in the call survive.</summary>
public sealed record KeywordOp(KeywordOpKind Op, string Keyword, string? NewKeyword = null, string? Value = null, string? NewValue = null)
{
    /// <summary>A short human form: <c>rename line_terminator → lineterminator</c>.</summary>
    public override string ToString() => Op switch
    {
        KeywordOpKind.Rename => $"rename keyword {Keyword} → {NewKeyword}",
        KeywordOpKind.Remove => Value is null ? $"remove keyword {Keyword}" : $"remove {Keyword}={Value}",
        KeywordOpKind.Rewrite => $"{Keyword}=$v → {NewKeyword}={NewValue}",
        _ => $"{Keyword}={Value} → {Keyword}={NewValue}",
    };
}

/// <summary>
/// Parameter migration. Either keyword operations on calls to a callee (<c>match: $df.to_csv</c>,
/// <c>ops: [rename line_terminator → lineterminator]</c>), or a call reshaped by a template
/// (<c>match: $df.append($other)</c>, <c>replace: pandas.concat([$df, $other])</c>).
/// </summary>
public sealed record ParameterRule : MigrationRule
{
    /// <summary>Keyword operations; empty when the rule reshapes the call with <see cref="MigrationRule.Replace"/>.</summary>
    public IReadOnlyList<KeywordOp> Ops { get; init; } = [];

    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Parameter;

    /// <summary>A keyword op can only apply where its keyword is written: it anchors the rule too.</summary>
    public override IReadOnlyList<string> Anchors => Ops.Count == 0
        ? MatchPattern.Anchors
        : [.. MatchPattern.Anchors.Union(Ops.Select(o => o.Keyword).Distinct(StringComparer.Ordinal), StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>With ops, <see cref="MigrationRule.Match"/> names the callee; the pattern is any call to it.</summary>
    protected override string MatchPatternText => Ops.Count > 0 ? Match + "($*__args)" : Match;

    /// <summary>True when at least one op would change this call (used to filter matches before rewriting).</summary>
    public override bool AppliesAt(SyntaxNode node) => Ops.Count == 0 || Ops.Any(op => Find(node, op) is not null);

    /// <inheritdoc/>
    public override string MatchSummary => Ops.Count > 0 ? $"calls to {Match}" : Match;

    /// <inheritdoc/>
    public override string ReplaceSummary => Replace ?? (Ops.Count > 0 ? string.Join("; ", Ops.Select(o => o.ToString())) : "(see the description)");

    /// <inheritdoc/>
    public override IEnumerable<(string Label, string Text)> DetailLines => Ops.Select(op => ("op", op.Op switch
    {
        KeywordOpKind.Rename => $"rename keyword {op.Keyword}= to {op.NewKeyword}=",
        KeywordOpKind.Remove => op.Value is null ? $"remove keyword {op.Keyword}=" : $"remove keyword {op.Keyword}={op.Value}",
        KeywordOpKind.MapValue => $"{op.Keyword}={op.Value} becomes {op.Keyword}={op.NewValue}",
        _ => $"{op.Keyword}=$v becomes {op.NewKeyword}={op.NewValue}",
    }));

    /// <summary>The keyword argument of <paramref name="call"/> that <paramref name="op"/> would change, or null when it does not apply there.</summary>
    public static SyntaxNode? Find(SyntaxNode call, KeywordOp op)
    {
        var args = call.ChildByField("arguments");
        if (args is not { Kind: "argument_list" } list) return null;
        var keywords = list.NamedChildren.Where(a => a.Kind == "keyword_argument").ToList();
        var kw = keywords.Cast<SyntaxNode?>().FirstOrDefault(k => k!.Value.ChildByField("name")?.Text == op.Keyword);
        if (kw is not { } found) return null;
        var value = found.ChildByField("value")?.Text;
        return op.Op switch
        {
            // Never create a duplicate keyword.
            KeywordOpKind.Rename or KeywordOpKind.Rewrite when op.NewKeyword != op.Keyword && keywords.Any(k => k.ChildByField("name")?.Text == op.NewKeyword) => null,
            // A value template needs a value that stays one expression when substituted.
            KeywordOpKind.Rewrite when found.ChildByField("value")?.Kind is not ("identifier" or "attribute" or "integer" or "float" or "subscript" or "call") => null,
            KeywordOpKind.Remove when op.Value is not null && !Literals.Same(value, op.Value) => null,
            KeywordOpKind.MapValue when !Literals.Same(value, op.Value) => null,
            _ => found,
        };
    }
}
