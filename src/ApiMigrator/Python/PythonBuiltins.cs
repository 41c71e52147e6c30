namespace ApiMigrator.Python;

/// <summary>Python's builtin names, as far as patterns and templates are concerned.</summary>
internal static class PythonBuiltins
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "list", "dict", "set", "tuple", "frozenset", "type", "str", "bytes", "int", "float", "complex", "bool", "len", "range",
        "isinstance", "issubclass", "object", "super", "print", "open", "sorted", "reversed", "min", "max", "sum", "any", "all",
        "map", "filter", "zip", "enumerate", "iter", "next", "getattr", "setattr", "hasattr", "repr", "abs", "round", "callable",
        "Exception", "ValueError", "TypeError", "KeyError", "DeprecationWarning", "UserWarning",
    };

    public static bool IsBuiltin(string name) => Names.Contains(name);
}
