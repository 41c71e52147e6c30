using ApiMigrator.Python;

namespace ApiMigrator.Tests.Python;

/// <summary>The formatting-free token sequence and the edit distance over it, against values computed by hand.</summary>
public class PythonTokensTests
{
    private const string NL = PythonTokens.Newline, IN = PythonTokens.Indent, DE = PythonTokens.Dedent;

    [Fact]
    public void Given_a_simple_statement_When_tokenized_Then_names_operators_numbers_and_the_logical_line_end_are_tokens()
    {
        Assert.Equal(["x", "=", "1", NL], PythonTokens.Tokenize("x = 1\n"));
        Assert.Equal(["x", "=", "1", NL], PythonTokens.Tokenize("x=1"));
        Assert.Equal(["a", "**=", "2", NL, "b", ":=", "f", "(", ")", "->", "c", NL], PythonTokens.Tokenize("a **= 2\nb := f() -> c\n"));
    }

    [Fact]
    public void Given_a_block_When_tokenized_Then_indent_and_dedent_are_tokens_but_breaks_inside_brackets_are_not()
    {
        Assert.Equal(["if", "a", ":", NL, IN, "b", "=", "(", "1", ",", "2", ")", NL, DE, "c", NL],
            PythonTokens.Tokenize("if a:\n    b = (1,\n  2)\n\n# only a comment line\nc\n").Where(t => !t.StartsWith('#')));
        Assert.Contains("# only a comment line", PythonTokens.Tokenize("if a:\n    b = (1,\n  2)\n\n# only a comment line\nc\n"));
    }

    [Fact]
    public void Given_unicode_names_strings_and_comments_When_tokenized_Then_each_is_one_token_and_surrogate_pairs_stay_whole()
    {
        Assert.Equal(["größe", "=", "'ü😀'", "# café", NL], PythonTokens.Tokenize("größe = 'ü😀'  # café   \n"));
        Assert.Equal(["s", "=", "f\"{x!r} \\\" y\"", NL], PythonTokens.Tokenize("s = f\"{x!r} \\\" y\"\n"));
        Assert.Equal(["t", "=", "\"\"\"a\n  b\"\"\"", NL], PythonTokens.Tokenize("t = \"\"\"a\n  b\"\"\"\n"));
        Assert.Equal(["😀", NL], PythonTokens.Tokenize("😀"));
        Assert.Equal(["\ud800", NL], PythonTokens.Tokenize("\ud800"));
    }

    [Fact]
    public void Given_numbers_When_tokenized_Then_exponents_and_hex_are_read_as_python_reads_them()
    {
        Assert.Equal(["1e-5", "+", "0x1E", "+", "1", "-", ".5j", NL], PythonTokens.Tokenize("1e-5 + 0x1E+1 - .5j"));
    }

    [Fact]
    public void Given_token_lists_Then_the_edit_distance_is_levenshtein_with_unit_costs()
    {
        Assert.Equal(3, TokenEditDistance.Between(["k", "i", "t", "t", "e", "n"], ["s", "i", "t", "t", "i", "n", "g"]));
        Assert.Equal(0, TokenEditDistance.Between([], []));
        Assert.Equal(2, TokenEditDistance.Between(["a", "b"], []));
        // A precomposed é and e + combining acute are different tokens: compared ordinally, as their bytes differ.
        Assert.Equal(1, TokenEditDistance.Between(["\u00e9"], ["e\u0301"]));
    }
}
