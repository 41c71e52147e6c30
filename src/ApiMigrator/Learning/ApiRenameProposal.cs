using ApiMigrator.Data;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>
/// <c>api_rename</c> proposals: a dotted name whose qualified name changed (<c>np.float_</c> →
/// <c>np.float64</c>), and an import that moved while the code using it stayed the same.
/// </summary>
internal static class ApiRenameProposal
{
    /// <summary>The old and new qualified names when both sides of a region are dotted names that resolve; null otherwise.</summary>
    internal static (string Old, string New)? RenamedName(SyntaxNode b, SyntaxNode a, ModuleScope bScope, ModuleScope aScope)
        => DottedNames.IsDotted(b) && DottedNames.IsDotted(a) && DottedNames.QualifiedName(b, bScope) is { } oldName && DottedNames.QualifiedName(a, aScope) is { } newName
            ? (oldName, newName)
            : null;

    /// <summary>The rename <paramref name="oldName"/> → <paramref name="newName"/>, with the pair's added imports the new name needs.</summary>
    internal static Candidate FromNames(MigrationPair pair, string oldName, string newName, List<ImportBinding> added)
    {
        var rule = Candidate.Stamped(new ApiRenameRule { Id = "", Match = oldName, Replace = newName }, pair) with { AddImports = ImportChanges.NeededBy([newName], added) };
        return new Candidate(rule, pair.Id, new Dictionary<string, IReadOnlySet<string>>());
    }

    /// <summary>
    /// Imports that moved without any change in the code: same local name, new qualified name. Adds a
    /// rename to <paramref name="result"/> for each one no rename found so far already covers.
    /// </summary>
    internal static void AddMovedImports(MigrationPair pair, List<ImportBinding> removed, List<ImportBinding> added, List<Candidate> result)
    {
        foreach (var r in removed)
        {
            var x = added.FirstOrDefault(a => a.LocalName == r.LocalName && a.Form == r.Form);
            if (x is null || result.Any(c => c.Rule is ApiRenameRule ar && ar.Match == r.QualifiedName)) continue;
            var (oldName, newName) = r.Form is ImportForm.Import or ImportForm.ImportAs ? (r.Module, x.Module) : (r.QualifiedName, x.QualifiedName);
            if (oldName == newName) continue;
            var rule = Candidate.Stamped(new ApiRenameRule { Id = "", Match = oldName, Replace = newName }, pair);
            result.Add(new Candidate(rule, pair.Id, new Dictionary<string, IReadOnlySet<string>>()));
        }
    }
}
