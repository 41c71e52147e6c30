using ApiMigrator.Python;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Learning;

/// <summary>The import sets of a pair's two sides compared: what was removed, what was added, and which added imports a rule's new names need.</summary>
internal static class ImportChanges
{
    /// <summary>The imports only the before side has, and those only the after side has (<c>__future__</c> imports left out).</summary>
    internal static (List<ImportBinding> Removed, List<ImportBinding> Added) Diff(ModuleScope b, ModuleScope a)
    {
        static string Key(ImportBinding x) => $"{x.Form}|{x.LocalName}|{x.QualifiedName}|{x.Module}";
        var bk = b.Imports.Select(Key).ToHashSet(StringComparer.Ordinal);
        var ak = a.Imports.Select(Key).ToHashSet(StringComparer.Ordinal);
        return (b.Imports.Where(x => !ak.Contains(Key(x)) && x.Form != ImportForm.Future).ToList(),
                a.Imports.Where(x => !bk.Contains(Key(x)) && x.Form != ImportForm.Future).ToList());
    }

    /// <summary>Imports added by the pair that the new names need (in statement form).</summary>
    internal static List<string> NeededBy(IEnumerable<string> newNames, List<ImportBinding> added)
    {
        var list = new List<string>();
        foreach (var x in added)
        {
            bool provides = newNames.Any(n => n == x.QualifiedName || n.StartsWith(x.QualifiedName + ".", StringComparison.Ordinal)
                || (x.Form == ImportForm.Import && n.StartsWith(x.Module + ".", StringComparison.Ordinal)));
            if (!provides) continue;
            var req = x.Form switch
            {
                ImportForm.Import => new ImportRequest(x.Module),
                ImportForm.ImportAs => new ImportRequest(x.Module, null, x.LocalName),
                ImportForm.From => new ImportRequest(x.Module, x.QualifiedName[(x.QualifiedName.LastIndexOf('.') + 1)..]),
                _ => new ImportRequest(x.Module, x.QualifiedName[(x.QualifiedName.LastIndexOf('.') + 1)..], x.LocalName),
            };
            list.Add(req.ToStatement());
        }
        return list;
    }
}
