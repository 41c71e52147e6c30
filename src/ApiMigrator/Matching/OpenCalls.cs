using ApiMigrator.Python;

namespace ApiMigrator.Matching;

/// <summary>
/// The brackets open at a point of the prefilter's scan, and for each whether it opens a call and of which name
/// (<c>array</c> of <c>np.array(</c>), so that a keyword a pattern gives a call (<c>numpy.array($a, copy=False)</c>) counts
/// only inside a call of that name. Strings and comments are followed so that their brackets do not count.
/// </summary>
/// <remarks>
/// It errs towards counting: a keyword inside a string or a comment, inside a call of a name it cannot tell (<c>f(x)(…)</c>, a
/// line break before the bracket), or after a closing bracket with none open (a string it misread, such as an f-string
/// nesting its own quotes) counts wherever it stands; and any open call of the name counts, not only the innermost, so a
/// bracket opened by mistake hides nothing.
/// </remarks>
internal sealed class OpenCalls
{
    // Per open bracket: the callee word's range in the text, or Unknown (a call, name not known), or NotACall.
    private const int Unknown = -1, NotACall = -2;
    private readonly List<(int Start, int End)> open = [];
    // Keys seen only in calls of other names: (that name, the key's callee, the key), for AddAliased.
    private List<(string Name, string Callee, string Key)>? waiting;
    private char quote;
    private bool triple, escaped, comment;
    private int skip;

    /// <summary>The name a pattern's call is made by (<c>array</c> of <c>numpy.array(…)</c>), or null when a hole stands there.</summary>
    public static string? CalleeOf(SyntaxNode arguments)
    {
        var function = arguments.Parent is { Kind: "call" } call ? call.ChildByField("function") : null;
        var name = function?.Kind switch { "identifier" => function, "attribute" => function.Value.ChildByField("attribute"), _ => null };
        return name is { } n && Pattern.HoleName(n) is null ? n.Text : null;
    }

    /// <summary>A closing bracket came with none open: from here on every keyword counts.</summary>
    public bool Lost { get; private set; }

    /// <summary>A word was read: it ends a backslash's escape.</summary>
    public void OnWord() => escaped = false;

    /// <summary>Follows one character the scan did not read as part of a word.</summary>
    public void Observe(ReadOnlySpan<char> span, int i, int lastWordStart, int lastWordEnd)
    {
        char c = span[i];
        bool wasEscaped = escaped;
        escaped = false;
        if (skip > 0) { skip--; return; }
        if (quote != '\0')
        {
            if (c == '\\' && !wasEscaped) escaped = true;
            else if (c is '\n' or '\r') { if (!triple) quote = '\0'; }
            else if (c == quote && !wasEscaped)
            {
                if (!triple) quote = '\0';
                else if (i + 2 < span.Length && span[i + 1] == quote && span[i + 2] == quote) { quote = '\0'; skip = 2; }
            }
            return;
        }
        if (comment)
        {
            if (c is '\n' or '\r') comment = false;
            return;
        }
        switch (c)
        {
            case '#':
                comment = true;
                break;
            case '"' or '\'':
                quote = c;
                triple = i + 2 < span.Length && span[i + 1] == c && span[i + 2] == c;
                if (triple) skip = 2;
                break;
            case '(' or '[' or '{':
                open.Add(c == '(' ? Callee(span, i, lastWordStart, lastWordEnd) : (NotACall, NotACall));
                break;
            case ')' or ']' or '}':
                if (open.Count == 0) Lost = true;
                else open.RemoveAt(open.Count - 1);
                break;
        }
    }

    /// <summary>What the bracket at <paramref name="i"/> opens: a call of the word right before it (spaces allowed), a call of something else, or no call.</summary>
    private static (int, int) Callee(ReadOnlySpan<char> span, int i, int lastWordStart, int lastWordEnd)
    {
        int j = i - 1;
        while (j >= 0 && span[j] is ' ' or '\t') j--;
        if (j < 0) return (NotACall, NotACall);
        char p = span[j];
        if (p is '\n' or '\r' or '\\') return (Unknown, Unknown);
        if (char.IsAsciiLetterOrDigit(p) || p == '_' || p > 0x7F)
            return lastWordEnd == j + 1 && lastWordStart >= 0 ? (lastWordStart, lastWordEnd) : (Unknown, Unknown);
        return p is ')' or ']' or '}' or '"' or '\'' ? (Unknown, Unknown) : (NotACall, NotACall);
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the keys of <paramref name="keys"/> (callee name, key) whose word, just read, may be an
    /// argument of a call of that name: inside an open call of that name or of a name not known, or where the brackets cannot
    /// be told (a comment, brackets lost, or a string — unless <paramref name="isTheString"/>: a string argument's word is
    /// inside the string, and the open calls still tell). The others wait for <see cref="AddAliased"/>.
    /// </summary>
    public void Place(ReadOnlySpan<char> span, List<(string Callee, string Key)> keys, bool isTheString, HashSet<string> found)
    {
        foreach (var (callee, key) in keys)
        {
            if (found.Contains(key)) continue;
            if (MayBeIn(span, callee, isTheString)) found.Add(key);
            else
                foreach (var (start, end) in open)
                    if (start >= 0) (waiting ??= []).Add((span[start..end].ToString(), callee, key));
        }
    }

    /// <summary>At the end of the text: the keys seen in a call of a name an import binds to their callee (<c>arr</c> of <c>from numpy import array as arr</c>).</summary>
    public void AddAliased(HashSet<(string Alias, string Of)>? importAliases, HashSet<string> found)
    {
        if (waiting is null || importAliases is null) return;
        foreach (var (name, callee, key) in waiting)
            if (importAliases.Contains((name, callee))) found.Add(key);
    }

    private bool MayBeIn(ReadOnlySpan<char> span, string callee, bool isTheString)
    {
        if (Lost || comment || (quote != '\0' && !isTheString)) return true;
        foreach (var (start, end) in open)
            if (start == Unknown || (start >= 0 && span[start..end].SequenceEqual(callee))) return true;
        return false;
    }
}
