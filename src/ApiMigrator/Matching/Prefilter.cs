using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>
/// Decides from a file's text alone, without parsing it, whether any rule could match there. Per rule the
/// condition is: every anchor identifier of its pattern occurs, and — when the rule names a library — the
/// file imports that library (its top-level module is named on a line with <c>import</c> or <c>from</c>) or
/// mentions one of its conventional aliases (<c>np</c>, <c>pd</c>: notebooks and snippets use them without an
/// import, and the matcher accepts them at lower confidence). A name can only resolve to a library through
/// an import of it, and a receiver can only show evidence through one, so a file that fails every rule's
/// condition has no match to lose. One pass over the text finds all the keys.
/// </summary>
public sealed class Prefilter
{
    /// <summary>Prefix of the key recorded when a module is named on an import line (no identifier contains a space).</summary>
    internal const string ImportKey = "import ";

    /// <summary>Stands in the key set of every file when some rule has no condition at all.</summary>
    internal const string AnyFile = "";

    private readonly HashSet<string> identifiers = new(StringComparer.Ordinal);
    private readonly HashSet<string> modules = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> identifierLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> moduleLookup;
    private readonly Dictionary<string, string> importKeys = new(StringComparer.Ordinal);
    private readonly Condition[] conditions;
    private readonly bool hasUnconditionalRule;

    /// <summary>What one rule needs of a file's text.</summary>
    internal sealed record Condition(string[] Identifiers, string[] ImportKeys, string[] Aliases)
    {
        /// <summary>True when the keys found in a file satisfy the condition.</summary>
        public bool HoldsIn(HashSet<string> present)
        {
            foreach (var a in Identifiers) if (!present.Contains(a)) return false;
            if (ImportKeys.Length == 0 && Aliases.Length == 0) return true;
            foreach (var m in ImportKeys) if (present.Contains(m)) return true;
            foreach (var a in Aliases) if (present.Contains(a)) return true;
            return false;
        }
    }

    /// <summary>Compiles the conditions of <paramref name="rules"/> (in the same order).</summary>
    public Prefilter(IReadOnlyList<MigrationRule> rules)
    {
        conditions = new Condition[rules.Count];
        for (int i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            // A bare name in the pattern (`Optional[$1]`) is its own module anchor and one of its identifiers: the
            // identifier condition already covers it, so such a rule needs no import (as before this class).
            if (r.MatchPattern.QualifiedNames.Any(q => !q.Contains('.', StringComparison.Ordinal)))
            {
                identifiers.UnionWith(r.Anchors);
                conditions[i] = new Condition([.. r.Anchors], [], []);
                if (r.Anchors.Count == 0) hasUnconditionalRule = true;
                continue;
            }
            var libraryModules = r.ModuleAnchors.Where(m => !ConventionalAliases.ByAlias.ContainsKey(m) || IsOwnModule(r, m)).ToArray();
            var aliases = r.ModuleAnchors.Where(m => ConventionalAliases.ByAlias.ContainsKey(m) && !IsOwnModule(r, m)).ToArray();
            var keys = new string[libraryModules.Length];
            for (int k = 0; k < keys.Length; k++)
            {
                modules.Add(libraryModules[k]);
                if (!importKeys.TryGetValue(libraryModules[k], out var key)) importKeys[libraryModules[k]] = key = ImportKey + libraryModules[k];
                keys[k] = key;
            }
            identifiers.UnionWith(r.Anchors);
            identifiers.UnionWith(aliases);
            conditions[i] = new Condition([.. r.Anchors], keys, aliases);
            if (r.Anchors.Count == 0 && keys.Length == 0 && aliases.Length == 0) hasUnconditionalRule = true;
        }
        identifierLookup = identifiers.GetAlternateLookup<ReadOnlySpan<char>>();
        moduleLookup = modules.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // An alias that is also the top-level module of one of the rule's own names (none today) counts as a module.
    private static bool IsOwnModule(MigrationRule r, string name)
        => r.MatchPattern.QualifiedNames.Any(q => q.Split('.')[0] == name) || r.Where.Values.Any(ps => ps.Any(p => p.Split('.')[0] == name));

    /// <summary>The condition of the rule at <paramref name="index"/> (in the order given).</summary>
    internal Condition ConditionOf(int index) => conditions[index];

    /// <summary>
    /// The keys present in <paramref name="text"/>: the rules' anchor identifiers and aliases that occur, and
    /// <c>"import M"</c> for each rule module M named on a line that has an <c>import</c> or <c>from</c> (a
    /// backslash continues the line). Over-approximates on purpose (a docstring saying "import numpy" counts).
    /// </summary>
    public HashSet<string> KeysIn(ReadOnlySpan<char> text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (hasUnconditionalRule) found.Add(AnyFile);
        var span = text;
        bool importLine = false;
        // Modules seen on the current line before its `import`/`from` (`numpy` in `x = 1; import numpy` comes after; a
        // line like `numpy import` is not Python, but keeping them costs nothing and keeps the scan a superset).
        string? pendingModule = null;
        int i = 0;
        while (i < span.Length)
        {
            char c = span[i];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i;
                while (i < span.Length && (char.IsAsciiLetterOrDigit(span[i]) || span[i] == '_')) i++;
                var word = span[start..i];
                if (identifierLookup.TryGetValue(word, out var name)) found.Add(name);
                if (moduleLookup.TryGetValue(word, out var module))
                {
                    if (importLine) found.Add(importKeys[module]);
                    else pendingModule = module;
                }
                else if (word.SequenceEqual("import") || word.SequenceEqual("from"))
                {
                    importLine = true;
                    if (pendingModule is not null) found.Add(importKeys[pendingModule]);
                }
            }
            else
            {
                if (c == '\n' && (i == 0 || span[i - 1] != '\\') && !(i >= 2 && span[i - 1] == '\r' && span[i - 2] == '\\'))
                {
                    importLine = false;
                    pendingModule = null;
                }
                else if (c > 0x7F && char.IsLetter(c))
                {
                    // A non-ASCII identifier is no key, but it must not glue onto the next ASCII word.
                    while (i < span.Length && (char.IsLetterOrDigit(span[i]) || span[i] == '_')) i++;
                    continue;
                }
                i++;
            }
        }
        return found;
    }

    /// <summary>True when some rule's whole condition holds: only then is the file worth parsing.</summary>
    public bool AnyRuleMayApply(HashSet<string> present)
    {
        if (present.Count == 0) return false;
        foreach (var c in conditions) if (c.HoldsIn(present)) return true;
        return false;
    }
}
