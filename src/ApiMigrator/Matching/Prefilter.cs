using ApiMigrator.Python;
using ApiMigrator.Rules;

namespace ApiMigrator.Matching;

/// <summary>
/// Decides from a file's text alone, without parsing it, whether any rule could match there. Per rule the
/// condition is: every anchor identifier of its pattern occurs, and — when the rule names a library — the
/// file imports a module of its qualified names (the top-level module is named on a line with <c>import</c> or
/// <c>from</c>), or mentions one of their conventional aliases (<c>np</c>, <c>pd</c>: notebooks and snippets use
/// them without an import, and the matcher accepts them at lower confidence), or mentions the package of a
/// receiver constraint. A name can only resolve to a library through an import of it, so a file that fails
/// every rule's condition has no match to lose. One pass over the text finds all the keys.
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
            var words = Words(r);
            // A bare name in the pattern (`Optional[$1]`) is its own module anchor and one of its identifiers: the
            // identifier condition already covers it, so such a rule needs no import (as before this class).
            if (r.MatchPattern.QualifiedNames.Any(q => !q.Contains('.', StringComparison.Ordinal)))
            {
                identifiers.UnionWith(words);
                conditions[i] = new Condition(words, [], []);
                if (words.Length == 0) hasUnconditionalRule = true;
                continue;
            }
            // Names resolve only through an import of their module; a receiver's package may also show through a file of the
            // library itself (relative imports) or a docstring, and the matcher reports such sites at low confidence, so the
            // package of a receiver constraint need only be mentioned, as an identifier anywhere.
            var named = r.MatchPattern.QualifiedNames.Select(q => q.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
            var receivers = r.ReceiverPackages;
            var aliases = r.ModuleAnchors.Where(m => ConventionalAliases.ByAlias.ContainsKey(m) && !named.Contains(m))
                .Concat(receivers).Distinct(StringComparer.Ordinal).ToArray();
            var libraryModules = named.Order(StringComparer.Ordinal).ToArray();
            var keys = new string[libraryModules.Length];
            for (int k = 0; k < keys.Length; k++)
            {
                modules.Add(libraryModules[k]);
                if (!importKeys.TryGetValue(libraryModules[k], out var key)) importKeys[libraryModules[k]] = key = ImportKey + libraryModules[k];
                keys[k] = key;
            }
            identifiers.UnionWith(words);
            identifiers.UnionWith(aliases);
            conditions[i] = new Condition(words, keys, aliases);
            if (words.Length == 0 && keys.Length == 0 && aliases.Length == 0) hasUnconditionalRule = true;
        }
        identifierLookup = identifiers.GetAlternateLookup<ReadOnlySpan<char>>();
        moduleLookup = modules.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The words a file must contain for the rule to match: its anchors, and a string literal of the pattern that is one
    /// ASCII word (<c>"execution_date"</c> in <c>$context["execution_date"]</c>) — the scan reads words inside strings too, and a
    /// literal that matches has the same word. Without it such a rule would send every file to the parser.
    /// </summary>
    private static string[] Words(MigrationRule r)
    {
        var words = new SortedSet<string>(r.Anchors, StringComparer.Ordinal);
        foreach (var n in r.MatchPattern.Root.DescendantsAndSelf())
            if (n.Kind == "string_content" && IsAsciiWord(n.Text)) words.Add(n.Text);
        return [.. words];
    }

    private static bool IsAsciiWord(string s)
        => s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

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
