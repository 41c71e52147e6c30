using System.Text.RegularExpressions;

namespace ApiMigrator.Python;

/// <summary>
/// The strict gate a file passes before anything rewrites it. tree-sitter accepts more than CPython
/// (Python 2 print/exec statements, inconsistent tabs, a block opener at the end of the file, a bad
/// dedent, more than 100 indentation levels, a form feed inside indentation, leading-zero integers …);
/// the README promises that a file CPython rejects is never modified, so those are refused here with the
/// reason CPython would give. Nesting deeper than <see cref="MaxTreeDepth"/> is refused too: the engine's
/// tree walks stay within a bounded stack, whatever the input.
/// Every check is an iterative walk; nothing here recurses on the input's shape.
/// </summary>
internal static partial class SyntaxGate
{
    /// <summary>
    /// Syntax trees deeper than this are refused (<see cref="SourceErrorKind.TooDeep"/>). CPython itself
    /// stops at 200 nested brackets and 100 indentation levels; a deeper tree comes from long operator
    /// chains, which are rare in real code, and every recursive walk in the engine is safe below this.
    /// </summary>
    public const int MaxTreeDepth = 1000;

    /// <summary>CPython's tokenizer limit on indentation levels (MAXINDENT).</summary>
    public const int MaxIndentLevels = 100;

    /// <summary>CPython's tokenizer limit on nested brackets (MAXLEVEL).</summary>
    public const int MaxBracketLevels = 200;

    /// <summary>CPython's limit on statically nested loops, try and with blocks (CO_MAXBLOCKS).</summary>
    public const int MaxStaticBlocks = 20;

    private const int TabSize = 8;

    /// <summary>Why this tree must not be rewritten, or null when CPython would accept it as far as this gate can tell.</summary>
    public static SourceError? Refusal(SyntaxTree tree, string what = "the file is not rewritten")
    {
        var path = tree.Source.Path;
        if (tree.NotParsed is { } why) return new SourceError(why.Kind, path, why.Diagnostic.Position, why.Diagnostic.Message + "; " + what);
        if (tree.HasErrors)
        {
            var d = tree.Diagnostics.Count > 0 ? tree.Diagnostics[0] : null;
            return new SourceError(SourceErrorKind.SyntaxError, path, d?.Position, (d?.Message ?? "syntax error") + "; " + what);
        }
        if (tree.MaxDepth > MaxTreeDepth)
            return new SourceError(SourceErrorKind.TooDeep, path, null,
                $"the syntax nests {tree.MaxDepth} levels (the limit is {MaxTreeDepth}); {what}");
        if (FirstRejected(tree) is { } problem)
            return new SourceError(SourceErrorKind.SyntaxError, path, tree.Source.GetPosition(problem.Offset),
                $"{problem.Message} (CPython rejects this); {what}");
        return null;
    }

    private readonly record struct Problem(int Offset, string Message);

    private static Problem? FirstRejected(SyntaxTree tree) => NodeProblem(tree) ?? IndentationProblem(tree);

    // ---- node checks: Python 2 forms, literals, statements out of place ------------------------------

