using ApiMigrator.Python;

namespace ApiMigrator.Rewriting;

/// <summary>The outcome of adding an import: the edit (null when already present), the local name to use, or why not.</summary>
internal sealed record ImportEditResult(TextEdit? Edit, string? LocalName, string? Problem)
{
    /// <summary>True when the name is usable (added or already there).</summary>
    public bool Ok => Problem is null;
}

/// <summary>Adds and removes imports in the file's own style, as edits on the original text.</summary>
internal static class ImportEditor
{
    /// <summary>
    /// Makes <paramref name="request"/> available at module level. Reuses an existing identical import;
    /// otherwise adds its own line after the imports of the same package (or after the file's imports),
    /// or, with <paramref name="joinExisting"/>, joins an existing <c>from M import …</c> line.
    /// Statements in <paramref name="doomedStatements"/> (about to be removed) are not used as anchors.
    /// Refuses when the local name is already bound to something else.
    /// </summary>
    public static ImportEditResult Add(ModuleScope scope, ImportRequest request, bool joinExisting = false, IReadOnlySet<int>? doomedStatements = null)
    {
        var existing = scope.ResolveName(request.LocalName, scope.Module);
        // `import a.b` is only present if that exact module is imported; for other forms the binding decides.
        bool plainDotted = request.Name is null && request.Alias is null && request.Module.Contains('.', StringComparison.Ordinal);
        if (plainDotted ? scope.Imports.Any(i => i.Form == ImportForm.Import && i.Module == request.Module)
                        : existing.Kind == ResolutionKind.Imported && existing.QualifiedName == request.QualifiedName)
            return new ImportEditResult(null, request.LocalName, null);
        // `import a.b` next to `import a.c` binds the same `a` to the same package: that is fine.
        bool sameRoot = plainDotted && existing.Kind == ResolutionKind.Imported && existing.QualifiedName == request.QualifiedName;
        if (!sameRoot && existing.Kind is ResolutionKind.Imported or ResolutionKind.Local or ResolutionKind.Unknown)
            return new ImportEditResult(null, null, $"cannot import '{request.LocalName}': the name is already bound in this module");

        var source = scope.Tree.Source;
        var topLevel = scope.Tree.Root.NamedChildren.ToList();

        if (request.Name is not null && joinExisting)
        {
            var sameModule = topLevel.Cast<SyntaxNode?>().LastOrDefault(s => s!.Value.Kind == "import_from_statement"
                && s.Value.ChildByField("module_name")?.Text == request.Module
                && !s.Value.Children.Any(c => c.Kind == "wildcard_import"));
            if (sameModule is { } same)
            {
                var lastName = same.ChildrenByField("name").Last();
                var piece = request.Alias is null ? request.Name : $"{request.Name} as {request.Alias}";
                return new ImportEditResult(TextEdit.Insert(lastName.EndByte, ", " + piece), request.LocalName, null);
            }
        }

        var imports = topLevel.Where(s => s.Kind is "import_statement" or "import_from_statement" or "future_import_statement"
            && (doomedStatements is null || !doomedStatements.Contains(s.Index))).ToList();
        var top = request.Module.Split('.')[0];
        SyntaxNode? anchor = imports.Cast<SyntaxNode?>().LastOrDefault(s => ModulesOf(s!.Value).Any(m => m == top || m.StartsWith(top + ".", StringComparison.Ordinal)));
        anchor ??= imports.Count > 0 ? imports[^1] : null;
        if (anchor is null && topLevel.Where(s => !s.IsExtra).Cast<SyntaxNode?>().FirstOrDefault() is { } first)
        {
            // No imports: after a module docstring, else before the first statement (header comments stay on top).
            if (first.Kind == "expression_statement" && first.NamedChildren.Select(c => c.Kind).FirstOrDefault() == "string")
                anchor = first;
            else
                return new ImportEditResult(TextEdit.Insert(source.LineStart(first.Start.Line), request.ToStatement() + source.NewlineText), request.LocalName, null);
        }
        return new ImportEditResult(InsertLineAfter(source, anchor, request.ToStatement()), request.LocalName, null);
    }

    /// <summary>The edit that removes one imported name (or its whole statement when it is the only one).</summary>
    public static TextEdit Remove(ModuleScope scope, ImportBinding binding) => RemoveNames(scope, [binding]);

    /// <summary>
    /// One edit that removes several names of one import statement: the whole statement when none
    /// is left, else the list of names rewritten without them.
    /// </summary>
    public static TextEdit RemoveNames(ModuleScope scope, IReadOnlyList<ImportBinding> bindings)
    {
        var stmt = bindings[0].Statement;
        var names = stmt.ChildrenByField("name").ToList();
        var gone = bindings.Select(b => b.NameNode).ToHashSet();
        var kept = names.Where(n => !gone.Contains(n)).ToList();
        if (kept.Count == 0) return RemoveStatement(scope, stmt);
        if (gone.Count == 1)
        {
            int i = names.IndexOf(bindings[0].NameNode);
            return i > 0
                ? new TextEdit(names[i - 1].EndByte, names[i].EndByte, "")
                : new TextEdit(names[0].StartByte, names[1].StartByte, "");
        }
        return new TextEdit(names[0].StartByte, names[^1].EndByte, string.Join(", ", kept.Select(n => n.Text)));
    }

