namespace ApiMigrator.Python;

/// <summary>
/// An import a rewrite needs: <c>import Module</c>, <c>import Module as Alias</c>,
/// <c>from Module import Name</c> or <c>from Module import Name as Alias</c>.
/// </summary>
internal sealed record ImportRequest(string Module, string? Name = null, string? Alias = null)
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
