using ApiMigrator.Evaluation;

namespace ApiMigrator.Tests.Evaluation;

/// <summary>The metric functions against values computed by hand.</summary>
public class MetricsTests
{
    [Fact]
    public void Given_CRLF_and_LF_versions_of_the_same_code_Then_not_exact_but_exact_modulo_formatting_and_similarity_1()
    {
        const string lf = "import numpy as np\nx = np.float64(1)\n";
        const string crlf = "import numpy as np\r\nx = np.float64(1)\r\n";

        Assert.False(Metrics.Exact(crlf, lf));
        Assert.True(Metrics.ExactModuloFormatting(crlf, lf));
        Assert.Equal(1.0, Metrics.Similarity(crlf, lf));
        Assert.Equal(new PairScore(false, true, 1.0), Metrics.Score(crlf, lf));
        Assert.True(Metrics.ExactModuloFormatting("a = b\r", "a = b\n"));
    }

    [Fact]
    public void Given_layout_only_differences_Then_exact_modulo_formatting_holds()
    {
        Assert.True(Metrics.ExactModuloFormatting("f(a,\n  b)\n", "f(a, b)\n"));
        Assert.True(Metrics.ExactModuloFormatting("x = 1  # note   \n", "x = 1 # note\n"));
        Assert.True(Metrics.ExactModuloFormatting("if a:\n  b\n", "if a:\n        b\n\n\n"));
        Assert.True(Metrics.ExactModuloFormatting("x = 1 + \\\n    2\n", "x = 1 + 2\n"));
    }

    [Fact]
    public void Given_differences_that_change_the_program_or_its_text_Then_exact_modulo_formatting_fails()
    {
        Assert.False(Metrics.ExactModuloFormatting("if a:\n    b\nc\n", "if a:\n    b\n    c\n"));
        Assert.False(Metrics.ExactModuloFormatting("s = 'a b'\n", "s = 'a  b'\n"));
        Assert.False(Metrics.ExactModuloFormatting("s = 'a'\n", "s = \"a\"\n"));
        Assert.False(Metrics.ExactModuloFormatting("x = 1  # a\n", "x = 1  # b\n"));
        Assert.False(Metrics.ExactModuloFormatting("a\nb\n", "a b\n"));
    }

    [Fact]
    public void Given_hand_computed_cases_Then_similarity_is_one_minus_token_edits_over_the_longer_sequence()
    {
        // [größe, =, 1, NEWLINE] vs [grösse, =, 1, NEWLINE]: one substitution of four tokens.
        Assert.Equal(0.75, Metrics.Similarity("größe = 1\n", "grösse = 1\n"), 12);
        // [df . append ( x ) NEWLINE] (7) vs [pd . concat ( [ df , x ] ) NEWLINE] (11): 2 substitutions + 4 insertions.
        Assert.Equal(1 - 6.0 / 11, Metrics.Similarity("df.append(x)\n", "pd.concat([df, x])\n"), 12);
        Assert.Equal(1.0, Metrics.Similarity("", ""));
        Assert.Equal(1.0, Metrics.Similarity("\n\n", "   "));
        Assert.Equal(0.0, Metrics.Similarity("a\n", ""));
        Assert.Equal(0.5, Metrics.Similarity("a\n", "b\r\n"), 12);
    }

    [Fact]
    public void Given_one_of_two_needed_changes_Then_it_is_a_step_towards_after_and_a_wrong_change_is_not()
    {
        const string before = "a = np.float_\nb = np.int_\n";
        const string after = "a = np.float64\nb = np.int64\n";

        Assert.True(Metrics.IsStepTowards(before, "a = np.float64\nb = np.int_\n", after));
        Assert.True(Metrics.IsStepTowards(before, after, after));
        Assert.False(Metrics.IsStepTowards(before, "a = np.float32\nb = np.int_\n", after));
        Assert.False(Metrics.IsStepTowards(before, before, after));
        Assert.False(Metrics.IsStepTowards("x = f(a)\n", "x = g(a)\n", "x = f(a)\n"));
    }
}
