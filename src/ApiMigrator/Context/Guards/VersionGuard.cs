using System.Text.RegularExpressions;
using ApiMigrator.Python;

namespace ApiMigrator.Context.Guards;

/// <summary>
/// A branch chosen by a version test exists to keep the old spelling for old versions: every branch of the
/// <c>if</c>/<c>elif</c>/<c>else</c> (and both arms of a conditional expression) is left alone. A condition is a
/// version test when it reads <c>__version__</c> or <c>sys.version_info</c>, calls a version parser
/// (<c>NumpyVersion</c>, <c>Version</c>, <c>parse_version</c>, <c>LooseVersion</c>, <c>version.parse</c>, astropy's
/// <c>minversion</c>), compares a name that says a library's version (<c>NP_VERSION &gt;= …</c>), or tests a flag whose name says a
/// version guard (<c>PANDAS_GE_20</c>, <c>NUMPY_LT_2_0</c>, <c>_np_version_under1p20</c>, <c>PYDANTIC_V2</c>, <c>IS_PY3</c>).
/// When the test names the library (<c>np.__version__</c>, <c>PANDAS_GE_20</c>) only that library's rules are held back;
/// a Python-version test or an unknown one holds back every rule.
/// </summary>
internal sealed partial class VersionGuard : ContextGuard
{
    private static readonly HashSet<string> Parsers = new(StringComparer.Ordinal)
    {
        "NumpyVersion", "Version", "LooseVersion", "StrictVersion", "parse_version", "minversion", "python_version", "python_version_tuple",
    };

    // Flag names seen in real compatibility modules: PANDAS_GE_20, NUMPY_LT_2_0, _np_version_under1p20, pa_version_under7p0.
    [GeneratedRegex(@"^_*(?<lib>[a-z][a-z0-9]*?)_(?:version_?)?(?:ge|gt|lt|le|geq|leq|eq|under|over|below|above|atleast|at_least|older|newer)_?v?\d", RegexOptions.IgnoreCase)]
    private static partial Regex ComparisonFlag();

