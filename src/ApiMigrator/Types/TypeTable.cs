using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApiMigrator.Types;

/// <summary>What one class of a library offers: its bases and what its members return.</summary>
internal sealed record ClassInfo(
    string Name,
    IReadOnlyList<string> Bases,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Methods,
    IReadOnlyDictionary<string, string> Subscript,
    string? Iterates);

/// <summary>
/// The type table: what a library's functions, constructors, methods and attributes return, written as
/// data from the libraries' API references (data/types/&lt;library&gt;.yaml, embedded). In return types,
/// <c>$self</c> is the receiver's own type, <c>$arg</c> its first generic argument, <c>?</c> an unknown part.
/// Methods and attributes the table does not list return "some value of the library" (<c>pandas.*</c>):
/// never a specific type.
/// </summary>
internal sealed class TypeTable
{
    private const string ResourcePrefix = "ApiMigrator.Types.Shipped.";

    private readonly Dictionary<string, string> functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClassInfo> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> libraries = new(StringComparer.Ordinal);

    /// <summary>The table built from every shipped data/types/*.yaml file.</summary>
    public static TypeTable Shipped => shipped.Value;

    private static readonly Lazy<TypeTable> shipped = new(LoadShipped);

    /// <summary>Libraries the table describes.</summary>
    public IReadOnlyCollection<string> Libraries => libraries;

    /// <summary>Reads one table file (YAML); throws <see cref="FormatException"/> on a malformed file.</summary>
    public static TypeTable Parse(params string[] yamlFiles)
    {
        var table = new TypeTable();
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        foreach (var yaml in yamlFiles)
        {
            FileDto dto;
            try { dto = deserializer.Deserialize<FileDto>(yaml) ?? new FileDto(); }
            catch (YamlException e) { throw new FormatException($"type table, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e); }
            table.Add(dto);
        }
        return table;
    }

    private static TypeTable LoadShipped()
    {
        var asm = typeof(TypeTable).Assembly;
        var texts = asm.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var s = asm.GetManifestResourceStream(n)!;
                using var r = new StreamReader(s);
                return r.ReadToEnd();
            }).ToArray();
        return Parse(texts);
    }

    private void Add(FileDto dto)
    {
        if (dto.Library is { } lib) libraries.Add(lib);
        foreach (var (k, v) in dto.Functions ?? []) functions[k] = v;
        foreach (var (k, v) in dto.Aliases ?? []) aliases[k] = v;
        foreach (var (k, v) in dto.Parameters ?? []) parameters[k] = v;
        foreach (var (k, list) in dto.Overloads ?? [])
            foreach (var o in list)
                if (o.Returns is not null)
                {
                    if (!overloads.TryGetValue(k, out var l)) overloads[k] = l = [];
                    l.Add(new Overload(o.WhenAbsent ?? [], o.Returns));
                }
        foreach (var (name, c) in dto.Classes ?? [])
        {
            classes[name] = new ClassInfo(name, c?.Bases ?? [],
                c?.Attributes ?? new Dictionary<string, string>(StringComparer.Ordinal),
                c?.Methods ?? new Dictionary<string, string>(StringComparer.Ordinal),
                c?.Subscript ?? new Dictionary<string, string>(StringComparer.Ordinal),
                c?.Iterates);
        }
    }

    /// <summary>The canonical public name of a class (<c>pandas.core.frame.DataFrame</c> → <c>pandas.DataFrame</c>).</summary>
    public string Canonical(string qualified) => aliases.TryGetValue(qualified, out var c) ? c : qualified;

    /// <summary>The class, if the table describes it.</summary>
    public ClassInfo? Class(string qualified) => classes.GetValueOrDefault(Canonical(TypeNames.Base(qualified)));

