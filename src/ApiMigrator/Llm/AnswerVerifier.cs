using ApiMigrator.Python;

namespace ApiMigrator.Llm;

/// <summary>Code taken from an answer, split into the new import lines and the migrated statement(s).</summary>
/// <param name="Code">The migrated code that replaces the site's statement.</param>
/// <param name="NewImports">Import statements the answer put first that the module does not have yet.</param>
internal sealed record AnswerCode(string Code, IReadOnlyList<string> NewImports);

/// <summary>
/// Decides whether extracted code may be applied. In order: there is code; it parses with no ERROR or
/// MISSING node; it differs from the input when the site must change; the caller's check passes. The
/// first failure is the reason. An empty or broken answer can therefore never come back applicable.
/// </summary>
internal static class AnswerVerifier
{
    /// <summary>
    /// Splits leading import statements off <paramref name="code"/> (the prompts ask for new imports first)
    /// unless the site itself is an import statement; imports the module already has are dropped.
    /// </summary>
    public static AnswerCode SplitImports(string code, MigrationSite site)
    {
        if (code.Length == 0 || StartsWithImport(site.Code)) return new AnswerCode(code, []);
        var tree = PythonParser.Parse(code);
        var statements = tree.Root.NamedChildren.Where(n => n.Kind != "comment").ToList();
        int firstCode = statements.FindIndex(n => !IsImport(n));
        if (firstCode == 0) return new AnswerCode(code, []);
        var imports = (firstCode < 0 ? statements : statements.Take(firstCode)).Where(IsImport).Select(n => n.Text).ToList();
        var rest = firstCode < 0 ? "" : tree.Source.GetText(statements[firstCode].StartByte, tree.Source.Length).TrimEnd();
        var known = site.ImportLines.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        return new AnswerCode(rest, imports.Where(i => !known.Contains(Normalize(i))).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The outcome for <paramref name="answer"/> at <paramref name="site"/> and, unless accepted, why.
    /// <paramref name="check"/> gets a self-contained snippet — the module's imports, the new imports, then
    /// the migrated code — so that an import-aware matcher can resolve names; it returns a reason or null.
    /// </summary>
    public static (LlmOutcome Outcome, string? Reason) Verify(AnswerCode answer, MigrationSite site, Func<string, string?>? check)
    {
        if (answer.Code.Trim().Length == 0)
            return (LlmOutcome.EmptyAnswer, answer.NewImports.Count > 0 ? "the answer has only import lines, no migrated code" : "the answer has no code");
        var tree = PythonParser.Parse(answer.Code);
        if (tree.HasErrors)
        {
            var first = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0].ToString() : "syntax error";
            return (LlmOutcome.SyntaxError, $"the code does not parse ({first})");
        }
        foreach (var import in answer.NewImports)
            if (PythonParser.Parse(import).HasErrors) return (LlmOutcome.SyntaxError, $"the import line does not parse: {import}");
        if (site.ChangeRequired && string.Equals(Normalize(answer.Code), Normalize(site.Code), StringComparison.Ordinal))
            return (LlmOutcome.Unchanged, "the code is unchanged, but this site must change");
        if (check?.Invoke(Snippet(answer, site)) is { } reason)
            return (LlmOutcome.CheckFailed, reason);
        return (LlmOutcome.Accepted, null);
    }

    /// <summary>What the caller's check sees: module imports, new imports, the migrated code.</summary>
    public static string Snippet(AnswerCode answer, MigrationSite site)
        => string.Join("\n", site.ImportLines.Concat(answer.NewImports).Append(answer.Code)) + "\n";

    private static bool StartsWithImport(string code)
        => PythonParser.Parse(code).Root.NamedChildren.FirstOrDefault(n => n.Kind != "comment") is { } first && IsImport(first);

    private static bool IsImport(SyntaxNode n) => n.Kind is "import_statement" or "import_from_statement" or "future_import_statement";

    /// <summary>Whether two pieces of code are the same but for line ends and trailing spaces (what <see cref="Verify"/> calls unchanged).</summary>
    public static bool SameCode(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>Line ends and trailing spaces do not count as a change.</summary>
    private static string Normalize(string code)
        => string.Join("\n", code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');
}
