using ApiMigrator.Python;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApiMigrator.Rules;

/// <summary>A problem with one rule of a rule file.</summary>
public sealed record RuleFileError(string File, string? RuleId, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => RuleId is null ? $"{File}: {Message}" : $"{File}: rule '{RuleId}': {Message}";
}

/// <summary>
/// Rule files in YAML: a list of rules, hand-written and learned alike. Reading validates every
/// rule (its patterns must parse, its kind and ops must be known) and reports problems per rule.
/// Writing is deterministic: the same rules give byte-identical YAML.
/// </summary>
public static partial class RuleFile
{
    /// <summary>Reads rules from YAML text.</summary>
    public static (IReadOnlyList<MigrationRule> Rules, IReadOnlyList<RuleFileError> Errors) Parse(string yaml, string file = "<rules>")
    {
        var errors = new List<RuleFileError>();
        List<RuleDto>? dtos;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            dtos = deserializer.Deserialize<List<RuleDto>>(yaml) ?? [];
        }
        catch (YamlException e)
        {
            errors.Add(new RuleFileError(file, null, Describe(e, yaml)));
            return ([], errors);
        }
        var rules = new List<MigrationRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in dtos)
        {
            var rule = FromDto(d, file, errors);
            if (rule is null) continue;
            if (!ids.Add(rule.Id)) { errors.Add(new RuleFileError(file, rule.Id, "duplicate id")); continue; }
            rules.Add(rule);
        }
        return (rules, errors);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:-\s+)?(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial System.Text.RegularExpressions.Regex KeyAtLineStart();

    [System.Text.RegularExpressions.GeneratedRegex(@"Property '(?<key>[^']*)' not found")]
    private static partial System.Text.RegularExpressions.Regex UnknownProperty();

    /// <summary>
    /// A YAML error in the words of the file: its line and key. YamlDotNet's deserializer speaks of our .NET
    /// types (<c>Property 'x' not found on type 'ApiMigrator.Rules.RuleFile+RuleDto'</c>), which mean nothing to
    /// a rule author; its scanner's own messages (<c>While scanning a plain scalar…</c>) are about the text and stay.
    /// </summary>
    private static string Describe(YamlException e, string yaml)
    {
        int line = (int)e.Start.Line;
        var message = e.InnerException?.Message ?? e.Message;
        var lines = yaml.Split('\n');
        var lineText = line >= 1 && line <= lines.Length ? lines[line - 1] : "";
        if (UnknownProperty().Match(message) is { Success: true } unknown)
            return $"line {line}: unknown key '{unknown.Groups["key"].Value}' (docs/RULES.md lists the keys)";
        // An inner exception is a value that did not convert (FormatException, OverflowException): its message is .NET's.
        bool speaksDotNet = e.InnerException is not null || message.Contains("ApiMigrator.", StringComparison.Ordinal) || message.Contains("System.", StringComparison.Ordinal)
            || message.Contains("Expected 'S", StringComparison.Ordinal) || message.Contains("Expected 'M", StringComparison.Ordinal)
            || message.Contains("deserializ", StringComparison.OrdinalIgnoreCase) || message.Contains("Int32", StringComparison.Ordinal)
            || message.Contains("Boolean", StringComparison.Ordinal) || message.Contains("type", StringComparison.OrdinalIgnoreCase);
        if (!speaksDotNet) return $"line {line}: {message}";
        if (line <= 1 && KeyAtLineStart().Match(lineText) is { Success: true } top && !lineText.TrimStart().StartsWith('-'))
            return $"line {line}: a rule file is a list of rules ('- id: …'), not a single mapping starting with '{top.Groups["key"].Value}:'";
        return KeyAtLineStart().Match(lineText) is { Success: true } key
            ? $"line {line}: the value of '{key.Groups["key"].Value}' has the wrong form (docs/RULES.md describes each key)"
            : $"line {line}: this value has the wrong form for its key (docs/RULES.md describes each key)";
    }

    /// <summary>Reads a rule file from disk.</summary>
    public static (IReadOnlyList<MigrationRule> Rules, IReadOnlyList<RuleFileError> Errors) Load(string path)
    {
        try { return Parse(File.ReadAllText(path), path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], [new RuleFileError(path, null, $"cannot read: {e.Message}")]);
        }
    }

    /// <summary>Writes rules as YAML, sorted by id.</summary>
    public static string Write(IEnumerable<MigrationRule> rules)
    {
        var serializer = new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections | DefaultValuesHandling.OmitDefaults)
            .DisableAliases()
            .Build();
        var dtos = rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(ToDto).ToList();
        return "# ApiMigrator rules (docs/RULES.md describes the format).\n" + serializer.Serialize(dtos);
    }

    private static MigrationRule? FromDto(RuleDto d, string file, List<RuleFileError> errors)
    {
        void Err(string m) => errors.Add(new RuleFileError(file, d.Id, m));
        if (string.IsNullOrWhiteSpace(d.Id)) { Err("missing 'id'"); return null; }
        if (d.Kind is null || !RuleRegistry.Kinds.TryGetValue(d.Kind, out var kind)) { Err($"unknown kind '{d.Kind}' (expected {string.Join(", ", RuleRegistry.Kinds.Keys)})"); return null; }
        if (string.IsNullOrWhiteSpace(d.Match)) { Err("missing 'match'"); return null; }
        Safety safety = Safety.Safe;
        if (d.Safety is not null && !Enum.TryParse(d.Safety, ignoreCase: true, out safety)) { Err($"unknown safety '{d.Safety}' (safe, unsafe, manual)"); return null; }
        var ops = new List<KeywordOp>();
        foreach (var o in d.Ops ?? [])
        {
            KeywordOp? op = o.Op switch
            {
                "rename" when o.Keyword is not null && o.To is not null => new KeywordOp(KeywordOpKind.Rename, o.Keyword, NewKeyword: o.To),
                "remove" when o.Keyword is not null => new KeywordOp(KeywordOpKind.Remove, o.Keyword, Value: o.Value),
                "map_value" when o.Keyword is not null && o.From is not null && o.To is not null => new KeywordOp(KeywordOpKind.MapValue, o.Keyword, Value: o.From, NewValue: o.To),
                "rewrite" when o.Keyword is not null && o.To is not null && o.Template is not null => new KeywordOp(KeywordOpKind.Rewrite, o.Keyword, NewKeyword: o.To, NewValue: o.Template),
                _ => null,
            };
            if (op is null) { Err($"bad op '{o.Op}' (rename needs keyword+to, remove needs keyword, map_value needs keyword+from+to, rewrite needs keyword+to+template with $v)"); return null; }
            ops.Add(op);
        }
        if (kind != RuleKind.Parameter && ops.Count > 0) { Err("only parameter rules have ops"); return null; }
        if (d.Replace is null && ops.Count == 0 && safety != Safety.Manual) { Err("needs 'replace' (or 'ops', or safety: manual)"); return null; }
        var rule = RuleRegistry.Create(kind, d.Id, d.Match) with
        {
            Replace = d.Replace,
            Library = d.Library ?? "unknown",
            FromVersion = d.Versions?.From,
            ToVersion = d.Versions?.To,
            IntroducedVersion = d.Versions?.Introduced,
            Note = d.Note,
            Description = d.Description ?? "",
            Safety = safety,
            Support = d.Support,
            Generalized = d.Generalized,
            Conflicts = d.Conflicts,
            NegativeHits = d.NegativeHits,
            Source = d.Source,
            Patterns = d.Patterns ?? [],
            Example = d.Example is { Before: not null, After: not null } ex ? new RuleExample(ex.Before, ex.After) : null,
            AddImports = d.Imports ?? [],
            Where = (d.Where ?? []).ToDictionary(kv => kv.Key.TrimStart('$'), kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
            HoleKinds = (d.Kinds ?? []).ToDictionary(kv => kv.Key.TrimStart('$'), kv => kv.Value, StringComparer.Ordinal),
            AbsentKeywords = d.Absent ?? [],
        };
        if (rule is ParameterRule pr) rule = pr with { Ops = ops };
        try
        {
            _ = rule.MatchPattern;
            _ = rule.ReplacePattern;
        }
        catch (FormatException e) { Err(e.Message); return null; }
        if (rule is ApiRenameRule { IsQualifiedNameMatch: true } ar && ar.Replace is { } rep
            && (rep == ar.Match || rep.StartsWith(ar.Match + ".", StringComparison.Ordinal)))
        { Err($"replacement '{rep}' extends the matched name '{ar.Match}': the rewrite would never stop"); return null; }
        foreach (var imp in rule.AddImports)
            if (ImportRequest.TryParse(imp) is null) { Err($"cannot read import '{imp}' (use 'import a.b [as c]' or 'from a import b [as c]')"); return null; }
        foreach (var hole in rule.Where.Keys.Concat(rule.HoleKinds.Keys))
            if (!rule.MatchPattern.Holes.Contains(hole)) { Err($"'where'/'kinds' name ${hole}, which the pattern does not have"); return null; }
        foreach (var entry in rule.Where.Values.SelectMany(v => v))
            if (entry.Length == 0 || entry.Contains(' ', StringComparison.Ordinal) || entry.EndsWith('.')) { Err($"bad 'where' entry '{entry}' (a package such as pandas, or a qualified type such as pandas.DataFrame)"); return null; }
        foreach (var kindName in rule.HoleKinds.Values)
            if (kindName.TrimStart('!') is not ("string" or "integer" or "float")) { Err($"unknown hole kind '{kindName}' (string, integer, float, or !string etc. for 'anything but')"); return null; }
        if (rule.ReplacePattern is { } rp)
            foreach (var hole in rp.Holes)
                if (!rule.MatchPattern.Holes.Contains(hole)) { Err($"replacement uses ${hole}, which the pattern does not bind"); return null; }
        return rule;
    }

    private static RuleDto ToDto(MigrationRule r) => new()
    {
        Id = r.Id,
        Kind = RuleRegistry.Name(r.Kind),
        Library = r.Library,
        Versions = r.FromVersion is null && r.ToVersion is null && r.IntroducedVersion is null ? null
            : new VersionsDto { From = r.FromVersion, To = r.ToVersion, Introduced = r.IntroducedVersion },
        Description = string.IsNullOrEmpty(r.Description) ? null : r.Description,
        Note = r.Note,
        Match = r.Match,
        Replace = r.Replace,
        Where = r.Where.Count == 0 ? null : r.Where.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.ToList()),
        Kinds = r.HoleKinds.Count == 0 ? null : r.HoleKinds.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
        Absent = r.AbsentKeywords.Count == 0 ? null : [.. r.AbsentKeywords],
        Ops = r is ParameterRule { Ops.Count: > 0 } p ? p.Ops.Select(o => o.Op switch
        {
            KeywordOpKind.Rename => new OpDto { Op = "rename", Keyword = o.Keyword, To = o.NewKeyword },
            KeywordOpKind.Remove => new OpDto { Op = "remove", Keyword = o.Keyword, Value = o.Value },
            KeywordOpKind.Rewrite => new OpDto { Op = "rewrite", Keyword = o.Keyword, To = o.NewKeyword, Template = o.NewValue },
            _ => new OpDto { Op = "map_value", Keyword = o.Keyword, From = o.Value, To = o.NewValue },
        }).ToList() : null,
        Imports = r.AddImports.Count == 0 ? null : [.. r.AddImports],
        Safety = r.Safety.ToString().ToLowerInvariant(),
        Support = r.Support,
        Generalized = r.Generalized,
        Conflicts = r.Conflicts,
        NegativeHits = r.NegativeHits,
        Source = r.Source,
        Patterns = r.Patterns.Count == 0 ? null : [.. r.Patterns],
        Example = r.Example is null ? null : new ExampleDto { Before = r.Example.Before, After = r.Example.After },
    };

    // YAML shapes. Mutable because YamlDotNet fills them; they never leave this file.
    private sealed class RuleDto
    {
        public string? Id { get; set; }
        public string? Kind { get; set; }
        public string? Library { get; set; }
        public VersionsDto? Versions { get; set; }
        public string? Description { get; set; }
        public string? Note { get; set; }
        public string? Match { get; set; }
        public string? Replace { get; set; }
        public Dictionary<string, List<string>>? Where { get; set; }
        public Dictionary<string, string>? Kinds { get; set; }
        public List<string>? Absent { get; set; }
        public List<OpDto>? Ops { get; set; }
        public List<string>? Imports { get; set; }
        public string? Safety { get; set; }
        public int Support { get; set; }
        public bool Generalized { get; set; }
        public int Conflicts { get; set; }
        public int NegativeHits { get; set; }
        public string? Source { get; set; }
        public List<string>? Patterns { get; set; }
        public ExampleDto? Example { get; set; }
    }

    private sealed class VersionsDto
    {
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Introduced { get; set; }
    }

    private sealed class OpDto
    {
        public string? Op { get; set; }
        public string? Keyword { get; set; }
        public string? To { get; set; }
        public string? From { get; set; }
        public string? Value { get; set; }
        public string? Template { get; set; }
    }

    private sealed class ExampleDto
    {
        public string? Before { get; set; }
        public string? After { get; set; }
    }
}
