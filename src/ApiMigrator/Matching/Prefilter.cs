using System.Buffers;
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
/// <para>
/// Two finer keys tell a word's place without parsing, because common words (<c>str</c>, <c>name</c>, <c>dtype</c>)
/// are everywhere but seldom where a rule needs them. A dotted name's last part (<c>str</c> of <c>numpy.str</c>) can
/// only resolve when the code spells it after a dot (<c>np.str</c>) or names it in an import (<c>from numpy import
/// str</c>): key <c>".str"</c>. A keyword the pattern or a keyword op requires occurs in code as a keyword argument,
/// the word then <c>=</c> (not <c>==</c>): key <c>"name="</c>. A string literal the pattern needs (<c>"a"</c> in
/// <c>numpy.dtype("a")</c>) occurs with its word right between quotes. Whitespace, line continuations and comments may stand
/// between (Python allows them there); the scan skips them, so both keys over-approximate, never miss.
/// </para>
/// <para>
/// The part right after the module (<c>core</c> of <c>numpy.core</c>) is finer still, key <c>"^numpy.core"</c>: in code it
/// follows a name that some import line binds or a conventional alias (<c>np.core</c>, <c>xp.core</c>; not <c>xarray.core</c>
/// in a file that never binds <c>xarray</c>), on an import line it follows the module itself (<c>from numpy.core import x</c>),
/// or it is imported by name from the module; a dot with anything but a plain word right before it counts as before. A later
/// part (the second <c>linalg</c> of <c>numpy.linalg.linalg</c>, key <c>"~linalg.linalg"</c>) follows the part before it, a name an
/// import binds to that part, or is imported by name from a module ending in it.
/// </para>
/// <para>
/// A keyword or a one-word string the pattern gives a call of a known name (<c>copy=</c> and <c>"a"</c> of
/// <c>numpy.array($a, copy=False)</c>, <c>numpy.dtype("a")</c>) counts only inside an open call of that name or of a name an
/// import binds to it (<see cref="OpenCalls"/>, which errs towards counting where it cannot tell).
/// </para>
/// </summary>
public sealed partial class Prefilter
{
    /// <summary>Prefix of the key recorded when a module is named on an import line (no identifier contains a space).</summary>
    internal const string ImportKey = "import ";

    /// <summary>Stands in the key set of every file when some rule has no condition at all.</summary>
    internal const string AnyFile = "";

    private readonly HashSet<string> identifiers = new(StringComparer.Ordinal);
    private readonly HashSet<string> modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> importKeys = new(StringComparer.Ordinal);
    // Last parts of dotted names → their ".part" key; keywords → their "kw=" key (made once, so the scan allocates no key).
    private readonly Dictionary<string, string> dottedKeys = new(StringComparer.Ordinal);
    // Parts of dotted names → their owner keys: the part right after the module (`core` of numpy.core, key "^numpy.core"),
    // which code spells after a name an import binds (`np.core`, `numpy.core`, `la.linalg`) or a conventional alias, or
    // imports by name from the module; and a later part (the second `linalg` of numpy.linalg.linalg, key "~linalg.linalg"),
    // spelled after the part before it (`np.linalg.linalg`), after a name an import binds, or imported by name from a
    // module whose last part is the part before it (`from numpy.linalg import linalg`).
    private readonly Dictionary<string, List<OwnedKey>> firstDottedKeys = new(StringComparer.Ordinal);

