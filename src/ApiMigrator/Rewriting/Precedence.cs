using ApiMigrator.Python;

namespace ApiMigrator.Rewriting;

/// <summary>
/// Where a printed piece of code can go without changing what the code around it means.
/// <c>$T | None</c> is fine as an annotation, but <c>x.daemon = v</c> may only replace a whole
/// statement, and <c>a or b</c> must be parenthesized before it becomes the object of <c>.daemon</c>.
/// </summary>
internal static class Precedence
{
    /// <summary>Kinds that bind looser than an attribute access, a call or a subscript.</summary>
    public static bool IsLoose(string kind) => kind is "binary_operator" or "boolean_operator" or "not_operator" or "comparison_operator"
        or "conditional_expression" or "lambda" or "unary_operator" or "named_expression" or "await" or "expression_list" or "yield";

    /// <summary>Kinds that are statements in disguise (tree-sitter puts them under an expression_statement).</summary>
    public static bool IsStatementLike(string kind) => kind is "assignment" or "augmented_assignment";

    /// <summary>Whether a loose expression placed at <paramref name="node"/>'s position would need parentheses.</summary>
    public static bool ContextIsTight(SyntaxNode node)
    {
        if (node.Parent is not { } p) return false;
        return p.Kind switch
        {
            "attribute" => node.FieldName == "object",
            "call" => node.FieldName == "function",
            "subscript" => node.FieldName == "value",
            "generic_type" => true,
            "binary_operator" or "boolean_operator" or "comparison_operator" or "unary_operator" or "not_operator" or "await" => true,
            "list_splat" or "dictionary_splat" => true,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="node"/> is a whole statement's expression (so a statement-like replacement may take its place).</summary>
    public static bool IsWholeStatement(SyntaxNode node)
        => node.Parent is { Kind: "expression_statement" } s && s.NamedChildren.Count(c => !c.IsExtra) == 1;
}
