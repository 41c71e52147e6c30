namespace ApiMigrator.Types;

/// <summary>
/// What a Python expression may hold: a union of type names, and whether it may also hold something
/// not named (an unknown part). Names are qualified (<c>pandas.DataFrame</c>, <c>builtins.list</c>),
/// possibly generic (<c>tuple[matplotlib.figure.Figure, matplotlib.axes.Axes]</c>, <c>type[pandas.DataFrame]</c>
/// for the class object itself), <c>local.Name</c> for a class defined in the file, or <c>pkg.*</c> for
/// "some value of library pkg whose type the table does not know".
/// </summary>
internal sealed record PyType
{
    private PyType(IReadOnlyList<string> names, bool open)
    {
        Names = names;
        Open = open;
    }

    /// <summary>The named members of the union, sorted and distinct.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True when the value may also be something not named (the join with unknown).</summary>
    public bool Open { get; }

    /// <summary>Nothing is known.</summary>
    public static readonly PyType Unknown = new([], true);

    /// <summary>No contribution (the type of a binding still being computed, in a cycle): the identity of <see cref="Join"/>.</summary>
    public static readonly PyType Nothing = new([], false);

    /// <summary><c>None</c>.</summary>
    public static readonly PyType None = Of(TypeNames.NoneType);

    /// <summary>True when nothing is known.</summary>
    public bool IsUnknown => Names.Count == 0 && Open;

    /// <summary>True when every possible value is named (no unknown part) and there is at least one.</summary>
    public bool IsKnown => Names.Count > 0 && !Open;

    /// <summary>A single named type.</summary>
    public static PyType Of(string name) => new([name], false);

    /// <summary>A union of named types.</summary>
    public static PyType Of(IEnumerable<string> names, bool open = false)
    {
        var list = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? open ? Unknown : Nothing : new PyType(list, open);
    }

    /// <summary>The union of two types (a name assigned in two places holds either).</summary>
    public PyType Join(PyType other)
    {
        if (ReferenceEquals(this, Nothing) || this == Nothing) return other;
        if (other.Names.Count == 0 && !other.Open) return this;
        return Of(Names.Concat(other.Names), Open || other.Open);
    }

    /// <summary>The same union without <c>None</c> (an Optional value is checked on its non-None part).</summary>
    public PyType WithoutNone() => Names.Contains(TypeNames.NoneType) ? Of(Names.Where(n => n != TypeNames.NoneType), Open) : this;

    /// <inheritdoc/>
    public bool Equals(PyType? other) => other is not null && Open == other.Open && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Open, Names.Count, Names.Count > 0 ? Names[0] : "");

    /// <inheritdoc/>
    public override string ToString() => Names.Count == 0 ? Open ? "unknown" : "nothing" : string.Join(" | ", Names) + (Open ? " | unknown" : "");
}

/// <summary>Reading type names: generic arguments, the library a type belongs to, library values.</summary>
internal static class TypeNames
{
    /// <summary>The type of <c>None</c>.</summary>
    public const string NoneType = "builtins.NoneType";

    /// <summary>Prefix of a class defined in the file being analysed.</summary>
    public const string LocalPrefix = "local.";

    /// <summary>"Some value of <paramref name="package"/>" (<c>pandas.*</c>).</summary>
    public static string LibraryValue(string package) => package + ".*";

    /// <summary>True for <c>pkg.*</c>.</summary>
    public static bool IsLibraryValue(string name) => name.EndsWith(".*", StringComparison.Ordinal);

    /// <summary>The name without generic arguments: <c>tuple[a, b]</c> → <c>tuple</c>.</summary>
    public static string Base(string name)
    {
        int i = name.IndexOf('[', StringComparison.Ordinal);
        return i < 0 ? name : name[..i];
    }

    /// <summary>The generic arguments, split at top-level commas (each may be a union written with <c>|</c>).</summary>
    public static IReadOnlyList<string> Arguments(string name)
    {
        int i = name.IndexOf('[', StringComparison.Ordinal);
        if (i < 0 || !name.EndsWith(']')) return [];
        return SplitTopLevel(name[(i + 1)..^1], ',');
    }

    /// <summary>Parses a written type (<c>A | tuple[B, C | D]</c>) into a <see cref="PyType"/>.</summary>
    public static PyType Parse(string written)
    {
        var parts = SplitTopLevel(written, '|');
        return PyType.Of(parts.Where(p => p != "?"), parts.Contains("?"));
    }

    /// <summary>True for <c>type[X]</c> (a class object).</summary>
    public static bool IsClassObject(string name) => name.StartsWith("type[", StringComparison.Ordinal);

    /// <summary>The package a type belongs to (<c>pandas</c> for <c>pandas.core.frame.DataFrame</c>); null for local classes and builtins.</summary>
    public static string? Package(string name)
    {
        var b = Base(name);
        if (b == "type") return Arguments(name) is [var cls] ? Package(cls) : null;
        if (b == "tuple" || b == "list") return null;
        if (b.StartsWith(LocalPrefix, StringComparison.Ordinal) || b.StartsWith("builtins.", StringComparison.Ordinal)) return null;
        return PackageOf(IsLibraryValue(b) ? b[..^2] : b);
    }

    /// <summary>
    /// The package a qualified name belongs to: its top-level package, except that a version namespace inside
    /// it counts as a package of its own — a <c>pydantic.v1</c> model keeps the v1 API on purpose, and
    /// <c>tensorflow.compat.v1</c> code is TF1 code.
    /// </summary>
    public static string PackageOf(string qualified)
    {
        var parts = qualified.Split('.');
        if (parts.Length > 1 && (parts[1] == "compat" || parts[1].Length > 1 && parts[1][0] == 'v' && parts[1][1..].All(char.IsAsciiDigit)))
            return parts[0] + "." + parts[1];
        return parts[0];
    }

    internal static List<string> SplitTopLevel(string s, char separator)
    {
        var result = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '[') depth++;
            else if (s[i] == ']') depth--;
            else if (s[i] == separator && depth == 0)
            {
                result.Add(s[start..i].Trim());
                start = i + 1;
            }
        }
        var last = s[start..].Trim();
        if (last.Length > 0) result.Add(last);
        return result;
    }
}
