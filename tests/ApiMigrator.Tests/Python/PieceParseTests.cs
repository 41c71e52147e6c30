using System.Text;
using ApiMigrator.Python;
using Xunit.Abstractions;

namespace ApiMigrator.Tests.Python;

/// <summary>
/// Large files are parsed in pieces cut at top-level statements (<see cref="TopLevelSplits"/>): the joined tree must be
/// the whole parse's, node for node. Checked over standard libraries with a piece size of one byte, so every file is cut
/// before every top-level statement the scan allows — far more cuts than the 128 KB pieces real files get.
/// </summary>
public class PieceParseTests(ITestOutputHelper output)
{
    public static TheoryData<string> Versions() => ["3.8", "3.13"];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_stdlib_file_cut_at_every_statement_parses_to_the_whole_files_tree(string version)
    {
        var lib = StdlibCorpus.LibFolder(version);
        Assert.True(lib is not null, $"Python {version} standard library not found under pyenv; this test needs it (set PYENV_ROOT)");
        int joined = 0, wholeOnly = 0, cuts = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(StdlibCorpus.Files(lib!).ToList(), file =>
        {
            if (StdlibCorpus.IsKnownInvalid(file) || SourceText.TryFrom(File.ReadAllBytes(file), file).Text is not { } src) return;
            var whole = PythonParser.ParseWhole(src);
            var pieces = PythonParser.ParseInPieces(src, 1);
            if (pieces is null)
            {
                // Only a file without a second top-level statement, or one with a syntax error, has no joined tree.
                if (!whole.HasErrors && TopLevelSplits.Find(src.Content, 1).Count > 0) failures.Add($"{file}: a piece did not parse, the whole file does");
                Interlocked.Increment(ref wholeOnly);
                return;
            }
            Interlocked.Increment(ref joined);
            Interlocked.Add(ref cuts, TopLevelSplits.Find(src.Content, 1).Count);
            if (Difference(whole, pieces) is { } d) failures.Add($"{file}: {d}");
        });
        output.WriteLine($"Python {version}: {joined} files joined from {cuts + joined} pieces, {wholeOnly} parsed whole");
        Assert.True(joined > 1000, $"expected a full standard library, joined {joined} files");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Cuts_go_before_top_level_statements_only()
    {
        var text = """
            import os
            @decorator
            def f(x):
                return (
            1)
            if x:
                pass
            else:
                pass
            s = '''
            y = 1
            '''
            t = 1 + \
            2
            # comment
            class C: pass
            try: pass
            except* E: pass
            elsewhere = 1
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = TopLevelSplits.Find(bytes, 1).Select(at => text[at..text.IndexOf('\n', at)]).ToList();
        Assert.Equal(["@decorator", "if x:", "s = '''", "t = 1 + \\", "class C: pass", "try: pass", "elsewhere = 1"], lines);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Pieces_join_to_the_whole_parse_whatever_the_line_breaks(string newline)
    {
        // Continuations, strings over lines, comments at column 0 after a block, a form feed, non-ASCII names, a decorator:
        // each line break style, cut before every statement the scan allows.
        string[] lines =
        [
            "import os", "x = 1 + \\", "    2", "s = '''a", "b = 1", "'''", "def f():", "    return (", "1)", "# trailing", "",
            "\fy = 2", "été = 3", "@dec", "class C:", "    pass", "    # inside", "# outside", "if x:", "    pass", "elif y:", "    pass",
            "t = \"\\\\\"", "u = [", "  1,", "]", "v = f'{x!r:>{w}}'", "w = 4",
        ];
        var src = SourceText.From(string.Join(newline, lines) + newline);
        Assert.True(TopLevelSplits.Find(src.Content, 1).Count >= 8);
        var pieces = PythonParser.ParseInPieces(src, 1);
        var whole = PythonParser.ParseWhole(src);
        // tree-sitter-python reads a lone \r as no line break (CPython does); such a file has errors and is parsed whole.
        if (whole.HasErrors) Assert.Null(pieces);
        else Assert.Null(Difference(whole, pieces ?? throw new Xunit.Sdk.XunitException("no joined tree for a file that parses")));
        Assert.Equal(newline == "\r", whole.HasErrors);
    }

    [Fact]
    public void A_large_file_is_parsed_in_pieces_and_a_piece_with_an_error_falls_back_to_the_whole_parse()
    {
        var sb = new StringBuilder("import numpy as np\n");
        while (sb.Length < 8 * PythonParser.PieceBytes) sb.Append("def f(a):\n    return np.float_(a)  # why\n\nx = [1,\n2]\n");
        var src = SourceText.From(sb.ToString());
        var pieces = PythonParser.ParseInPieces(src, PythonParser.PieceBytes);
        Assert.NotNull(pieces);
        Assert.Null(Difference(PythonParser.ParseWhole(src), pieces!));
        Assert.Null(Difference(PythonParser.ParseWhole(src), PythonParser.Parse(src)));
        Assert.True(TopLevelSplits.Find(src.Content, PythonParser.PieceBytes).Count >= 6);

        // An unclosed bracket in the last piece: that piece has an error, so the file is parsed whole and its error reported.
        var broken = SourceText.From(sb + "y = (1,\n");
        Assert.Null(PythonParser.ParseInPieces(broken, PythonParser.PieceBytes));
        Assert.True(PythonParser.Parse(broken).HasErrors);
    }

    [Fact]
    public void A_statement_over_the_native_limit_is_not_parsed_and_the_file_is_refused_as_too_large()
    {
        // Given a generated data literal larger than one parse may hold, between ordinary statements
        var sb = new StringBuilder("import numpy as np\nx = np.float_(1)\nDATA = [\n");
        while (sb.Length < PythonParser.MaxNativeBytes + 1000) sb.Append("    (1, 'abc', 2.5),\n");
        sb.Append("]\ny = np.float_(2)\n");
        var src = SourceText.From(sb.ToString());

        // When it is parsed
        var tree = PythonParser.Parse(src);

        // Then nothing is parsed: the tree is a bare module with errors, and the reason names the statement's line and size
        Assert.True(tree.HasErrors);
        Assert.Equal(1, tree.NodeCount);
        Assert.Equal("module", tree.Root.Kind);
        var why = Assert.IsType<NotParsedReason>(tree.NotParsed);
        Assert.Equal(SourceErrorKind.TooLarge, why.Kind);
        Assert.Equal(3, why.Diagnostic.Position.Line);
        Assert.StartsWith("the statement at line 3 spans", why.Diagnostic.Message);
        Assert.Equal([why.Diagnostic], tree.Diagnostics);
        // And the gate refuses it as too large, not as a syntax error
        var refusal = SyntaxGate.Refusal(tree);
        Assert.Equal(SourceErrorKind.TooLarge, refusal?.Kind);
    }

    [Fact]
    public void A_statement_just_under_the_native_limit_is_parsed()
    {
        // A dict of long strings as large as the standard library's largest statement (pydoc_data/topics.py): real code parses.
        var sb = new StringBuilder("topics = {\n");
        for (int i = 0; sb.Length < PythonParser.MaxNativeBytes - 10_000; i++) sb.Append("    'k").Append(i).Append("': '").Append('x', 200).Append("',\n");
        sb.Append("}\nimport os\n");
        var tree = PythonParser.Parse(SourceText.From(sb.ToString()));
        Assert.Null(tree.NotParsed);
        Assert.False(tree.HasErrors);
        Assert.Equal(2, tree.Root.ChildCount);
    }

    /// <summary>A file whose literal statement (from <c>T = [</c> to its <c>]</c> line) is <paramref name="literalBytes"/> long, two of its items <c>np.float_</c>.</summary>
    internal static string FileWithLiteral(int literalBytes)
    {
        var sb = new StringBuilder("import numpy as np\n");
        for (int i = 0; i < 20; i++) sb.Append("a").Append(i).Append(" = 1\n");
        int start = sb.Length;
        sb.Append("T = [\n    np.float_,\n    np.float_,\n");
        while (sb.Length - start + "]\n".Length + "    1,\n".Length <= literalBytes) sb.Append("    1,\n");
        sb.Append(' ', literalBytes - (sb.Length - start) - "]\n".Length).Append("]\n");
        Assert.Equal(literalBytes, sb.Length - start);
        return sb.Append("b = 2\n").ToString();
    }

    [Fact]
    public void A_reparse_that_grows_a_statement_past_the_native_limit_does_not_parse_it()
    {
        // Given the tree of a file whose literal is one byte under the limit, and two edits that each add a byte inside it
        var text = FileWithLiteral(PythonParser.MaxNativeBytes - 1);
        var old = PythonParser.Parse(SourceText.From(text));
        Assert.Null(old.NotParsed);
        int first = text.IndexOf("np.float_", StringComparison.Ordinal), second = text.IndexOf("np.float_", first + 1, StringComparison.Ordinal);
        var edited = SourceText.From(text.Replace("np.float_", "np.float64", StringComparison.Ordinal));
        var changes = new List<ByteChange> { new(first, first + 9, 10), new(second, second + 9, 10) };

        // When the edited text is re-parsed from the old tree
        var tree = PythonParser.Reparse(old, edited, changes);

        // Then the grown statement is not parsed: the tree says the file holds a statement too large
        Assert.Equal(SourceErrorKind.TooLarge, tree.NotParsed?.Kind);
        Assert.StartsWith("the statement at line 22 spans 1,048,577 bytes", tree.NotParsed!.Diagnostic.Message);
    }

    [Fact]
    public void A_file_over_the_native_limit_with_a_syntax_error_is_not_parsed_whole_and_the_error_names_its_piece()
    {
        // Given more than a megabyte of small statements with an unclosed bracket near the end
        var sb = new StringBuilder("import numpy as np\n");
        while (sb.Length < PythonParser.MaxNativeBytes + 50_000) sb.Append("def f(a):\n    return np.float_(a)\n\n");
        int errorLine = sb.ToString().Count(c => c == '\n') + 1;
        sb.Append("y = (1,\n");
        for (int i = 0; i < 100; i++) sb.Append("z = ").Append(i).Append('\n');
        var src = SourceText.From(sb.ToString());

        var tree = PythonParser.Parse(src);

        // Then the tree is refused as a syntax error whose range holds the error, without a whole parse
        var why = Assert.IsType<NotParsedReason>(tree.NotParsed);
        Assert.Equal(SourceErrorKind.SyntaxError, why.Kind);
        Assert.InRange(errorLine, why.Diagnostic.Position.Line, src.GetPosition(why.Diagnostic.EndByte).Line);
        Assert.Contains("syntax error in the statements from line", why.Diagnostic.Message);
        Assert.Equal(SourceErrorKind.SyntaxError, SyntaxGate.Refusal(tree)?.Kind);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Reparsing_after_random_edits_gives_the_whole_parse_of_the_new_text(string version)
    {
        var lib = StdlibCorpus.LibFolder(version);
        Assert.True(lib is not null, $"Python {version} standard library not found under pyenv; this test needs it (set PYENV_ROOT)");
        var files = StdlibCorpus.Files(lib!).Where(f => !StdlibCorpus.IsKnownInvalid(f)).Where((_, i) => i % 3 == 0).ToList();
        int compared = 0, broken = 0, copied = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(files, file =>
        {
            if (SourceText.TryFrom(File.ReadAllBytes(file), file).Text is not { } src) return;
            var old = PythonParser.Parse(src);
            if (old.HasErrors) return;
            // One seed per file: the same edits on every run.
            var random = new Random(src.Length * 7919 + Path.GetFileName(file).Length);
            var (changes, bytes) = RandomEdits(old, random);
            var edited = SourceText.From(System.Text.Encoding.UTF8.GetString(bytes));
            if (!edited.Content.SequenceEqual(bytes)) return; // an edit split a multi-byte character: not a case
            var reparsed = PythonParser.Reparse(old, edited, changes, out int runs);
            Interlocked.Add(ref copied, runs);
            var whole = PythonParser.ParseWhole(edited);
            if (whole.HasErrors)
            {
                Interlocked.Increment(ref broken);
                if (!reparsed.HasErrors) failures.Add($"{file}: the edited text has errors, the reparse none");
                return;
            }
            Interlocked.Increment(ref compared);
            if (Difference(whole, reparsed) is { } d) failures.Add($"{file} ({string.Join(", ", changes)}): {d}");
        });
        output.WriteLine($"Python {version}: {compared} edited files compared, {broken} broken by their edits; {copied} statements taken from the old trees");
        Assert.True(compared > 300, $"expected hundreds of edited files, compared {compared}");
        // Most statements are untouched: a reparse that parsed everything again would pass the comparison and save nothing.
        Assert.True(copied > 10 * compared, $"only {copied} statements were taken from the old trees over {compared} files");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
    }

    /// <summary>
    /// One to four edits of the kinds a rewrite makes, and some it does not: a name renamed (longer or shorter), an import line
    /// inserted before a top-level statement, an expression replaced, a statement deleted, a stray bracket inserted.
    /// </summary>
    private static (List<ByteChange> Changes, byte[] Bytes) RandomEdits(SyntaxTree tree, Random random)
    {
        var nodes = tree.AllNodes().Where(n => n.IsNamed && n.StartByte < n.EndByte).ToList();
        var top = tree.Root.NamedChildren.ToList();
        if (nodes.Count == 0) return ([], tree.Source.Content.ToArray());
        var edits = new List<(int Start, int End, string Text)>();
        int count = random.Next(1, 5);
        for (int k = 0; k < count; k++)
        {
            (int, int, string) edit = random.Next(6) switch
            {
                0 or 1 => nodes.Where(n => n.Kind == "identifier").Skip(random.Next(200)).FirstOrNull() is { } id
                    ? (id.StartByte, id.EndByte, random.Next(2) == 0 ? "x" : "renamed_" + id.Text) : (0, 0, ""),
                2 => top.Count > 0 && top[random.Next(top.Count)] is var t ? (t.StartByte, t.StartByte, "import zz\n") : (0, 0, ""),
                3 => nodes.Where(n => n.Kind is "call" or "attribute" or "integer").Skip(random.Next(100)).FirstOrNull() is { } e
                    ? (e.StartByte, e.EndByte, "(1 + other.attr)") : (0, 0, ""),
                4 => top.Count > 1 && top[random.Next(top.Count)] is var d && d.Kind == "expression_statement" ? (d.StartByte, d.EndByte, "") : (0, 0, ""),
                _ => nodes[random.Next(nodes.Count)] is var b ? (b.StartByte, b.StartByte, "(") : (0, 0, ""),
            };
            if (edit is (0, 0, "")) continue;
            if (edits.Any(x => x.Start < edit.Item2 && edit.Item1 < x.End || x.Start == edit.Item1 || x.End == edit.Item1 || x.Start == edit.Item2)) continue;
            edits.Add(edit);
        }
        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var content = tree.Source.Content;
        var bytes = new List<byte>(content.Length + 100);
        var changes = new List<ByteChange>();
        int pos = 0;
        foreach (var (start, end, text) in edits)
        {
            bytes.AddRange(content[pos..start].ToArray());
            var add = System.Text.Encoding.UTF8.GetBytes(text);
            bytes.AddRange(add);
            changes.Add(new ByteChange(start, end, add.Length));
            pos = end;
        }
        bytes.AddRange(content[pos..].ToArray());
        return (changes, [.. bytes]);
    }

    /// <summary>The first node where the two trees differ in kind, field, range, flags, parent, children or next sibling.</summary>
    private static string? Difference(SyntaxTree a, SyntaxTree b)
    {
        if (a.NodeCount != b.NodeCount) return $"{a.NodeCount} nodes whole, {b.NodeCount} joined";
        for (int i = 0; i < a.NodeCount; i++)
        {
            var (x, y) = (a.Nodes[i], b.Nodes[i]);
            if (!x.Equals(y)) return $"node {i} ({new SyntaxNode(a, i).Kind} at {new SyntaxNode(a, i).Start}) differs";
            var (cx, cy) = (new SyntaxNode(a, i), new SyntaxNode(b, i));
            int c = 0;
            foreach (var (p, q) in cx.Children.Zip(cy.Children))
                if (p.Index != q.Index) return $"node {i}'s child {c} differs";
                else c++;
        }
        return null;
    }
}
