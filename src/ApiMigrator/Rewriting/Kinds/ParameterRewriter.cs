using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting.Kinds;

/// <summary>
/// How a <see cref="ParameterRule"/> rewrites a call: minimal edits per keyword op, so comments and
/// layout inside the call survive; or, for a rule without ops, its template.
/// </summary>
internal static class ParameterRewriter
{
    public static RuleRewrite Rewrite(ParameterRule rule, RuleMatch match, RewriteContext context)
    {
        if (rule.Ops.Count == 0) return TemplateRewriter.Rewrite(rule, match, context);
        var edits = new List<TextEdit>();
        var call = match.Node;
        foreach (var op in rule.Ops)
        {
            if (ParameterRule.Find(call, op) is not { } kw) continue;
            switch (op.Op)
            {
                case KeywordOpKind.Rename:
                    edits.Add(TextEdit.Replace(kw.ChildByField("name")!.Value, op.NewKeyword!));
                    break;
                case KeywordOpKind.MapValue:
                    var old = kw.ChildByField("value")!.Value;
                    edits.Add(TextEdit.Replace(old, Literals.InStyleOf(op.NewValue!, old.Text)));
                    break;
                case KeywordOpKind.Remove:
                    edits.Add(RemoveArgument(kw));
                    break;
                case KeywordOpKind.Rewrite:
                    var value = kw.ChildByField("value")!.Value.Text;
                    edits.Add(TextEdit.Replace(kw, op.NewKeyword + "=" + op.NewValue!.Replace("$v", value, StringComparison.Ordinal)));
                    break;
            }
        }
        return edits.Count == 0 ? RuleRewrite.None : new RuleRewrite(edits, [], null);
    }

    /// <summary>Removes one argument and exactly one separating comma.</summary>
    internal static TextEdit RemoveArgument(SyntaxNode arg)
    {
        var list = arg.Parent!.Value;
        var args = list.NamedChildren.Where(a => !a.IsExtra).ToList();
        int i = args.IndexOf(arg);
        if (args.Count == 1)
        {
            // f(x=1,) : drop the trailing comma too.
            var close = list.LastChild!.Value;
            return new TextEdit(arg.StartByte, close.Kind == ")" ? close.StartByte : arg.EndByte, "");
        }
        return i > 0
            ? new TextEdit(args[i - 1].EndByte, arg.EndByte, "")
            : new TextEdit(arg.StartByte, args[1].StartByte, "");
    }
}
