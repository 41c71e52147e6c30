using ApiMigrator.Python;

namespace ApiMigrator.Tests.Python;

public class SyntaxTreeTests
{
    [Fact]
    public void Call_has_function_and_arguments_fields()
    {
        var tree = PythonParser.Parse("x = np.float_(3)\n");
        var call = tree.AllNodes().Single(n => n.Kind == "call");
        Assert.Equal("np.float_", call.ChildByField("function")!.Value.Text);
        Assert.Equal("(3)", call.ChildByField("arguments")!.Value.Text);
        Assert.Equal("attribute", call.ChildByField("function")!.Value.Kind);
        Assert.Equal(new LinePosition(1, 5), call.Start);
        Assert.Equal(new LinePosition(1, 17), call.End);
        Assert.False(tree.HasErrors);
    }

    [Fact]
    public void Parent_children_and_descendants_agree()
    {
        var tree = PythonParser.Parse("def f(a, b=1):\n    return [x for x in a if x]\n");
        foreach (var n in tree.AllNodes())
        {
            int i = 0;
            foreach (var c in n.Children)
            {
                Assert.Equal(n, c.Parent);
                Assert.Equal(c, n.Child(i++));
                Assert.True(n.Contains(c));
            }
            Assert.Equal(n.ChildCount, i);
            Assert.Equal(n.DescendantsAndSelf().Count(), 1 + n.Children.Sum(c => c.DescendantsAndSelf().Count()));
        }
    }

    [Fact]
    public void Children_list_agrees_with_child_by_index_through_every_access_path()
    {
        // Given a tree with fields, keywords, punctuation and nesting
        var tree = PythonParser.Parse("import a.b as c\nclass K(B, metaclass=M):\n    def f(self, *a, **k): return {k: v for k, v in a}\n");
        foreach (var n in tree.AllNodes())
        {
            // When the children are read as a list, through LINQ (boxed enumerator) and by index
            var list = n.Children;
            var viaLinq = list.ToList();
            var byIndex = Enumerable.Range(0, n.ChildCount).Select(n.Child).ToList();

            // Then all agree, in document order, and the filtered views keep that order
            Assert.Equal(n.ChildCount, list.Count);
            Assert.Equal(byIndex, viaLinq);
            Assert.Equal(byIndex, Enumerable.Range(0, list.Count).Select(i => list[i]));
            Assert.Equal(byIndex.Where(c => c.IsNamed), n.NamedChildren);
            foreach (var field in byIndex.Select(c => c.FieldName).OfType<string>().Distinct())
                Assert.Equal(byIndex.Where(c => c.FieldName == field), n.ChildrenByField(field));
            Assert.True(byIndex.Select(c => c.Index).SequenceEqual(byIndex.Select(c => c.Index).Order()));
            Assert.Equal(byIndex.Count == 0 ? null : byIndex[^1], n.LastChild);
        }
    }

    [Fact]
    public void Syntax_errors_are_reported_with_positions()
    {
        var tree = PythonParser.Parse("def f(:\n    pass\nx = (1,\n");
        Assert.True(tree.HasErrors);
        Assert.NotEmpty(tree.Diagnostics);
        Assert.All(tree.Diagnostics, d => Assert.StartsWith("syntax error", d.Message));
        Assert.Equal(1, tree.Diagnostics[0].Position.Line);
    }

    [Fact]
    public void Missing_tokens_are_reported()
    {
        var tree = PythonParser.Parse("print(1\n");
        Assert.True(tree.HasErrors);
        Assert.NotEmpty(tree.Diagnostics);
    }

    [Fact]
    public void Format_spec_text_is_not_rebuilt_from_leaves_but_read_from_source()
    {
        // The ".2f" part of a format spec belongs to no leaf in tree-sitter-python.
        const string text = "s = f\"{x:{w}.2f}\"\n";
        var tree = PythonParser.Parse(text);
        var leaves = string.Concat(tree.AllNodes().Where(n => n.ChildCount == 0).Select(n => n.Text));
        Assert.DoesNotContain(".2f", leaves);
        var spec = tree.AllNodes().Single(n => n.Kind == "format_specifier");
        Assert.Equal(":{w}.2f", spec.Text);
    }

    [Fact]
    public void Empty_source_parses_to_an_empty_module()
    {
        var tree = PythonParser.Parse("");
        Assert.Equal("module", tree.Root.Kind);
        Assert.False(tree.HasErrors);
        Assert.Equal(0, tree.Root.ChildCount);
    }

    [Fact]
    public void Crlf_and_tabs_parse_cleanly()
    {
        var tree = PythonParser.Parse("if x:\r\n\tif y:\r\n\t\tz = 1\r\n");
        Assert.False(tree.HasErrors);
        Assert.Equal(3, tree.AllNodes().Single(n => n.Kind == "assignment").Start.Line);
    }

    [Fact]
    public void Parsing_is_safe_from_many_threads()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"def f{i}(a):\n    return a + {i}\n").ToArray();
        var counts = new int[texts.Length];
        Parallel.For(0, texts.Length, i => counts[i] = PythonParser.Parse(texts[i]).NodeCount);
        Assert.All(counts, c => Assert.Equal(counts[0], c));
    }
}
