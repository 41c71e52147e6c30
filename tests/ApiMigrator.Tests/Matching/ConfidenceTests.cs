using ApiMigrator.Matching;
using ApiMigrator.Python;
using ApiMigrator.Types;

namespace ApiMigrator.Tests.Matching;

public class ConfidenceTests
{
    private static readonly TypeInference Types = TypeInference.For(ModuleScope.Build(PythonParser.Parse("x = 1\n")));

    private static (double Factor, string Note)? Evidence(PyType actual, string[] required, bool receiver = true, bool argument = false, bool imported = true)
        => Confidence.TypeEvidence("df", actual, required, Types, receiver, argument, imported);

    [Theory]
    [InlineData(1, 0.75)]
    [InlineData(2, 0.875)]
    [InlineData(3, 0.9375)]
    [InlineData(4, 0.96875)]
    public void A_learned_rule_prior_grows_with_support(int support, double expected)
    {
        Assert.Equal(expected, Confidence.RulePrior(support, 0, 0, handWritten: false), 6);
    }

    [Fact]
    public void Conflicts_and_negative_hits_lower_the_prior()
    {
        var clean = Confidence.RulePrior(4, 0, 0, handWritten: false);
        Assert.True(Confidence.RulePrior(4, 4, 0, handWritten: false) < clean);
        Assert.Equal(clean / 2, Confidence.RulePrior(4, 0, 1, handWritten: false), 6);
        Assert.Equal(Confidence.HandWrittenPrior, Confidence.RulePrior(0, 0, 0, handWritten: true));
    }

    [Fact]
    public void A_receiver_of_a_named_type_is_strong_evidence()
    {
        var e = Evidence(PyType.Of("pandas.DataFrame"), ["pandas.DataFrame", "pandas.Series"]);
        Assert.Equal(Confidence.ReceiverTyped, e!.Value.Factor);
    }

    [Fact]
    public void An_optional_receiver_is_checked_on_its_non_none_part()
    {
        var e = Evidence(PyType.Of(["pandas.DataFrame", TypeNames.NoneType]), ["pandas.DataFrame"]);
        Assert.Equal(Confidence.ReceiverTyped, e!.Value.Factor);
    }

    [Theory]
    [InlineData("builtins.list")]
    [InlineData("pandas.Index")]
    [InlineData("pandas.HDFStore")]
    [InlineData("local.Store")]
    [InlineData("pandas.core.strings.accessor.StringMethods")]
    public void A_receiver_of_a_known_other_type_rejects_the_match(string type)
    {
        Assert.Null(Evidence(PyType.Of(type), ["pandas.DataFrame", "pandas.Series"]));
    }

    [Fact]
    public void A_package_only_rule_is_weak_evidence_for_a_receiver_and_never_reaches_the_direct_threshold()
    {
        // Given a rule that names only the package, and a receiver that is a DataFrame
        var e = Evidence(PyType.Of("pandas.DataFrame"), ["pandas"]);

        // Then the match is weak: even the best prior stays below the direct threshold
        Assert.Equal(Confidence.ReceiverLibraryOnly, e!.Value.Factor);
        Assert.True(Confidence.RulePrior(20, 0, 0, handWritten: false) * e.Value.Factor < 0.85);
    }

    [Fact]
    public void A_callee_from_the_named_package_is_strong_evidence()
    {
        var e = Evidence(PyType.Of("type[pandas.DataFrame]"), ["pandas"], receiver: false);
        Assert.Equal(Confidence.Resolved, e!.Value.Factor);
    }

    [Fact]
    public void A_receiver_of_unknown_type_is_at_most_a_finding()
    {
        var inFileWithImport = Evidence(PyType.Unknown, ["pandas.DataFrame"]);
        var elsewhere = Evidence(PyType.Unknown, ["pandas.DataFrame"], imported: false);
        Assert.Equal(Confidence.ReceiverLibraryImported, inFileWithImport!.Value.Factor);
        Assert.Equal(Confidence.ReceiverUnknown, elsewhere!.Value.Factor);
        Assert.True(Confidence.HandWrittenPrior * inFileWithImport.Value.Factor < 0.85);
    }

    [Fact]
    public void Some_pandas_value_asked_to_be_a_DataFrame_is_unknown_not_a_mismatch()
    {
        var e = Evidence(PyType.Of("pandas.*"), ["pandas.DataFrame"]);
        Assert.Equal(Confidence.ReceiverLibraryImported, e!.Value.Factor);
    }

    [Fact]
    public void A_partly_known_receiver_is_not_strong()
    {
        var e = Evidence(PyType.Of(["pandas.DataFrame"], open: true), ["pandas.DataFrame"]);
        Assert.True(e!.Value.Factor < Confidence.ReceiverTyped);
    }