    /// <summary>
    /// What calling a library function returns, if the table says. With the call's arguments (keyword names,
    /// <c>*</c> for a positional one), an overload that applies wins: <c>plt.subplots()</c> without
    /// <c>nrows</c>/<c>ncols</c> returns one Axes, not an array of them.
    /// </summary>
    public string? FunctionReturn(string qualified, IReadOnlyList<string>? arguments = null)
    {
        if (arguments is not null && overloads.TryGetValue(Canonical(qualified), out var list))
            foreach (var o in list)
                if (!arguments.Contains("*") && !arguments.Any(o.WhenAbsent.Contains)) return o.Returns;
        return functions.GetValueOrDefault(qualified) ?? functions.GetValueOrDefault(Canonical(qualified));
    }

    /// <summary>
    /// The keyword parameters a library function accepts, if the table lists them (<c>numpy.asarray</c> has
    /// no <c>ndmin</c>): a rewrite that carries keywords into it must carry only these.
    /// </summary>
    public IReadOnlyList<string>? Parameters(string qualified) => parameters.GetValueOrDefault(Canonical(qualified));

    private readonly Dictionary<string, List<string>> parameters = new(StringComparer.Ordinal);

    private sealed record Overload(IReadOnlyList<string> WhenAbsent, string Returns);

    private readonly Dictionary<string, List<Overload>> overloads = new(StringComparer.Ordinal);

    /// <summary>
    /// The type a qualified name denotes as a value: a class object (<c>type[pandas.DataFrame]</c>), or "some
    /// value of the library" for any other name of a library.
    /// </summary>
    public PyType OfQualifiedName(string qualified)
    {
        var canonical = Canonical(qualified);
        if (classes.ContainsKey(canonical)) return PyType.Of($"type[{canonical}]");
        if (qualified.StartsWith("builtins.", StringComparison.Ordinal)) return PyType.Unknown;
        return PyType.Of(TypeNames.LibraryValue(TypeNames.PackageOf(qualified)));
    }

    /// <summary>
    /// The most general class among <paramref name="type"/> and its bases that declares <paramref name="member"/>
    /// (<c>pandas.Series</c>, <c>is_monotonic</c> → <c>pandas.core.base.IndexOpsMixin</c>, shared with Index);
    /// the type itself when none does.
    /// </summary>
    public string DeclaringClass(string type, string member)
    {
        var found = Canonical(type);
        foreach (var t in SelfAndBases(type))
            if (classes.GetValueOrDefault(t) is { } c && (c.Methods.ContainsKey(member) || c.Attributes.ContainsKey(member))) found = t;
        return found;
    }

    /// <summary>The bases of a class, transitively, itself first.</summary>
    public IEnumerable<string> SelfAndBases(string name, Func<string, IReadOnlyList<string>>? localBases = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>();
        work.Push(Canonical(TypeNames.Base(name)));
        while (work.Count > 0)
        {
            var t = work.Pop();
            if (!seen.Add(t)) continue;
            yield return t;
            IReadOnlyList<string> bases = t.StartsWith(TypeNames.LocalPrefix, StringComparison.Ordinal) ? localBases?.Invoke(t) ?? [] : classes.GetValueOrDefault(t)?.Bases ?? [];
            foreach (var b in bases) work.Push(Canonical(TypeNames.Base(b)));
        }
    }

    // YAML shapes; they never leave this file.
    private sealed class FileDto
    {
        public string? Library { get; set; }
        public string? Source { get; set; }
        public Dictionary<string, string>? Functions { get; set; }
        public Dictionary<string, string>? Aliases { get; set; }
        public Dictionary<string, ClassDto?>? Classes { get; set; }
        public Dictionary<string, List<OverloadDto>>? Overloads { get; set; }
        public Dictionary<string, List<string>>? Parameters { get; set; }
    }

    private sealed class OverloadDto
    {
        public List<string>? WhenAbsent { get; set; }
        public string? Returns { get; set; }
    }

    private sealed class ClassDto
    {
        public List<string>? Bases { get; set; }
        public Dictionary<string, string>? Attributes { get; set; }
        public Dictionary<string, string>? Methods { get; set; }
        public Dictionary<string, string>? Subscript { get; set; }
        public string? Iterates { get; set; }
    }
}