    // IS_PY3, PY2, PY38, PY3K, PYTHON3.
    [GeneratedRegex(@"^_*(?:is_)?py(?:thon)?_?\d+(?:k|_\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PythonFlag();

    // PYDANTIC_V2, IS_PYDANTIC_V1, _SQLALCHEMY_V2.
    [GeneratedRegex(@"^_*(?:is_)?(?<lib>[a-z][a-z0-9]*)_v\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex MajorFlag();

    // NP_VERSION, pandas_version: a version only when compared, and only with a known library prefix.
    [GeneratedRegex(@"^_*(?:(?<lib>[a-z][a-z0-9]*)_)?version", RegexOptions.IgnoreCase)]
    private static partial Regex VersionName();

    private static readonly Dictionary<string, string?> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["np"] = "numpy", ["numpy"] = "numpy", ["pd"] = "pandas", ["pandas"] = "pandas", ["tf"] = "tensorflow", ["tensorflow"] = "tensorflow",
        ["sk"] = "sklearn", ["skl"] = "sklearn", ["sklearn"] = "sklearn", ["mpl"] = "matplotlib", ["matplotlib"] = "matplotlib",
        ["sa"] = "sqlalchemy", ["sqla"] = "sqlalchemy", ["sqlalchemy"] = "sqlalchemy", ["pydantic"] = "pydantic", ["airflow"] = "airflow",
        ["sp"] = "scipy", ["scipy"] = "scipy", ["pa"] = "pyarrow", ["pyarrow"] = "pyarrow",
        ["py"] = null, ["python"] = null, ["sys"] = null, ["is"] = null, ["has"] = null,
    };

    /// <inheritdoc/>
    public override string Name => "version-branch";

    /// <inheritdoc/>
    public override GuardReason Reason => GuardReason.CompatibilityBranch;

    /// <inheritdoc/>
    public override string Description => "Every branch of an if on the library's or Python's version (np.__version__, NumpyVersion(…), Version(pd.__version__), sys.version_info, PANDAS_GE_20, IS_PY3 …) keeps both spellings.";

    /// <inheritdoc/>
    public override string Example => "if NumpyVersion(np.__version__) >= \"2.0.0\":\n    area = np.trapezoid(y, x)\nelse:\n    area = np.trapz(y, x)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> NodeKinds { get; } = ["if_statement", "conditional_expression"];

    /// <inheritdoc/>
    public override void Inspect(SyntaxNode node, GuardContext context, List<ProtectedRegion> regions)
    {
        foreach (var condition in Conditions(node))
        {
            var packages = new HashSet<string>(StringComparer.Ordinal);
            bool any = false, found = false;
            foreach (var n in condition.DescendantsAndSelf())
            {
                if (Marker(n, condition, context.Scope) is not { } m) continue;
                found = true;
                if (m.Package is { } p) packages.Add(p); else any = true;
            }
            if (!found) continue;
            var filter = any ? RuleFilter.Any : RuleFilter.ForPackages(packages);
            regions.Add(Branches(node, $"{(node.Kind == "if_statement" ? "branch" : "arm")} of the version test `{GuardSyntax.Short(condition)}` on line {GuardSyntax.Line(condition)}", filter));
            return;
        }
    }

    /// <summary>The conditions of an if statement (its if and elif tests) or of a conditional expression.</summary>
    internal static IEnumerable<SyntaxNode> Conditions(SyntaxNode node)
    {
        if (node.Kind == "conditional_expression")
        {
            var parts = GuardSyntax.Parts(node).ToList();
            if (parts.Count == 3) yield return parts[1];
            yield break;
        }
        if (node.ChildByField("condition") is { } c) yield return c;
        foreach (var alt in node.ChildrenByField("alternative"))
            if (alt.Kind == "elif_clause" && alt.ChildByField("condition") is { } ec) yield return ec;
    }

    private sealed record Found(string? Package);

    /// <summary>Whether <paramref name="n"/> says "version" in the condition, and for which package (null: Python or unknown).</summary>
    private static Found? Marker(SyntaxNode n, SyntaxNode condition, ModuleScope scope)
    {
        switch (n.Kind)
        {
            case "attribute" when n.ChildByField("attribute") is { } a && a.Text is "__version__" or "version_info" or "version":
            {
                if (a.Text == "version" && GuardSyntax.DottedName(n) is not ("sys.version" or "platform.version")) return null;
                var package = n.ChildByField("object") is { } o ? GuardSyntax.PackageOf(o, scope) : null;
                return new Found(package is "sys" or "platform" ? null : package);
            }
            case "call":
            {
                if (GuardSyntax.CalleeName(n) is not { } callee) return null;
                var last = GuardSyntax.Last(callee);
                if (!Parsers.Contains(last) && callee is not ("version.parse" or "packaging.version.parse")) return null;
                if (last == "NumpyVersion") return new Found("numpy");
                var args = GuardSyntax.PositionalArguments(n);
                if (args.Count == 0) return new Found(null);
                var first = args[0];
                // minversion("numpy", "1.25") names the package; Version("2.0") is only the other side of a comparison.
                if (GuardSyntax.StringValue(first) is { } s) return Prefixes.TryGetValue(s, out var named) ? new Found(named) : null;
                if (first.Kind == "attribute" && first.ChildByField("object") is { } obj && first.ChildByField("attribute") is { Text: "__version__" })
                    return new Found(GuardSyntax.PackageOf(obj, scope));
                return new Found(GuardSyntax.PackageOf(first, scope));
            }
            case "identifier":
            {
                bool attributePart = n.FieldName == "attribute" && n.Parent is { Kind: "attribute" };
                // np.__version__ and sys.version_info are judged whole, as attributes, above.
                if (attributePart && n.Text is "__version__" or "version_info" or "version") return null;
                if (!attributePart && !ModuleScope.IsReference(n)) return null;
                // The name of a called function (`Version` in `Version("2.0")`) is judged with its call, above.
                if (IsCallee(n)) return null;
                if (n.Text == "__version__") return new Found(null);
                return Flag(n.Text, InComparison(n, condition));
            }
            default:
                return null;
        }
    }

    private static Found? Flag(string name, bool compared)
    {
        if (PythonFlag().IsMatch(name)) return new Found(null);
        if (ComparisonFlag().Match(name) is { Success: true } c) return new Found(Library(c.Groups["lib"].Value));
        if (MajorFlag().Match(name) is { Success: true } m) return new Found(Library(m.Groups["lib"].Value));
        // Only a library's version (NP_VERSION, _pd_version): a bare `version`/`minor_version` is as often a file format's.
        if (compared && VersionName().Match(name) is { Success: true } v && v.Groups["lib"].Success && Prefixes.TryGetValue(v.Groups["lib"].Value, out var lib))
            return new Found(lib);
        return null;
    }

    private static string? Library(string prefix)
        => Prefixes.TryGetValue(prefix, out var known) ? known : prefix.ToLowerInvariant();

    private static bool IsCallee(SyntaxNode n)
    {
        var cur = n;
        while (cur.Parent is { Kind: "attribute" } p && cur.FieldName == "object") cur = p;
        return cur.FieldName == "function" && cur.Parent is { Kind: "call" };
    }

    private static bool InComparison(SyntaxNode n, SyntaxNode condition)
    {
        for (var p = n.Parent; p is { } a && a.StartByte >= condition.StartByte && a.EndByte <= condition.EndByte; p = a.Parent)
            if (a.Kind == "comparison_operator") return true;
        return false;
    }
}
