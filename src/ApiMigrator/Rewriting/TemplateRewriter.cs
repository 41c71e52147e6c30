using System.Text;
using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting;

/// <summary>
/// Prints a rule's replacement template at a match: metavariables become the matched code's own
/// bytes, qualified names are printed with the file's imports, everything else is the template text.
/// </summary>
internal static class TemplateRewriter
{
    public static RuleRewrite Rewrite(MigrationRule rule, RuleMatch match, RewriteContext context)
    {
        var template = rule.ReplacePattern!;
        if (Precedence.IsStatementLike(template.Root.Kind) && !Precedence.IsWholeStatement(match.Node))
            return RuleRewrite.Fail("the replacement is a statement, but this use sits inside an expression; migrate it by hand");
        var text = Print(template, match, context, rule, out var problem);
        if (text is null) return RuleRewrite.Fail(problem!);
        if (Precedence.IsLoose(template.Root.Kind) && Precedence.ContextIsTight(match.Node)) text = "(" + text + ")";
        var edit = MinimalEdit.For(match.Node, text);
        // Never drop a user's comment: if the replaced range holds one the new text does not, report instead.
        foreach (var c in match.Node.DescendantsAndSelf().Where(n => n.Kind == "comment" && n.StartByte >= edit.Start && n.EndByte <= edit.End))
            if (!edit.NewText.Contains(c.Text, StringComparison.Ordinal))
                return RuleRewrite.Fail($"the rewrite would drop the comment '{c.Text}'; migrate this call by hand");
        return RuleRewrite.Of(edit);
    }

    /// <summary>Prints the template; null with a reason when a name cannot be written.</summary>
    public static string? Print(Pattern template, RuleMatch match, RewriteContext context, MigrationRule rule, out string? problem)
    {
        problem = null;
        var src = template.Tree.Source;
        var replacements = new List<(int Start, int End, string Text)>();
        var moved = new List<(int Start, int End, string Text)>();
        foreach (var n in template.Root.DescendantsAndSelf())
        {
            // Skip nodes inside an already-replaced range.
            if (replacements.Count > 0 && n.StartByte < replacements[^1].End) continue;
            if (Pattern.HoleName(n) is { } hole)
            {
                if (!match.Holes.TryGetValue(hole, out var cap)) { problem = $"template uses ${hole}, which the pattern does not bind"; return null; }
                var captured = cap.Text(context.Source);
                // `a or b` moved under `.daemon` must keep meaning `(a or b).daemon`.
                if (Precedence.IsLoose(cap.Node.Kind) && Precedence.ContextIsTight(n)) captured = "(" + captured + ")";
                replacements.Add((n.StartByte, n.EndByte, captured));
            }
            else if (Pattern.SplatName(n) is { } splat)
            {
                if (!match.Holes.TryGetValue(splat, out var cap)) { problem = $"template uses $*{splat}, which the pattern does not bind"; return null; }
                // Python wants positional arguments before keywords: in `hide(axis="index", $*args)` the positional
                // arguments $*args carries go in front of the template's first keyword (`hide(["a"], axis="index")`).
                int positional = cap.Nodes.TakeWhile(a => a.Kind is not ("keyword_argument" or "dictionary_splat" or "list_splat")).Count();
                if (positional > 0 && FirstKeywordBefore(n) is { } keyword)
                {
                    moved.Add((keyword.StartByte, keyword.StartByte, new Capture([.. cap.Nodes.Take(positional)], true).Text(context.Source) + ", "));
                    cap = new Capture([.. cap.Nodes.Skip(positional)], true);
                }
                var t = cap.Text(context.Source);
                if (t.Length > 0) replacements.Add((n.StartByte, n.EndByte, t));
                else replacements.Add(EmptySplat(n));
            }
            else if (n.Kind is "identifier" or "attribute" && Pattern.AtomName(n) is { } atom)
            {
                var printed = context.Printer.Print(atom, match.Node, rule);
                if (printed is null) { problem = $"cannot write '{atom}' here: no import provides it and none can be added safely"; return null; }
                replacements.Add((n.StartByte, n.EndByte, printed));
            }
        }
        var sb = new StringBuilder();
        int pos = template.Root.StartByte;
        // An insertion sorts before a replacement that starts where it does (OrderBy is stable).
        foreach (var (s, e, t) in moved.Concat(replacements).OrderBy(r => r.Start))
        {
            sb.Append(src.GetText(pos, s)).Append(t);
            pos = e;
        }
        sb.Append(src.GetText(pos, template.Root.EndByte));
        return sb.ToString();
    }

    /// <summary>The first keyword argument before the template's splat <paramref name="splat"/> in its argument list, or null.</summary>
    private static SyntaxNode? FirstKeywordBefore(SyntaxNode splat)
    {
        var item = splat;
        while (item.Parent is { } parent && parent.Kind != "argument_list") item = parent;
        if (item.Parent is not { } args) return null;
        foreach (var a in args.NamedChildren)
        {
            if (a.StartByte >= item.StartByte) return null;
            if (a.Kind == "keyword_argument") return a;
        }
        return null;
    }

    /// <summary>An empty <c>$*rest</c> takes one neighbouring comma with it, so <c>f($a, $*rest)</c> prints <c>f(x)</c>.</summary>
    private static (int, int, string) EmptySplat(SyntaxNode splat)
    {
        var text = splat.Tree.Source;
        var content = text.Content;
        int s = splat.StartByte, e = splat.EndByte;
        int before = s - 1;
        while (before >= 0 && content[before] == ' ') before--;
        if (before >= 0 && content[before] == ',') return (before, e, "");
        int after = e;
        while (after < content.Length && content[after] == ' ') after++;
        if (after < content.Length && content[after] == ',')
        {
            after++;
            while (after < content.Length && content[after] == ' ') after++;
            return (s, after, "");
        }
        return (s, e, "");
    }
}
