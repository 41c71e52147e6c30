using ApiMigrator.Python;

namespace ApiMigrator.Learning;

/// <summary>Dotted names (<c>a</c>, <c>a.b.c</c>) and what they mean through a snippet's imports: rules are stated on qualified names.</summary>
internal static class DottedNames
{
    /// <summary>An identifier, or an attribute chain on an identifier.</summary>
    internal static bool IsDotted(SyntaxNode n) => n.Kind == "identifier" || n.Kind == "attribute" && n.ChildByField("object") is { } o && IsDotted(o);

    /// <summary>The qualified name of a dotted expression, through imports or a conventional alias; null if it is not one.</summary>
    internal static string? QualifiedName(SyntaxNode n, ModuleScope scope)
    {
        var r = scope.Resolve(n);
        return r.Kind switch
        {
            ResolutionKind.Imported => r.QualifiedName,
            ResolutionKind.Builtin => "builtins." + r.QualifiedName,
            ResolutionKind.Unbound => ConventionalAliases.Expand(r.DottedText),
            _ => null,
        };
    }
}
