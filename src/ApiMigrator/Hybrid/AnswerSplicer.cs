using ApiMigrator.Llm;
using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Hybrid;

/// <summary>
/// Puts the model's accepted answers into the file: each replaces its site's statement (re-indented, in the file's
/// line ends), then the new imports are added in the file's style. An answer whose import cannot be added
/// (the name is taken) is dropped, and if the spliced file does not parse every answer is dropped: the
/// decision then says so, and the file keeps what the direct tier made of it.
/// </summary>
internal static class AnswerSplicer
{
    /// <summary>
    /// The file with the answers spliced in, and the final decisions. Without <paramref name="spliceUnchanged"/>, an answer
    /// that leaves its site as it was is not spliced in at all (<see cref="SiteDecision.LeftUnchanged"/>).
    /// </summary>
    public static (SourceText Result, List<SiteDecision> Decisions) Splice(SourceText current, IReadOnlyList<AnsweredSite> answered, bool spliceUnchanged)
    {
        var decisions = answered.Select(a => spliceUnchanged || a.Decision is not { Code: { } code, NewImports.Count: 0, SiteCode: { } siteCode }
                || !AnswerVerifier.SameCode(code, siteCode)
            ? a.Decision
            : a.Decision with { Code = null, LeftUnchanged = true, Reason = "the model left the site unchanged" }).ToList();
        var dropped = new Dictionary<int, string>();
        while (true)
        {
            var accepted = Enumerable.Range(0, answered.Count).Where(i => decisions[i].Code is not null && !dropped.ContainsKey(i)).ToList();
            if (accepted.Count == 0) return (current, Finish(decisions, dropped, accepted));
            var newline = current.NewlineText;
            var edits = accepted.Select(i =>
            {
                var site = answered[i].Planned.Site;
                var code = site.Reindent(decisions[i].Code!).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", newline, StringComparison.Ordinal);
                return new TextEdit(site.StartByte, site.EndByte, code);
            }).ToList();
            var text = SourceEdits.Apply(current, edits);
            int? failed = null;
            string? problem = null;
            foreach (var i in accepted)
            {
                foreach (var line in decisions[i].NewImports)
                {
                    var tree = PythonParser.Parse(text);
                    var added = AddImport(ModuleScope.Build(tree), line);
                    if (added.Problem is not null) { failed = i; problem = added.Problem; break; }
                    if (added.Edit is not null) text = SourceEdits.Apply(text, [added.Edit]);
                }
                if (failed is not null) break;
            }
            if (failed is { } f)
            {
                dropped[f] = $"the answer was verified but not applied: {problem}";
                continue;
            }
            if (PythonParser.Parse(text).HasErrors)
            {
                foreach (var i in accepted) dropped[i] = "the answer was verified but not applied: the file does not parse with the answers spliced in";
                continue;
            }
            return (text, Finish(decisions, dropped, accepted));
        }
    }

    private static List<SiteDecision> Finish(List<SiteDecision> decisions, Dictionary<int, string> dropped, List<int> applied)
    {
        var result = new List<SiteDecision>(decisions.Count);
        for (int i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            if (dropped.TryGetValue(i, out var why)) result.Add(d with { Applied = false, Reason = why, Code = null, NewImports = [] });
            else result.Add(d with { Applied = applied.Contains(i) });
        }
        return result;
    }

    private static ImportEditResult AddImport(ModuleScope scope, string line)
    {
        if (ImportRequest.TryParse(line) is { } request) return ImportEditor.Add(scope, request);
        // A form the request model does not cover (`import a, b`, parenthesized names): its own line after the imports.
        var source = scope.Tree.Source;
        var last = scope.Tree.Root.NamedChildren.Cast<SyntaxNode?>().LastOrDefault(s => s!.Value.Kind is "import_statement" or "import_from_statement" or "future_import_statement");
        int at = last is { } anchor ? LineEndAfter(source, anchor.EndByte) : 0;
        var prefix = at == source.Length && at > 0 && !source.Text.EndsWith('\n') ? source.NewlineText : "";
        return new ImportEditResult(TextEdit.Insert(at, prefix + line.Trim() + source.NewlineText), null, null);
    }

    private static int LineEndAfter(SourceText source, int offset)
    {
        var line = source.GetPosition(offset).Line;
        return line < source.LineCount ? source.LineStart(line + 1) : source.Length;
    }
}
