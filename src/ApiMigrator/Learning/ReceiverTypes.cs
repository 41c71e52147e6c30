using ApiMigrator.Python;
using ApiMigrator.Types;

namespace ApiMigrator.Learning;

/// <summary>
/// What a training pair shows about a receiver: its types where the type model infers them
/// (<c>df = pd.DataFrame(…)</c> → <c>pandas.DataFrame</c>; <c>self</c> in a <c>unittest.TestCase</c> subclass →
/// <c>unittest.TestCase</c>), else the package its value comes from (<c>pandas</c>, weak evidence).
/// </summary>
internal static class ReceiverTypes
{
    /// <summary>
    /// The <c>where</c> entries one receiver of <paramref name="member"/> supports; null when it is a builtin value (a
    /// list, a str): not a library's method. A type is widened to the most general class the table says declares
    /// the member (a Series receiver of <c>is_monotonic</c> gives the class Series shares with Index).
    /// </summary>
    public static IReadOnlySet<string>? Observed(SyntaxNode receiver, ModuleScope scope, string? member)
    {
        var types = TypeInference.For(scope);
        var t = types.TypeOf(receiver).WithoutNone();
        // In a union (`ax` from plt.subplots(…) may be an Axes or an array of them), only the members whose
        // class declares the method are the receivers the pair shows.
        if (member is not null && t.Names.Count > 1)
        {
            var declaring = t.Names.Where(n => Declares(types, n, member)).ToList();
            if (declaring.Count > 0) t = PyType.Of(declaring, t.Open);
        }
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in t.Names)
        {
            if (name.StartsWith("builtins.", StringComparison.Ordinal) || TypeNames.Base(name) is "tuple") return null;
            if (TypeNames.IsLibraryValue(name)) { result.Add(name[..^2]); continue; }
            foreach (var library in types.LibraryTypesOf(name))
            {
                // A class the table does not describe (a CapWords name seen only here) says no more than its package.
                var bare = TypeNames.IsClassObject(library) ? TypeNames.Arguments(library)[0] : library;
                if (types.Table.Class(bare) is not null)
                {
                    var declaring = member is null ? bare : types.Table.DeclaringClass(bare, member);
                    result.Add(TypeNames.IsClassObject(library) ? $"type[{declaring}]" : declaring);
                }
                else if (TypeNames.Package(bare) is { } p) result.Add(p);
            }
        }
        return result;
    }

    private static bool Declares(TypeInference types, string name, string member)
    {
        var bare = TypeNames.IsClassObject(name) ? TypeNames.Arguments(name)[0] : name;
        return types.Table.SelfAndBases(bare).Any(c => types.Table.Class(c) is { } info && (info.Methods.ContainsKey(member) || info.Attributes.ContainsKey(member)));
    }

    /// <summary>Merges what several pairs showed: the types if any pair showed one (packages from pairs that showed no type add nothing), else the packages.</summary>
    public static HashSet<string> Merge(IEnumerable<IReadOnlySet<string>> observed)
    {
        var all = observed.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        if (all.Any(e => !TypeRequirement.IsPackage(e))) all.RemoveWhere(TypeRequirement.IsPackage);
        return all;
    }

    /// <summary>The packages of <c>where</c> entries.</summary>
    public static IEnumerable<string> Packages(IEnumerable<string> entries)
        => entries.Select(e => TypeRequirement.IsPackage(e) ? e : TypeNames.Package(e.StartsWith("type[", StringComparison.Ordinal) ? e[5..^1] : e))
            .OfType<string>().Distinct(StringComparer.Ordinal);
}
