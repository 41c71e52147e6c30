using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Rewriting;

/// <summary>
/// Writes a qualified name the way this file would: through an import it already has
/// (<c>pandas.concat</c> → <c>pd.concat</c>), through an import the rule says to add
/// (<c>datetime.timezone.utc</c> → <c>timezone.utc</c> plus <c>from datetime import timezone</c>), or
/// through a conventional new import. Refuses (returns null) when the name it would use is taken.
/// </summary>
internal sealed class NamePrinter(ModuleScope scope)
{
    private readonly List<ImportRequest> requested = [];

    /// <summary>Imports the printed names need, in request order, without duplicates.</summary>
    public IReadOnlyList<ImportRequest> Requested => requested;

    /// <summary>Forgets requested imports (between matches that were not applied).</summary>
    internal int Mark => requested.Count;

    internal void Rollback(int mark) => requested.RemoveRange(mark, requested.Count - mark);

    /// <summary>Prints <paramref name="qualified"/> as seen from <paramref name="site"/>, or null if it cannot be written safely.</summary>
    public string? Print(string qualified, SyntaxNode site, MigrationRule? rule = null)
    {
        var siteScope = scope.ScopeOf(site);
        if (PythonBuiltins.IsBuiltin(qualified) || qualified.StartsWith("builtins.", StringComparison.Ordinal))
        {
            var name = qualified.StartsWith("builtins.", StringComparison.Ordinal) ? qualified[9..] : qualified;
            var r = scope.ResolveName(name.Split('.')[0], siteScope);
            return r.Kind is ResolutionKind.Builtin or ResolutionKind.Unbound ? name : null;
        }

        // 1. An import the file already has (visible, not shadowed; unconditional first, then the most specific).
        ImportBinding? best = null;
        foreach (var b in scope.Imports)
        {
            if (b.Form is ImportForm.Star or ImportForm.Future || b.IsRelative) continue;
            if (qualified != b.QualifiedName && !qualified.StartsWith(b.QualifiedName + ".", StringComparison.Ordinal)) continue;
            var r = scope.ResolveName(b.LocalName, siteScope);
            if (r.Import != b && !(r.Kind == ResolutionKind.Imported && r.QualifiedName == b.QualifiedName)) continue;
            // An unconditional import beats a conditional one: `from numpy import trapezoid` inside `try: … except ImportError:`
            // is unbound exactly on the old versions the fallback is for, while `import numpy as np` always holds.
            if (best is null || best.IsConditional && !b.IsConditional
                || best.IsConditional == b.IsConditional && b.QualifiedName.Length > best.QualifiedName.Length) best = b;
        }
        // A submodule reached through its package (`collections.abc.X` via `import collections`) also
        // needs the submodule imported; the rule's learned imports say so.
        if (best is not null)
        {
            var text = best.LocalName + qualified[best.QualifiedName.Length..];
            // `import a.b` was written because `a` does not load its submodules: reaching `a.c.X`
            // through it needs `import a.c` too.
            if (best.Form == ImportForm.Import && best.Module.Contains('.', StringComparison.Ordinal)
                && !qualified.StartsWith(best.Module + ".", StringComparison.Ordinal) && qualified.LastIndexOf('.') > 0)
            {
                var needed = rule?.AddImports.Select(ImportRequest.TryParse).OfType<ImportRequest>()
                    .FirstOrDefault(r => r.Name is null && r.Alias is null && qualified.StartsWith(r.Module + ".", StringComparison.Ordinal))?.Module
                    ?? qualified[..qualified.LastIndexOf('.')];
                if (!scope.Imports.Any(i => i.Form == ImportForm.Import && i.Module == needed)) Request(new ImportRequest(needed));
            }
            if (rule is not null)
                foreach (var add in rule.AddImports.Select(ImportRequest.TryParse).OfType<ImportRequest>())
                    if (add.Name is null && add.Alias is null && add.Module.Contains('.', StringComparison.Ordinal)
                        && qualified.StartsWith(add.Module + ".", StringComparison.Ordinal) && add.Module.StartsWith(best.QualifiedName + ".", StringComparison.Ordinal))
                        Request(add);
            return text;
        }

        // 2. An import already requested for this file.
        foreach (var req in requested)
            if (Provides(req, qualified) is { } t) return t;

        // 3. An import the rule was learned with.
        if (rule is not null)
        {
            foreach (var add in rule.AddImports.Select(ImportRequest.TryParse).OfType<ImportRequest>())
            {
                if (Provides(add, qualified) is not { } t) continue;
                if (!NameIsFree(add.LocalName, add.QualifiedName)) continue;
                Request(add);
                return t;
            }
        }

        // 4. The file's own style: it imports names from this module already, so import this one by name too.
        int lastDot = qualified.LastIndexOf('.');
        if (lastDot > 0)
        {
            var module = qualified[..lastDot];
            var name = qualified[(lastDot + 1)..];
            if (scope.Imports.Any(b => b.Form is ImportForm.From && b.Module == module) && NameIsFree(name, qualified))
            {
                Request(new ImportRequest(module, name));
                return name;
            }
        }

        // 5. A conventional import of the top-level module (`import pandas as pd`, `import shutil`).
        var parts = qualified.Split('.');
        for (int n = parts.Length - 1; n >= 1; n--)
        {
            var module = string.Join('.', parts[..n]);
            if (ConventionalAliases.ByModule.TryGetValue(module, out var alias) && NameIsFree(alias, module))
            {
                var req = new ImportRequest(module, null, alias);
                Request(req);
                return alias + qualified[module.Length..];
            }
        }
        // 6. `import top`.
        if (NameIsFree(parts[0], parts[0]) && parts.Length > 1)
        {
            Request(new ImportRequest(parts[0]));
            return qualified;
        }
        return null;
    }

    private void Request(ImportRequest req)
    {
        if (!requested.Contains(req)) requested.Add(req);
    }

    private bool NameIsFree(string local, string qualified)
    {
        var r = scope.ResolveName(local, scope.Module);
        return r.Kind is ResolutionKind.Unbound || r.Kind == ResolutionKind.Imported && r.QualifiedName == qualified;
    }

    private static string? Provides(ImportRequest req, string qualified)
    {
        var q = req.QualifiedName;
        if (qualified == q) return req.LocalName;
        return qualified.StartsWith(q + ".", StringComparison.Ordinal) ? req.LocalName + qualified[q.Length..] : null;
    }
}
