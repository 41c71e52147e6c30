using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiMigrator.Tools.ArchCheck;

/// <summary>One folder's use of another: the first place seen, so a report can point at it.</summary>
public sealed record FolderEdge(string From, string To, string Example);

/// <summary>A source file over the line limit.</summary>
public sealed record LargeFile(string Path, int Lines);

/// <summary>What the check found: the folder graph, its cycles (strongly connected sets of two or
/// more folders), and the files over the limit.</summary>
public sealed record ArchitectureReport(
    IReadOnlyList<string> Folders,
    IReadOnlyList<FolderEdge> Edges,
    IReadOnlyList<IReadOnlyList<string>> Cycles,
    IReadOnlyList<LargeFile> LargeFiles,
    int MaxLines)
{
    public bool Ok => Cycles.Count == 0 && LargeFiles.Count == 0;
}

/// <summary>
/// Folder-level dependencies of the engine, from the symbols its code binds to: a file in folder A
/// that names a type, member or extension method declared in folder B makes the edge A → B. The
/// compiler's binding (not text search) decides what a name refers to, so a comment, a string or
/// two types sharing a name cannot invent an edge. External packages are not referenced: their
/// names bind to nothing and do not matter here.
/// </summary>
public static class ArchitectureCheck
{
    public const int DefaultMaxLines = 450;

    public static ArchitectureReport Run(string engineRoot, int maxLines = DefaultMaxLines)
    {
        var root = Path.GetFullPath(engineRoot);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(root, f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f)).ToList();
        var compilation = CSharpCompilation.Create("ArchCheck", trees, PlatformReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        var edges = new SortedDictionary<(string, string), string>();
        foreach (var tree in trees)
        {
            var from = FolderOf(root, tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                var declaring = DeclaringFile(symbol);
                if (declaring is null || !declaring.StartsWith(root, StringComparison.Ordinal)) continue;
                var to = FolderOf(root, declaring);
                if (to == from || edges.ContainsKey((from, to))) continue;
                var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                edges[(from, to)] = $"{Path.GetRelativePath(root, tree.FilePath)}:{line} uses {symbol!.ToDisplayString()}";
            }
        }

        var folders = files.Select(f => FolderOf(root, f)).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
        var edgeList = edges.Select(e => new FolderEdge(e.Key.Item1, e.Key.Item2, e.Value)).ToList();
        var large = files
            .Select(f => new LargeFile(Path.GetRelativePath(root, f), File.ReadLines(f).Count()))
            .Where(f => f.Lines > maxLines)
            .ToList();
        return new ArchitectureReport(folders, edgeList, StronglyConnected(folders, edgeList), large, maxLines);
    }

    /// <summary>Folders in an order where every folder comes after the folders it uses (only
    /// meaningful when there are no cycles; folders of a cycle keep their name order).</summary>
    public static IReadOnlyList<string> Layers(ArchitectureReport report)
    {
        var uses = report.Folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var e in report.Edges) uses[e.From].Add(e.To);
        var order = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < report.Folders.Count)
        {
            var ready = report.Folders.Where(f => !placed.Contains(f) && uses[f].All(placed.Contains)).ToList();
            if (ready.Count == 0) ready = [report.Folders.First(f => !placed.Contains(f))];
            foreach (var f in ready) { order.Add(f); placed.Add(f); }
        }
        return order;
    }

    /// <summary>The edges no other path implies (meaningful for a graph without cycles).</summary>
    public static IReadOnlyList<FolderEdge> Reduced(ArchitectureReport report)
    {
        var next = report.Folders.ToDictionary(f => f, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var e in report.Edges) next[e.From].Add(e.To);
        bool ReachableWithout(string from, string to)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(next[from].Where(n => n != to));
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n == to) return true;
                if (!seen.Add(n)) continue;
                foreach (var m in next[n]) stack.Push(m);
            }
            return false;
        }
        return report.Edges.Where(e => !ReachableWithout(e.From, e.To)).ToList();
    }

    private static bool IsBuildOutput(string root, string file)
    {
        var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
        return rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal);
    }

    /// <summary>The first folder under the engine root; a file at the root is its own "(root)".</summary>
    private static string FolderOf(string root, string file)
    {
        var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
        var slash = rel.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "(root)" : rel[..slash];
    }

    /// <summary>The file that declares what a name binds to: a type itself, or the outermost type
    /// that holds a member (so using a member counts as using its type's folder).</summary>
    private static string? DeclaringFile(ISymbol? symbol)
    {
        if (symbol is null) return null;
        if (symbol is IMethodSymbol { ReducedFrom: { } reduced }) symbol = reduced;
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol
            or ILabelSymbol or IDiscardSymbol or ITypeParameterSymbol) return null;
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null) return null;
        type = type.OriginalDefinition;
        var location = type.Locations.FirstOrDefault(l => l.IsInSource);
        return location?.SourceTree?.FilePath;
    }

    private static List<MetadataReference> PlatformReferences()
    {
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return tpa.Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal)
                              || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }

    /// <summary>Tarjan's strongly connected components, iterative; only components of two or more
    /// folders are cycles (an edge to itself is never recorded).</summary>
    private static IReadOnlyList<IReadOnlyList<string>> StronglyConnected(IReadOnlyList<string> nodes, IReadOnlyList<FolderEdge> edges)
    {
        var next = nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var e in edges) next[e.From].Add(e.To);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<IReadOnlyList<string>>();
        var counter = 0;
        foreach (var start in nodes)
        {
            if (index.ContainsKey(start)) continue;
            var work = new Stack<(string Node, int Child)>();
            work.Push((start, 0));
            index[start] = low[start] = counter++;
            stack.Push(start); onStack.Add(start);
            while (work.Count > 0)
            {
                var (node, child) = work.Pop();
                if (child < next[node].Count)
                {
                    work.Push((node, child + 1));
                    var w = next[node][child];
                    if (!index.ContainsKey(w))
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w); onStack.Add(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w)) low[node] = Math.Min(low[node], index[w]);
                    continue;
                }
                if (work.Count > 0) { var parent = work.Peek().Node; low[parent] = Math.Min(low[parent], low[node]); }
                if (low[node] != index[node]) continue;
                var component = new List<string>();
                string popped;
                do { popped = stack.Pop(); onStack.Remove(popped); component.Add(popped); } while (popped != node);
                if (component.Count > 1) result.Add(component.OrderBy(c => c, StringComparer.Ordinal).ToList());
            }
        }
        return result;
    }
}
