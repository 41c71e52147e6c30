using ApiMigrator.Llm;

namespace ApiMigrator.Tests.Llm;

public class AnswerExtractorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("```python\n```")]
    public void No_code_gives_an_empty_string(string? answer) => Assert.Equal("", AnswerExtractor.Extract(answer));

    [Fact]
    public void The_fenced_block_is_taken_and_the_prose_around_it_dropped()
        => Assert.Equal("x = np.float64(1)", AnswerExtractor.Extract("Here you go:\n```python\nx = np.float64(1)\n```\nThat replaces float_."));

    [Fact]
    public void A_python_block_wins_over_other_blocks()
        => Assert.Equal("y = 2", AnswerExtractor.Extract("```text\nnot this\n```\nand\n```python\ny = 2\n```"));

    [Fact]
    public void An_unclosed_fence_runs_to_the_end_so_a_truncated_answer_stays_truncated()
        => Assert.Equal("df = pd.concat([df,", AnswerExtractor.Extract("```python\ndf = pd.concat([df,\n"));

    [Fact]
    public void A_closing_fence_glued_to_the_last_line_still_closes()
        => Assert.Equal("a = 1\nb = 2", AnswerExtractor.Extract("```py\na = 1\nb = 2```"));

    [Fact]
    public void Bare_code_is_kept_whole_when_it_parses()
        => Assert.Equal("for x in items:\n    total += x", AnswerExtractor.Extract("for x in items:\n    total += x\n"));

    [Fact]
    public void Bare_code_loses_prose_lines_before_and_after()
        => Assert.Equal("df = pd.concat([df, feb])", AnswerExtractor.Extract("Here is the migrated code:\ndf = pd.concat([df, feb])\nThis works in pandas 2.0."));

    [Fact]
    public void A_keyword_line_is_never_taken_for_prose()
        => Assert.Equal("for x in y:", AnswerExtractor.Extract("for x in y:"));

    [Fact]
    public void Chat_template_tokens_are_removed()
        => Assert.Equal("z = 3", AnswerExtractor.Extract("```python\nz = 3\n```<|im_end|>"));

    [Fact]
    public void Indentation_shared_by_every_line_is_removed()
        => Assert.Equal("if a:\n    b()", AnswerExtractor.Extract("```python\n    if a:\n        b()\n```"));

    [Theory]
    [InlineData("Here is the migrated code:", true)]
    [InlineData("This uses pd.concat instead.", true)]
    [InlineData("df = pd.concat([df, feb])", false)]
    [InlineData("from pandas import concat", false)]
    [InlineData("    indented words are not prose", false)]
    public void Prose_is_a_sentence_that_is_not_python(string line, bool prose) => Assert.Equal(prose, AnswerExtractor.IsProse(line));
}