    /// <summary>A dotted name's part spelled after <paramref name="Owner"/>: the module when <paramref name="IsModule"/>, else the part before it.</summary>
    private sealed record OwnedKey(string Owner, string Key, bool IsModule);
    private readonly Dictionary<string, string> keywordKeys = new(StringComparer.Ordinal);
    // Keywords a pattern gives a call of a known name → (that name, their "name(kw=" key), and one-word strings it passes such a
    // call → (that name, their "name(\"word\"" key): counted only inside such a call (OpenCalls).
    private readonly Dictionary<string, List<(string Callee, string Key)>> callKeywordKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Callee, string Key)>> callQuotedKeys = new(StringComparer.Ordinal);
    // Words a pattern or op needs as a whole string literal → their quoted key ("\"a\"" for "a" or 'a').
    private readonly Dictionary<string, string> quotedKeys = new(StringComparer.Ordinal);
    private static readonly SearchValues<char> WordChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    // Every word the scan cares about → what it may stand for: one lookup per word of a file.
    private readonly Dictionary<string, WordKeys>.AlternateLookup<ReadOnlySpan<char>> wordLookup;
    private readonly Condition[] conditions;

    /// <summary>The keys one word may give, by where it stands.</summary>
    private sealed class WordKeys
    {
        public string? Identifier, Dotted, Keyword, Quoted, ImportKey;
        public List<OwnedKey>? FirstDotted;
        public List<(string Callee, string Key)>? CallKeyword, CallQuoted;
        public bool IsImport, IsFrom;
    }
    private readonly bool hasUnconditionalRule;

    /// <summary>Compiles the conditions of <paramref name="rules"/> (in the same order).</summary>
    public Prefilter(IReadOnlyList<MigrationRule> rules)
    {
        conditions = new Condition[rules.Count];
        for (int i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var words = Words(r);
            var (placed, anyOf) = PlacedKeys(r);
            // A bare name in the pattern (`Optional[$1]`) is its own module anchor and one of its identifiers: the
            // identifier condition already covers it, so such a rule needs no import (as before this class).
            if (r.MatchPattern.QualifiedNames.Any(q => !q.Contains('.', StringComparison.Ordinal)))
            {
                identifiers.UnionWith(words);
                conditions[i] = new Condition(words, [], [], placed, anyOf);
                if (words.Length == 0 && placed.Length == 0 && anyOf.Length == 0) hasUnconditionalRule = true;
                continue;
            }
            // Names resolve only through an import of their module; a receiver's package may also show through a file of the
            // library itself (relative imports) or a docstring, and the matcher reports such sites at low confidence, so the
            // package of a receiver constraint need only be mentioned, as an identifier anywhere.
            var named = r.MatchPattern.QualifiedNames.Select(q => q.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
            var receivers = r.ReceiverPackages;
            var aliases = r.ModuleAnchors.Where(m => ConventionalAliases.ByAlias.ContainsKey(m) && !named.Contains(m))
                .Concat(receivers).Distinct(StringComparer.Ordinal).ToArray();
            // A structural match of a library's rule counts only in a file that imports the library (Matcher).
            if (r.StructuralPackage is { } package) named.Add(package);
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
            conditions[i] = new Condition(words, keys, aliases, placed, anyOf);
            if (words.Length == 0 && keys.Length == 0 && aliases.Length == 0 && placed.Length == 0 && anyOf.Length == 0) hasUnconditionalRule = true;
        }
        var table = new Dictionary<string, WordKeys>(StringComparer.Ordinal);
        WordKeys Entry(string w) => table.TryGetValue(w, out var e) ? e : table[w] = new WordKeys();
        foreach (var w in identifiers) Entry(w).Identifier = w;
        foreach (var (w, key) in dottedKeys) Entry(w).Dotted = key;
        foreach (var (w, keys) in firstDottedKeys) Entry(w).FirstDotted = keys;
        foreach (var (w, key) in keywordKeys) Entry(w).Keyword = key;
        foreach (var (w, keys) in callKeywordKeys) Entry(w).CallKeyword = keys;
        foreach (var (w, keys) in callQuotedKeys) Entry(w).CallQuoted = keys;
        foreach (var (w, key) in quotedKeys) Entry(w).Quoted = key;
        foreach (var m in modules) Entry(m).ImportKey = importKeys[m];
        Entry("import").IsImport = true;
        Entry("from").IsFrom = true;
        wordLookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        IndexConditions();
    }

    /// <summary>
    /// The placed keys a rule needs: <c>".part"</c> for each part after the first of each dotted name of its pattern (every
    /// name of a pattern must match for it to match, and each part is spelled after a dot or in an import: <c>np.lib.utils</c>,
    /// <c>from numpy.lib import utils</c>; <c>builtins.x</c> resolves from a bare <c>x</c>, so not those), <c>"kw="</c> for each
    /// keyword argument of its pattern; and for a parameter rule's ops, one alternative per op: its keyword as a keyword
    /// argument, and the word of the old value when the op needs one (<see cref="Literals.Same"/> compares the literal's
    /// text or its plain content, which then occurs in the code).
    /// </summary>
    private (string[] Placed, string[][] AnyOf) PlacedKeys(MigrationRule r)
    {
        var placed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var q in r.MatchPattern.QualifiedNames)
        {
            if (!q.Contains('.', StringComparison.Ordinal) || q.StartsWith("builtins.", StringComparison.Ordinal)) continue;
            // A conventional alias stands for its whole module (`plt` is matplotlib.pyplot): the parts of that module need not occur.
            int spelled = 1;
            foreach (var module in ConventionalAliases.ByAlias.Values)
                if (q == module || q.StartsWith(module + ".", StringComparison.Ordinal)) spelled = Math.Max(spelled, module.Count(ch => ch == '.') + 1);
            var parts = q.Split('.').Skip(spelled).ToList();
            for (int k = 0; k < parts.Count; k++)
                placed.Add(spelled > 1 ? Key(dottedKeys, parts[k], "." + parts[k])
                    : k == 0 ? OwnerKey(q[..q.IndexOf('.', StringComparison.Ordinal)], parts[k], isModule: true)
                    : OwnerKey(parts[k - 1], parts[k], isModule: false));
        }
        // A method or attribute of a pattern's metavariable (`any` of `$df.any($axis)`) matches only an attribute node, whose
        // name the code spells after a dot (PatternMatcher compares an attribute's children in order): key ".any", which the
        // builtin `any(…)` or a variable named `first` does not give. Dotted names without a metavariable are handled above.
        foreach (var n in r.MatchPattern.Root.DescendantsAndSelf())
            if (n.Kind == "attribute" && Pattern.AtomName(n) is null && n.ChildByField("attribute") is { Kind: "identifier" } attr
                && Pattern.HoleName(attr) is null && Pattern.SplatName(attr) is null)
                placed.Add(Key(dottedKeys, attr.Text, "." + attr.Text));
        foreach (var n in r.MatchPattern.Root.DescendantsAndSelf())
            if (n.Kind == "keyword_argument" && n.Parent is { Kind: "argument_list" } && n.ChildByField("name") is { Kind: "identifier" } name
                && Pattern.HoleName(name) is null && Pattern.SplatName(name) is null)
                placed.Add(OpenCalls.CalleeOf(n.Parent.Value) is { } callee ? CallKey(callKeywordKeys, name.Text, callee, name.Text + "=") : Key(keywordKeys, name.Text, name.Text + "="));
        // A pattern's string literal that is one word matches only the same literal: the word right between quotes.
        foreach (var n in r.MatchPattern.Root.DescendantsAndSelf())
            if (n.Kind == "string_content" && n.ChildCount == 0 && IsAsciiWord(n.Text) && n.Parent is { Kind: "string", ChildCount: 3 } str
                && str.Children[0].Kind == "string_start" && str.Children[2].Kind == "string_end")
                placed.Add(str.Parent is { Kind: "argument_list" } args && OpenCalls.CalleeOf(args) is { } callee
                    ? CallKey(callQuotedKeys, n.Text, callee, "\"" + n.Text + "\"") : Key(quotedKeys, n.Text, "\"" + n.Text + "\""));
        if (r is not ParameterRule { Ops.Count: > 0 } pr) return ([.. placed], []);
        var anyOf = new string[pr.Ops.Count][];
        for (int k = 0; k < anyOf.Length; k++)
        {
            var op = pr.Ops[k];
            var keyword = Key(keywordKeys, op.Keyword, op.Keyword + "=");
            bool needsValue = op.Op == KeywordOpKind.MapValue || (op.Op == KeywordOpKind.Remove && op.Value is not null);
            var valueWord = needsValue ? ValueWord(op.Value) : null;
            if (valueWord is not null) identifiers.Add(valueWord);
            // A plain string value matches only a plain string of the same content (Literals.Same): the word between quotes.
            var valueKey = valueWord is null ? null : IsAsciiWord(op.Value!) ? valueWord : Key(quotedKeys, valueWord, "\"" + valueWord + "\"");
            anyOf[k] = valueKey is null ? [keyword] : [keyword, valueKey];
        }
        return ([.. placed], anyOf);
    }

    /// <summary>The key of <paramref name="word"/> as <paramref name="spelled"/> inside a call of <paramref name="callee"/>: <c>array(copy=</c>.</summary>
    private static string CallKey(Dictionary<string, List<(string Callee, string Key)>> keys, string word, string callee, string spelled)
    {
        if (!keys.TryGetValue(word, out var list)) keys[word] = list = [];
        foreach (var (c, k) in list) if (c == callee) return k;
        var key = callee + "(" + spelled;
        list.Add((callee, key));
        return key;
    }

    /// <summary>
    /// The key of <paramref name="part"/> spelled right after <paramref name="owner"/>: the module (<c>"^numpy.core"</c>)
    /// or the part before it (<c>"~linalg.linalg"</c>).
    /// </summary>
    private string OwnerKey(string owner, string part, bool isModule)
    {
        if (!firstDottedKeys.TryGetValue(part, out var list)) firstDottedKeys[part] = list = [];
        foreach (var o in list) if (o.Owner == owner && o.IsModule == isModule) return o.Key;
        var key = (isModule ? "^" : "~") + owner + "." + part;
        list.Add(new OwnedKey(owner, key, isModule));
        return key;
    }

    private static string Key(Dictionary<string, string> keys, string word, string key)
    {
        if (!keys.TryGetValue(word, out var existing)) keys[word] = existing = key;
        return existing;
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

    /// <summary>The condition of the rule at <paramref name="index"/> (in the order given).</summary>
    internal Condition ConditionOf(int index) => conditions[index];

    /// <summary>
    /// The keys present in <paramref name="text"/>: the rules' anchor identifiers and aliases that occur, and
    /// <c>"import M"</c> for each rule module M named on a line that has an <c>import</c> or <c>from</c> (a
    /// backslash continues the line), <c>".part"</c> for a dotted name's part after a dot that is not a relative import's, or
    /// after <c>import</c> (parenthesized imports included), <c>"kw="</c> for a keyword followed by <c>=</c>. Over-approximates on purpose
    /// (a docstring saying "import numpy" counts; so does <c>np.str</c> in a comment).
    /// </summary>
    public HashSet<string> KeysIn(ReadOnlySpan<char> text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (hasUnconditionalRule) found.Add(AnyFile);
        var span = text;
        bool importLine = false;
        // Inside `from m import (…)`: the names go on over lines until the `)` (one in a comment does not close it).
        bool importParen = false;
        // A '.' was seen and only whitespace, continuations or comments followed: the next word is an attribute.
        bool afterDot = false;
        // A '#' was seen on this line: perhaps a comment, so nothing till the line's end clears afterDot or closes importParen.
        bool commentish = false;
        // The word `import` came on this line: the names after it are imported (`from numpy import str`).
        bool afterImport = false;
        // The last word was `from` and only spaces or dots followed: those dots are a relative import's, and a relative
        // import never resolves to a library's name (`from .core import x` in some package names no `numpy.core`).
        bool relative = false;
        // Modules seen on the current line before its `import`/`from` (`numpy` in `x = 1; import numpy` comes after; a
        // line like `numpy import` is not Python, but keeping them costs nothing and keeps the scan a superset).
        string? pendingModule = null; // its import key
        // The word a '.' directly follows (`np` of `np.core`), or none when anything else stands between (then a first part
        // after that dot counts as it would after any dot); first parts seen after a known word wait for the end of the file,
        // where they count if an import line bound that word (imports may come later in the text) or it is a conventional alias.
        int lastWordStart = -1, lastWordEnd = -1, dotOwnerStart = -1, dotOwnerEnd = -1;
        // On a `from M import …` statement: M's last word (`linalg` of `from numpy.linalg import x`), which a name imported by
        // name is a part of; none while M is being read, and none for a relative import.
        bool fromLine = false, fromRelative = false;
        int fromLastStart = -1, fromLastEnd = -1, fromOwnerStart = -1, fromOwnerEnd = -1;
        List<(string Owner, OwnedKey Key)>? firstParts = null;
        HashSet<string>? importWords = null;
        // `W` of `import numpy.linalg as W` / `from numpy import linalg as W` → the word before `as` (`linalg`): the part a
        // later part may follow under another name.
        HashSet<(string Alias, string Of)>? importAliases = null;
        bool aliasNext = false;
        string? aliasOf = null;
        var calls = new OpenCalls();
        int i = 0;
        while (i < span.Length)
        {
            char c = span[i];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i;
                int previousWordStart = lastWordStart, previousWordEnd = lastWordEnd;
                int length = span[i..].IndexOfAnyExcept(WordChars);
                i = length < 0 ? span.Length : i + length;
                var word = span[start..i];
                lastWordStart = start;
                lastWordEnd = i;
                calls.OnWord();
                if (fromLine && !afterImport && !importParen && !word.SequenceEqual("from") && !word.SequenceEqual("import")) { fromLastStart = start; fromLastEnd = i; }
                // The names an import binds come after its `import` (`np` of `import numpy as np`, `la` of `from numpy import linalg as la`).
                if (afterImport || importParen) (importWords ??= new HashSet<string>(StringComparer.Ordinal)).Add(word.ToString());
                if (importLine || importParen)
                {
                    if (aliasNext && aliasOf is not null) (importAliases ??= []).Add((word.ToString(), aliasOf));
                    aliasNext = word.SequenceEqual("as");
                    if (aliasNext) aliasOf = previousWordStart >= 0 ? span[previousWordStart..previousWordEnd].ToString() : null;
                }
                if (!wordLookup.TryGetValue(word, out var keys))
                {
                    // Most words are no key: they only end a dot's or a `from`'s reach.
                    if (!commentish) afterDot = false;
                    relative = false;
                    continue;
                }
                if (keys.Identifier is { } name) found.Add(name);
                if (keys.Dotted is { } dotted && (afterDot || afterImport || importParen)) found.Add(dotted);
                if (keys.FirstDotted is { } firsts && (afterDot || afterImport || importParen))
                {
                    var owner = afterDot && dotOwnerStart >= 0 ? span[dotOwnerStart..dotOwnerEnd] : [];
                    var from = fromOwnerStart >= 0 ? span[fromOwnerStart..fromOwnerEnd] : [];
                    foreach (var o in firsts)
                    {
                        if (found.Contains(o.Key)) continue;
                        if (!afterDot)
                        {
                            // Imported by name: from the module (`from numpy import core`), or for a later part from a module
                            // that ends with the part before it (`from numpy.linalg import linalg`). `import numpy as np` imports
                            // no `np` of pandas. Before a dot nothing else counts: a plain `import x` binds a top-level module.
                            if (from.SequenceEqual(o.Owner)) found.Add(o.Key);
                            continue;
                        }
                        // After an unknown owner: counts as after any dot. After the part before it (`linalg.linalg`), anywhere.
                        // After the module on an import line (`from numpy.core import x`, `import numpy.core`). In code, after a
                        // name some import binds (checked at the end) or a conventional alias.
                        if (owner.IsEmpty || (owner.SequenceEqual(o.Owner) && (importLine || !o.IsModule))) found.Add(o.Key);
                        else if (!importLine) (firstParts ??= []).Add((owner.ToString(), o));
                    }
                }
                if (keys.Keyword is { } keyword && EqualsFollows(span, i)) found.Add(keyword);
                if (keys.CallKeyword is { } callKeys && EqualsFollows(span, i)) calls.Place(span, callKeys, isTheString: false, found);
                bool betweenQuotes = start > 0 && span[start - 1] is '"' or '\'' && i < span.Length && span[i] is '"' or '\'';
                if (keys.Quoted is { } quoted && betweenQuotes) found.Add(quoted);
                if (keys.CallQuoted is { } callQuoted && betweenQuotes) calls.Place(span, callQuoted, isTheString: true, found);
                if (!commentish) afterDot = false;
                relative = !commentish && keys.IsFrom;
                if (keys.IsFrom && !commentish && !importParen) { fromLine = true; fromRelative = false; fromLastStart = fromOwnerStart = -1; }
                if (keys.IsImport)
                {
                    afterImport = true;
                    if (fromLine && !fromRelative && fromLastStart >= 0) { fromOwnerStart = fromLastStart; fromOwnerEnd = fromLastEnd; }
                }
                if (keys.ImportKey is { } importKey)
                {
                    if (importLine) found.Add(importKey);
                    else pendingModule = importKey;
                }
                else if (keys.IsImport || keys.IsFrom)
                {
                    importLine = true;
                    if (pendingModule is not null) found.Add(pendingModule);
                }
                continue;
            }
            calls.Observe(span, i, lastWordStart, lastWordEnd);
            switch (c)
            {
                case '\n':
                    if ((i == 0 || span[i - 1] != '\\') && !(i >= 2 && span[i - 1] == '\r' && span[i - 2] == '\\'))
                    {
                        importLine = false;
                        afterImport = false;
                        pendingModule = null;
                        if (!importParen) { fromLine = false; fromOwnerStart = -1; }
                    }
                    commentish = false;
                    break;
                case ' ' or '\t' or '\f' or '\r' or '\\':
                    break;
                case '.':
                    if (relative) fromRelative = true;
                    if (!relative) afterDot = true;
                    // Only a word right before the dot is its owner; `(np).core`, `np .core` or a comment between: unknown.
                    if (lastWordEnd == i && lastWordStart >= 0) { dotOwnerStart = lastWordStart; dotOwnerEnd = lastWordEnd; }
                    else { dotOwnerStart = -1; dotOwnerEnd = -1; }
                    break;
                case '#':
                    commentish = true;
                    relative = false;
                    break;
                case '(' when importLine:
                    importParen = true;
                    afterDot = commentish && afterDot;
                    relative = false;
                    break;
                case ')' when importParen && !commentish:
                    importParen = false;
                    fromLine = false;
                    fromOwnerStart = -1;
                    afterDot = false;
                    relative = false;
                    break;
                default:
                    if (!commentish) afterDot = false;
                    relative = false;
                    if (c > 0x7F && char.IsLetter(c))
                    {
                        // A non-ASCII identifier is no key, but it must not glue onto the next ASCII word.
                        while (i < span.Length && (char.IsLetterOrDigit(span[i]) || span[i] == '_')) i++;
                        continue;
                    }
                    break;
            }
            i++;
        }
        calls.AddAliased(importAliases, found);
        // A module's part after a name an import binds or a conventional alias (`np` stands for numpy); a later part after a
        // name an import binds to the part before it (`la` of `import numpy.linalg as la`; `np` is no numpy.linalg).
        if (firstParts is not null)
            foreach (var (owner, key) in firstParts)
                if (key.IsModule ? importWords?.Contains(owner) == true || ConventionalAliases.ByAlias.ContainsKey(owner) : importAliases?.Contains((owner, key.Owner)) == true)
                    found.Add(key.Key);
        return found;
    }


}