    /// <summary>One edit on a from-import statement: some names removed, some replaced by new names.</summary>
    public static TextEdit ReplaceNames(ModuleScope scope, IReadOnlyList<ImportBinding> removed, IReadOnlyDictionary<SyntaxNode, string> replacements)
    {
        var stmt = removed[0].Statement;
        var names = stmt.ChildrenByField("name").ToList();
        var gone = removed.Select(b => b.NameNode).Where(n => !replacements.ContainsKey(n)).ToHashSet();
        if (gone.Count == 0 && replacements.Count == 1)
        {
            var (node, text) = replacements.First();
            return TextEdit.Replace(node, text);
        }
        var pieces = names.Where(n => !gone.Contains(n)).Select(n => replacements.TryGetValue(n, out var t) ? t : n.Text);
        return new TextEdit(names[0].StartByte, names[^1].EndByte, string.Join(", ", pieces));
    }

    /// <summary>Removes a whole import statement: its line(s) when it stands alone, else the statement and its separator.</summary>
    public static TextEdit RemoveStatement(ModuleScope scope, SyntaxNode stmt)
    {
        var source = scope.Tree.Source;
        // The only statement of a block (e.g. inside try:) must leave something behind.
        var block = stmt.Parent;
        if (block is { Kind: "block" } b && b.NamedChildren.Count(c => !c.IsExtra) == 1)
            return TextEdit.Replace(stmt, "pass");
        int lineStart = source.LineStart(stmt.Start.Line);
        bool aloneOnLine = source.GetText(lineStart, stmt.StartByte).Trim().Length == 0;
        int end = stmt.EndByte;
        var rest = source.GetLineText(stmt.End.Line);
        int lineEnd = source.LineStart(stmt.End.Line) + System.Text.Encoding.UTF8.GetByteCount(rest);
        string tail = source.GetText(end, lineEnd).Trim();
        if (aloneOnLine && (tail.Length == 0 || tail.StartsWith('#')))
        {
            int next = stmt.End.Line < source.LineCount ? source.LineStart(stmt.End.Line + 1) : source.Length;
            return new TextEdit(lineStart, next, "");
        }
        // Shares its line with other statements (`import a; x = 1`): remove the statement and its separator.
        var content = source.Content;
        int e = end;
        while (e < content.Length && content[e] is (byte)' ' or (byte)'\t') e++;
        if (e < content.Length && content[e] == ';') { e++; while (e < content.Length && content[e] == ' ') e++; }
        return new TextEdit(stmt.StartByte, e, "");
    }

    /// <summary>Whether anything still reads the name an import binds (names listed in __all__ count as used).</summary>
    public static bool IsUsed(ModuleScope scope, ImportBinding binding, IReadOnlyCollection<ImportRequest>? pending = null)
    {
        if (binding.Form is ImportForm.Star or ImportForm.Future) return true;
        if (binding.Form == ImportForm.Import && binding.Module.Contains('.', StringComparison.Ordinal))
        {
            // `import a.b` binds `a`, but is only needed for `a.b…` (or for bare `a` if nothing else imports `a`).
            bool otherBindsRoot = scope.Imports.Any(o => o != binding && o.LocalName == binding.LocalName && o.Form == ImportForm.Import)
                || (pending?.Any(r => r.Name is null && r.Alias is null && r.LocalName == binding.LocalName) ?? false);
            foreach (var r in scope.ReferencesTo(binding))
            {
                var chain = r;
                while (chain.Parent is { Kind: "attribute" } up && up.ChildByField("object") == chain) chain = up;
                var text = string.Concat(chain.Text.Where(c => !char.IsWhiteSpace(c)));
                if (text == binding.Module || text.StartsWith(binding.Module + ".", StringComparison.Ordinal) || !otherBindsRoot) return true;
            }
            return InDunderAll(scope.Tree, binding.LocalName);
        }
        if (scope.ReferencesTo(binding).Any()) return true;
        return InDunderAll(scope.Tree, binding.LocalName);
    }

    private static bool InDunderAll(SyntaxTree tree, string name)
    {
        foreach (var n in tree.Root.DescendantsAndSelf())
        {
            if (n.Kind != "assignment" && n.Kind != "augmented_assignment") continue;
            if (n.ChildByField("left") is not { Text: "__all__" }) continue;
            var right = n.ChildByField("right");
            if (right is { } r && r.DescendantsAndSelf().Any(s => s.Kind == "string_content" && s.Text == name)) return true;
        }
        return false;
    }

    private static IEnumerable<string> ModulesOf(SyntaxNode stmt)
    {
        if (stmt.Kind == "import_from_statement")
        {
            if (stmt.ChildByField("module_name") is { } m) yield return m.Text;
            yield break;
        }
        foreach (var n in stmt.ChildrenByField("name"))
            yield return (n.Kind == "aliased_import" ? n.ChildByField("name")!.Value : n).Text;
    }

    private static TextEdit InsertLineAfter(SourceText source, SyntaxNode? anchor, string line)
    {
        if (anchor is not { } a)
            return TextEdit.Insert(0, line + source.NewlineText);
        // Insert at the start of the next line so a trailing comment stays with its statement.
        int endLine = a.End.Line;
        if (endLine < source.LineCount)
            return TextEdit.Insert(source.LineStart(endLine + 1), line + source.NewlineText);
        return TextEdit.Insert(source.Length, source.NewlineText + line);
    }
}
