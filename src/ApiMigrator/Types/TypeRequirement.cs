namespace ApiMigrator.Types;

/// <summary>How well a value's inferred type meets a rule's <c>where</c> constraint.</summary>
internal enum TypeFit
{
    /// <summary>Every possible value is one of the named types (strong evidence).</summary>
    Fits,
    /// <summary>Every possible value belongs to a named package, but the constraint names only packages (weak: "some value of that library").</summary>
    FitsLibrary,
    /// <summary>Some values fit, the rest are unknown; or nothing is known (at most a finding).</summary>
    Unknown,
    /// <summary>Every possible value is known and none fits: the rule does not apply.</summary>
    Mismatch,
}

/// <summary>
/// A <c>where</c> constraint: the types (qualified names with a dot, <c>pandas.DataFrame</c>,
/// <c>builtins.str</c>, <c>type[pydantic.BaseModel]</c>) or packages (no dot, <c>pandas</c>) a hole's value
/// must be. Checked against the inferred type; <c>None</c> in a union is ignored (an Optional value).
/// </summary>
internal static class TypeRequirement
{
    /// <summary>True for an entry that names a package, not a type.</summary>
    public static bool IsPackage(string entry) => !entry.Contains('.', StringComparison.Ordinal);

    /// <summary>How <paramref name="actual"/> meets <paramref name="required"/>.</summary>
    public static TypeFit Check(PyType actual, IReadOnlyList<string> required, TypeInference types)
    {
        var t = actual.WithoutNone();
        if (t.Names.Count == 0) return TypeFit.Unknown;
        bool anyFit = false, allTyped = true, allFit = true, anyMismatch = false;
        foreach (var name in t.Names)
        {
            var member = Member(name, required, types);
            anyFit |= member is TypeFit.Fits or TypeFit.FitsLibrary;
            allTyped &= member == TypeFit.Fits;
            allFit &= member is TypeFit.Fits or TypeFit.FitsLibrary;
            anyMismatch |= member == TypeFit.Mismatch;
        }
        if (t.Open) return anyFit || !anyMismatch ? TypeFit.Unknown : TypeFit.Mismatch;
        if (allTyped) return TypeFit.Fits;
        if (allFit) return TypeFit.FitsLibrary;
        if (!anyFit && t.Names.All(n => Member(n, required, types) == TypeFit.Mismatch)) return TypeFit.Mismatch;
        return TypeFit.Unknown;
    }

    private static TypeFit Member(string name, IReadOnlyList<string> required, TypeInference types)
    {
        foreach (var r in required)
            if (!IsPackage(r) && types.IsA(name, r)) return TypeFit.Fits;
        var packages = types.PackagesOf(name);
        foreach (var r in required)
            if (IsPackage(r) && packages.Contains(r)) return TypeFit.FitsLibrary;
        // "Some pandas value" asked to be a DataFrame: its type is not known, but it is not known to be wrong either.
        if (TypeNames.IsLibraryValue(name) && required.Any(r => !IsPackage(r) && TypeNames.PackageOf(TypeNames.Base(r.StartsWith("type[", StringComparison.Ordinal) ? r[5..] : r)) == name[..^2]))
            return TypeFit.Unknown;
        return TypeFit.Mismatch;
    }
}