    private static Problem? NodeProblem(SyntaxTree tree)
    {
        var root = tree.Root;
        // Iterative pre-order walk with, per node, the innermost function/loop context and the static block depth.
        // A list as the stack: a node's children are appended in order and the run reversed (children are linked, not indexed).
        var stack = new List<(SyntaxNode Node, Context Ctx)> { (root, new Context(InFunction: false, InLoop: false, Blocks: 0, InAnyFunction: false)) };
        while (stack.Count > 0)
        {
            var (node, ctx) = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            if (Check(node, ctx) is { } p) return p;
            var childCtx = ctx;
            switch (node.Kind)
            {
                case "function_definition" or "lambda":
                    childCtx = ctx with { InFunction = true, InLoop = false, Blocks = node.Kind == "lambda" ? ctx.Blocks : 0, InAnyFunction = true };
                    break;
                case "class_definition":
                    childCtx = ctx with { InFunction = false, InLoop = false };
                    break;
                case "for_statement" or "while_statement":
                    childCtx = ctx with { InLoop = true, Blocks = ctx.Blocks + 1 };
                    break;
                case "try_statement" or "with_statement":
                    childCtx = ctx with { Blocks = ctx.Blocks + 1 };
                    break;
            }
            if (childCtx.Blocks > MaxStaticBlocks)
                return new Problem(node.StartByte, "too many statically nested blocks");
            int mark = stack.Count;
            foreach (var c in node.Children)
            {
                // The else of a loop is not inside the loop for break/continue.
                var cctx = node.Kind is "for_statement" or "while_statement" && c.Kind == "else_clause" ? childCtx with { InLoop = ctx.InLoop } : childCtx;
                stack.Add((c, cctx));
            }
            stack.Reverse(mark, stack.Count - mark);
        }
        return null;
    }

    /// <param name="InFunction">Directly in a function body (not in a class body nested in it): return and yield are allowed.</param>
    /// <param name="InLoop">In a loop body of the same function: break and continue are allowed.</param>
    /// <param name="Blocks">Statically nested loops, try and with blocks in the same function.</param>
    /// <param name="InAnyFunction">Somewhere inside a function, class bodies included: nonlocal is allowed.</param>
    private readonly record struct Context(bool InFunction, bool InLoop, int Blocks, bool InAnyFunction);