    [Fact]
    public void An_argument_of_unknown_type_is_no_evidence_either_way_but_a_known_other_type_rejects()
    {
        Assert.Equal(1.0, Evidence(PyType.Unknown, ["pandas.DataFrame"], receiver: false, argument: true)!.Value.Factor);
        Assert.Null(Evidence(PyType.Of("builtins.dict"), ["pandas.DataFrame", "pandas.Series"], receiver: false, argument: true));
    }
    [Theory]
    [InlineData(1, 0.875)]
    [InlineData(2, 0.9375)]
    [InlineData(3, 0.96875)]
    [InlineData(4, 0.984375)]
    public void A_rule_with_no_metavariables_counts_one_pair_more(int support, double expected)
    {
        Assert.Equal(expected, Confidence.RulePrior(support, 0, 0, handWritten: false, crisp: true), 12);
        Assert.Equal(Confidence.RulePrior(support + 1, 0, 0, handWritten: false), Confidence.RulePrior(support, 0, 0, handWritten: false, crisp: true), 12);
    }

    [Fact]
    public void A_learned_rule_with_no_recorded_support_counts_as_seen_once()
    {
        Assert.Equal(0.75, Confidence.RulePrior(0, 0, 0, handWritten: false), 12);
        Assert.Equal(0.75, Confidence.RulePrior(-3, 0, 0, handWritten: false), 12);
    }

    [Theory]
    // consistency s / (s + conflicts) scales the support term.
    [InlineData(3, 1, 0.9375 * 0.75)]
    [InlineData(2, 2, 0.875 * 0.5)]
    [InlineData(1, 3, 0.75 * 0.25)]
    public void Conflicts_scale_the_prior_by_consistency(int support, int conflicts, double expected)
    {
        Assert.Equal(expected, Confidence.RulePrior(support, conflicts, 0, handWritten: false), 12);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.25)]
    [InlineData(3, 0.125)]
    public void Every_negative_hit_halves_the_prior_learned_or_hand_written(int negativeHits, double scale)
    {
        Assert.Equal(0.96875 * scale, Confidence.RulePrior(4, 0, negativeHits, handWritten: false), 12);
        Assert.Equal(0.95 * scale, Confidence.RulePrior(0, 0, negativeHits, handWritten: true), 12);
    }

    [Fact]
    public void A_hand_written_prior_ignores_support_conflicts_and_shape()
    {
        Assert.Equal(0.95, Confidence.HandWrittenPrior);
        Assert.Equal(0.95, Confidence.RulePrior(10, 5, 0, handWritten: true), 12);
        Assert.Equal(0.95, Confidence.RulePrior(1, 0, 0, handWritten: true, crisp: true), 12);
    }

    [Fact]
    public void Support_conflicts_and_negative_hits_combine_by_multiplication()
    {
        // (1 - 0.5^4) × 3/(3+1) × 0.5^2
        Assert.Equal(0.9375 * 0.75 * 0.25, Confidence.RulePrior(3, 1, 2, handWritten: false), 12);
        // crisp: (1 - 0.5^5) × 3/(3+1) × 0.5
        Assert.Equal(0.96875 * 0.75 * 0.5, Confidence.RulePrior(3, 1, 1, handWritten: false, crisp: true), 12);
    }

    [Fact]
    public void The_prior_grows_strictly_with_support_and_stays_below_one()
    {
        double previous = 0;
        for (int s = 1; s <= 40; s++)
        {
            var p = Confidence.RulePrior(s, 0, 0, handWritten: false);
            Assert.True(p > previous && p < 1, $"support {s}: {p}");
            previous = p;
        }
    }

    [Fact]
    public void The_evidence_factors_are_the_documented_values()
    {
        Assert.Equal(0.86, Confidence.GeneralizedFactor);
        Assert.Equal(1.0, Confidence.Resolved);
        Assert.Equal(0.8, Confidence.ConventionalAlias);
        Assert.Equal(1.0, Confidence.ReceiverTyped);
        Assert.Equal(0.8, Confidence.ReceiverLibraryOnly);
        Assert.Equal(0.75, Confidence.ReceiverLibraryImported);
        Assert.Equal(0.45, Confidence.ReceiverUnknown);
        Assert.Equal(0.7, Confidence.StructuralOnly);
    }

    [Fact]
    public void Type_evidence_notes_say_what_was_seen()
    {
        Assert.Equal("$df is pandas.DataFrame", Evidence(PyType.Of("pandas.DataFrame"), ["pandas.DataFrame"])!.Value.Note);
        Assert.Equal("$df comes from pandas", Evidence(PyType.Of("type[pandas.DataFrame]"), ["pandas"], receiver: false)!.Value.Note);
        Assert.StartsWith("$df of unknown type", Evidence(PyType.Unknown, ["pandas.DataFrame"], imported: false)!.Value.Note, StringComparison.Ordinal);
        Assert.EndsWith("file imports pandas.DataFrame", Evidence(PyType.Unknown, ["pandas.DataFrame"])!.Value.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subclass_of_a_named_type_is_strong_evidence()
    {
        var types = TypeInference.For(ModuleScope.Build(PythonParser.Parse("import pandas as pd\nclass Frame(pd.DataFrame):\n    pass\n")));
        var e = Confidence.TypeEvidence("df", PyType.Of("local.Frame"), ["pandas.DataFrame"], types, receiver: true, argument: false, libraryImported: true);
        Assert.Equal(Confidence.ReceiverTyped, e!.Value.Factor);
    }
}
