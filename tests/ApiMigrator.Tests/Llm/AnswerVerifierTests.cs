using ApiMigrator.Llm;

namespace ApiMigrator.Tests.Llm;

public class AnswerVerifierTests
{
    private static readonly MigrationSite Site = new("x = np.float_(value)", "numpy", "1.26", "2.0") { ImportLines = ["import numpy as np"] };

    private static (LlmOutcome, string?) Verify(string code, Func<string, string?>? check = null, MigrationSite? site = null)
        => AnswerVerifier.Verify(AnswerVerifier.SplitImports(code, site ?? Site), site ?? Site, check);

    [Fact]
    public void Migrated_code_that_parses_is_accepted() => Assert.Equal((LlmOutcome.Accepted, null), Verify("x = np.float64(value)"));

    [Fact]
    public void Empty_code_is_rejected() => Assert.Equal((LlmOutcome.EmptyAnswer, "the answer has no code"), Verify(""));

    [Fact]
    public void Only_imports_is_rejected_as_empty()
        => Assert.Equal((LlmOutcome.EmptyAnswer, "the answer has only import lines, no migrated code"), Verify("from numpy import float64"));

    [Fact]
    public void Code_with_syntax_errors_is_rejected_with_the_position()
    {
        var (outcome, reason) = Verify("x = np.float64(value");
        Assert.Equal(LlmOutcome.SyntaxError, outcome);
        Assert.StartsWith("the code does not parse (1:", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_code_is_rejected_when_the_site_must_change_ignoring_trailing_spaces()
    {
        Assert.Equal(LlmOutcome.Unchanged, Verify("x = np.float_(value)   \n").Item1);
        Assert.Equal(LlmOutcome.Accepted, Verify("x = np.float_(value)", site: Site with { ChangeRequired = false }).Item1);
    }

    [Fact]
    public void The_callers_check_sees_imports_and_code_and_its_reason_is_kept()
    {
        string? seen = null;
        var (outcome, reason) = Verify("from numpy import float64\nx = float64(value)", s => { seen = s; return "still old"; });

        Assert.Equal((LlmOutcome.CheckFailed, "still old"), (outcome, reason));
        Assert.Equal("import numpy as np\nfrom numpy import float64\nx = float64(value)\n", seen);
    }

    [Fact]
    public void Leading_imports_are_split_off_and_echoed_ones_dropped()
    {
        var code = AnswerVerifier.SplitImports("import numpy as np\nfrom numpy import float64\n\nx = float64(value)\ny = 1", Site);

        Assert.Equal("x = float64(value)\ny = 1", code.Code);
        Assert.Equal(["from numpy import float64"], code.NewImports);
    }

    [Fact]
    public void An_import_site_keeps_its_imports_as_code()
    {
        var site = new MigrationSite("from airflow.operators.bash_operator import BashOperator", "airflow", "2", "3");
        var code = AnswerVerifier.SplitImports("from airflow.providers.standard.operators.bash import BashOperator", site);

        Assert.Equal("from airflow.providers.standard.operators.bash import BashOperator", code.Code);
        Assert.Empty(code.NewImports);
    }
}