    private static Problem? Check(SyntaxNode node, Context ctx)
    {
        switch (node.Kind)
        {
            // `print >> f, x` parses as a Python 2 print with a chevron, but it is also a valid Python 3 expression (a tuple).
            case "print_statement" when node.NamedChildren.FirstOrNull(c => !c.IsExtra)?.Kind != "chevron":
                return new Problem(node.StartByte, "Python 2 print statement");
            case "exec_statement": return new Problem(node.StartByte, "Python 2 exec statement");
            case "<>": return new Problem(node.StartByte, "Python 2 '<>' operator");
            case "integer":
                {
                    var text = node.Text;
                    if (text.EndsWith('l') || text.EndsWith('L')) return new Problem(node.StartByte, "Python 2 long integer suffix");
                    if (LeadingZero().IsMatch(text)) return new Problem(node.StartByte, "leading zeros in decimal integer literals are not permitted");
                    return null;
                }
            case "string_start":
                {
                    var prefix = node.Text.TrimEnd('"', '\'').ToLowerInvariant();
                    if (prefix.Length > 0 && !ValidStringPrefixes.Contains(prefix)) return new Problem(node.StartByte, $"invalid string prefix '{node.Text.TrimEnd('"', '\'')}'");
                    return null;
                }
            case "block" when node.NamedChildren.All(c => c.IsExtra):
                return new Problem(node.StartByte, "expected an indented block");
            case "break_statement" when !ctx.InLoop: return new Problem(node.StartByte, "'break' outside loop");
            case "continue_statement" when !ctx.InLoop: return new Problem(node.StartByte, "'continue' not properly in loop");
            case "yield" when !ctx.InFunction: return new Problem(node.StartByte, "'yield' outside function");
            case "return_statement" when !ctx.InFunction: return new Problem(node.StartByte, "'return' outside function");
            case "nonlocal_statement" when !ctx.InAnyFunction: return new Problem(node.StartByte, "nonlocal declaration not allowed at module level");
            case "argument_list": return ArgumentProblem(node);
            case "parameters": return ParameterProblem(node);
            default: return null;
        }
    }

    private static readonly HashSet<string> ValidStringPrefixes = new(StringComparer.Ordinal)
    {
        "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt",
    };

    [GeneratedRegex("^0+[0-9_]*[1-9][0-9_]*$")]
    private static partial Regex LeadingZero();

    /// <summary>Positional after keyword arguments, and a keyword given twice.</summary>
    private static Problem? ArgumentProblem(SyntaxNode args)
    {
        bool keywordSeen = false, doubleStarSeen = false;
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in args.NamedChildren)
        {
            if (a.IsExtra) continue;
            switch (a.Kind)
            {
                case "keyword_argument":
                    keywordSeen = true;
                    if (a.ChildByField("name") is { } name && !keywords.Add(name.Text)) return new Problem(a.StartByte, $"keyword argument repeated: {name.Text}");
                    break;
                case "dictionary_splat": doubleStarSeen = true; break;
                case "list_splat":
                    if (doubleStarSeen) return new Problem(a.StartByte, "iterable argument unpacking follows keyword argument unpacking");
                    break;
                default:
                    if (doubleStarSeen) return new Problem(a.StartByte, "positional argument follows keyword argument unpacking");
                    if (keywordSeen) return new Problem(a.StartByte, "positional argument follows keyword argument");
                    break;
            }
        }
        return null;
    }

    /// <summary>A parameter without a default after one with a default, and a name given twice.</summary>
    private static Problem? ParameterProblem(SyntaxNode parameters)
    {
        bool defaultSeen = false, starSeen = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters.NamedChildren)
        {
            if (p.IsExtra) continue;
            string? name = p.Kind switch
            {
                "identifier" => p.Text,
                "typed_parameter" => p.NamedChildren.FirstOrNull(c => c.Kind == "identifier")?.Text,
                "default_parameter" or "typed_default_parameter" => p.ChildByField("name")?.Text,
                "list_splat_pattern" or "dictionary_splat_pattern" => p.NamedChildren.FirstOrNull(c => c.Kind == "identifier")?.Text,
                _ => null,
            };
            if (name is not null && !names.Add(name)) return new Problem(p.StartByte, $"duplicate argument '{name}' in function definition");
            switch (p.Kind)
            {
                case "default_parameter" or "typed_default_parameter": defaultSeen = true; break;
                case "list_splat_pattern" or "keyword_separator" or "dictionary_splat_pattern": starSeen = true; break;
                case "typed_parameter" when p.NamedChildren.FirstOrNull(c => !c.IsExtra)?.Kind is "list_splat_pattern" or "dictionary_splat_pattern":
                    starSeen = true;
                    break;
                case "identifier" or "typed_parameter":
                    if (defaultSeen && !starSeen) return new Problem(p.StartByte, "non-default argument follows default argument");
                    break;
            }
        }
        return null;
    }

    // ---- indentation, as CPython's tokenizer measures it --------------------------------------------

    /// <summary>
    /// Replays CPython's indentation rules on every line that starts a logical line (not inside brackets,
    /// a string or a backslash continuation; blank and comment-only lines do not count): a tab advances the
    /// column to the next multiple of 8 and, in the alternative measure, by 1; a form feed resets both; the
    /// two measures must agree on every indent and dedent (TabError), an indent must follow a block header
    /// (a line ending in ':'), a dedent must land on an outer level, and there are at most 99 levels.
    /// </summary>
    private static Problem? IndentationProblem(SyntaxTree tree)
    {
        var text = tree.Source.Content;
        var cols = new List<int> { 0 };
        var altCols = new List<int> { 0 };
        int brackets = 0;
        int lastTokenEnd = 0;
        string? previousKind = null;
        bool first = true;
        foreach (var token in Tokens(tree))
        {
            // A line is measured only when its first token stands outside any bracket.
            bool startsLine = brackets == 0 && (first || StartsLogicalLine(text, lastTokenEnd, token.StartByte));
            first = false;
            if (token.Kind is "(" or "[" or "{")
            {
                if (++brackets >= MaxBracketLevels) return new Problem(token.StartByte, "too many nested parentheses");
            }
            else if (token.Kind is ")" or "]" or "}") brackets = Math.Max(0, brackets - 1);
            if (token.IsExtra && token.Kind == "comment") { lastTokenEnd = token.EndByte; continue; }
            if (startsLine && LineIndentation(text, token.StartByte) is var (col, alt, ok) && ok)
            {
                int top = cols.Count - 1;
                if (col == cols[top])
                {
                    if (alt != altCols[top]) return new Problem(token.StartByte, "inconsistent use of tabs and spaces in indentation");
                }
                else if (col > cols[top])
                {
                    // An indent opens a block, and only a header ending in ':' has one (CPython: "unexpected indent").
                    if (previousKind != ":") return new Problem(token.StartByte, "unexpected indent");
                    if (cols.Count >= MaxIndentLevels) return new Problem(token.StartByte, "too many levels of indentation");
                    if (alt <= altCols[top]) return new Problem(token.StartByte, "inconsistent use of tabs and spaces in indentation");
                    cols.Add(col);
                    altCols.Add(alt);
                }
                else
                {
                    while (cols.Count > 1 && col < cols[^1]) { cols.RemoveAt(cols.Count - 1); altCols.RemoveAt(altCols.Count - 1); }
                    if (col != cols[^1]) return new Problem(token.StartByte, "unindent does not match any outer indentation level");
                    if (alt != altCols[^1]) return new Problem(token.StartByte, "inconsistent use of tabs and spaces in indentation");
                }
            }
            lastTokenEnd = token.EndByte;
            previousKind = token.Kind;
        }
        return null;
    }

    /// <summary>
    /// True when the token at <paramref name="start"/> is the first of a new logical line: only white space
    /// since the previous token, with a line break that is not escaped by a backslash.
    /// </summary>
    private static bool StartsLogicalLine(ReadOnlySpan<byte> text, int previousEnd, int start)
    {
        bool newline = false;
        for (int i = previousEnd; i < start; i++)
        {
            byte b = text[i];
            if (b == (byte)'\n' || b == (byte)'\r')
            {
                // Only a backslash between the tokens escapes the line break; one that ends a comment (the previous token) does not.
                if (i - 1 >= previousEnd && text[i - 1] == (byte)'\\' || i - 2 >= previousEnd && b == (byte)'\n' && text[i - 1] == (byte)'\r' && text[i - 2] == (byte)'\\') { continue; }
                newline = true;
            }
        }
        // A token on the first line of the file starts a logical line too.
        return newline || previousEnd == 0;
    }

    /// <summary>The line's indentation in CPython's two measures; not ok when the token is not first on its line.</summary>
    private static (int Col, int Alt, bool Ok) LineIndentation(ReadOnlySpan<byte> text, int tokenStart)
    {
        int lineStart = tokenStart;
        while (lineStart > 0 && text[lineStart - 1] != (byte)'\n' && text[lineStart - 1] != (byte)'\r') lineStart--;
        int col = 0, alt = 0;
        for (int i = lineStart; i < tokenStart; i++)
        {
            switch (text[i])
            {
                case (byte)' ': col++; alt++; break;
                case (byte)'\t': col = (col / TabSize + 1) * TabSize; alt++; break;
                case (byte)'\f': col = alt = 0; break;
                default: return (0, 0, false);
            }
        }
        return (col, alt, true);
    }

    /// <summary>
    /// The tokens in document order: leaves, with each string (and f-string) taken whole, since what is
    /// inside a string is not indentation or bracket structure. An iterative walk.
    /// </summary>
    private static IEnumerable<SyntaxNode> Tokens(SyntaxTree tree)
    {
        // Nodes are stored in pre-order: a scan by index, jumping over each string's subtree, is the document order.
        for (int i = 0; i < tree.NodeCount;)
        {
            var n = new SyntaxNode(tree, i);
            if (n.ChildCount == 0 || n.Kind == "string")
            {
                if (n.EndByte > n.StartByte) yield return n;
                i = n.SubtreeEnd();
            }
            else i++;
        }
    }
}
