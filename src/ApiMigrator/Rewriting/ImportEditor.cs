using ApiMigrator.Python;

namespace ApiMigrator.Rewriting;

/// <summary>
/// An import a rewrite needs: <c>import Module</c>, <c>import Module as Alias</c>,
/// <c>from Module import Name</c> or <c>from Module import Name as Alias</c>.
/// </summary>
public sealed record ImportRequest(string Module, string? Name = null, string? Alias = null)
{
    /// <summary>The name the import binds in the file.</summary>
    public string LocalName => Alias ?? Name ?? Module.Split('.')[0];

    /// <summary>What <see cref="LocalName"/> stands for.</summary>
    public string QualifiedName => Name is not null ? Module + "." + Name : Alias is not null ? Module : Module.Split('.')[0];

    /// <summary>The statement as Python source.</summary>
    public string ToStatement()
        => Name is null
            ? $"import {Module}{(Alias is null ? "" : " as " + Alias)}"
            : $"from {Module} import {Name}{(Alias is null ? "" : " as " + Alias)}";

    /// <summary>Parses "import a.b as c" / "from a import b as c" forms (as written in rule files).</summary>
    public static ImportRequest? TryParse(string statement)
    {
        var parts = statement.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["import", var m] => new ImportRequest(m),
            ["import", var m, "as", var a] => new ImportRequest(m, null, a),
            ["from", var m, "import", var n] => new ImportRequest(m, n),
            ["from", var m, "import", var n, "as", var a] => new ImportRequest(m, n, a),
            _ => null,
        };
    }
}

/// <summary>The outcome of adding an import: the edit (null when already present), the local name to use, or why not.</summary>
public sealed record ImportEditResult(TextEdit? Edit, string? LocalName, string? Problem)
{
    /// <summary>True when the name is usable (added or already there).</summary>
    public bool Ok => Problem is null;
}

/// <summary>Adds and removes imports in the file's own style, as edits on the original text.</summary>
public static class ImportEditor
{
    /// <summary>
    /// Makes <paramref name="request"/> available at module level. Reuses an existing identical import;
    /// joins an existing <c>from M import …</c> line; otherwise adds a line after the file's imports.
    /// Refuses when the local name is already bound to something else.
    /// </summary>
    public static ImportEditResult Add(ModuleScope scope, ImportRequest request)
    {
        var existing = scope.ResolveName(request.LocalName, scope.Module);
        if (existing.Kind == ResolutionKind.Imported && existing.QualifiedName == request.QualifiedName)
            return new ImportEditResult(null, request.LocalName, null);
        if (existing.Kind is ResolutionKind.Imported or ResolutionKind.Local or ResolutionKind.Unknown)
            return new ImportEditResult(null, null, $"cannot import '{request.LocalName}': the name is already bound in this module");

        var source = scope.Tree.Source;
        var topLevel = scope.Tree.Root.NamedChildren.ToList();

        if (request.Name is not null)
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

        var imports = topLevel.Where(s => s.Kind is "import_statement" or "import_from_statement" or "future_import_statement").ToList();
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
    public static bool IsUsed(ModuleScope scope, ImportBinding binding)
    {
        if (binding.Form is ImportForm.Star or ImportForm.Future) return true;
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
