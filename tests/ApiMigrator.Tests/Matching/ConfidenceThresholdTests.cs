using ApiMigrator.Hybrid;
using ApiMigrator.Matching;
using ApiMigrator.Rewriting;
using ApiMigrator.Rules;
using static ApiMigrator.Tests.Matching.MatchingHarness;

namespace ApiMigrator.Tests.Matching;

/// <summary>
/// Confidence of real matches (rule prior × the weakest evidence factor) and the tier it lands in with the
/// default thresholds: direct at or above 0.85, the model's guided tier from 0.6, a plain prompt below.
/// </summary>
public class ConfidenceThresholdTests
{
    private const double Direct = 0.85, Guided = 0.6;

    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        ["float"] = """
            - id: numpy-float_
              kind: api_rename
              library: numpy
              match: numpy.float_
              replace: numpy.float64
            """,
        ["float-learned-2"] = """
            - id: numpy-float_
              kind: api_rename
              library: numpy
              match: numpy.float_
              replace: numpy.float64
              support: 2
            """,
        ["float-negative-hit"] = """
            - id: numpy-float_
              kind: api_rename
              library: numpy
              match: numpy.float_
              replace: numpy.float64
              negative_hits: 1
            """,
        ["iteritems"] = """
            - id: pandas-iteritems
              kind: api_rename
              library: pandas
              match: $df.iteritems
              replace: $df.items
              where: {df: [pandas.DataFrame, pandas.Series]}
            """,
        ["iteritems-learned-3"] = """
            - id: pandas-iteritems
              kind: api_rename
              library: pandas
              match: $df.iteritems
              replace: $df.items
              where: {df: [pandas.DataFrame, pandas.Series]}
              support: 3
            """,
        ["backfill-package-only"] = """
            - id: pandas-backfill
              kind: api_rename
              library: pandas
              match: $obj.backfill
              replace: $obj.bfill
              where: {obj: [pandas]}
            """,
        ["setDaemon-structural"] = """
            - id: setDaemon
              kind: syntax
              library: stdlib
              match: $t.setDaemon($v)
              replace: $t.daemon = $v
            """,
    };

    [Theory]
    // A name resolved through an import: the prior itself.
    [InlineData("float", "import numpy as np\nx = np.float_\n", 0.95, "direct")]
    [InlineData("float-learned-2", "import numpy as np\nx = np.float_\n", 0.9375, "direct")]
    // Only a conventional alias: × 0.8, never direct.
    [InlineData("float", "x = np.float_\n", 0.95 * 0.8, "guided")]
    [InlineData("float-learned-2", "x = np.float_\n", 0.9375 * 0.8, "guided")]
    // A negative training hit halves even a hand-written prior.
    [InlineData("float-negative-hit", "import numpy as np\nx = np.float_\n", 0.95 * 0.5, "plain")]
    // Receiver evidence: a named type, unknown in a file that imports the library, unknown elsewhere.
    [InlineData("iteritems", "import pandas as pd\ndf = pd.DataFrame()\ndf.iteritems()\n", 0.95, "direct")]
    [InlineData("iteritems-learned-3", "import pandas as pd\ndf = pd.DataFrame()\ndf.iteritems()\n", 0.9375, "direct")]
    [InlineData("iteritems", "import pandas as pd\ndef f(df):\n    return df.iteritems()\n", 0.95 * 0.75, "guided")]
    [InlineData("iteritems", "def f(df):  # a pandas frame\n    return df.iteritems()\n", 0.95 * 0.45, "plain")]
    // A rule that names only the package: a DataFrame receiver is "some pandas value" (× 0.8).
    [InlineData("backfill-package-only", "import pandas as pd\ndf = pd.DataFrame()\ndf.backfill()\n", 0.95 * 0.8, "guided")]
    // No names and no constraint: a structural match only (× 0.7).
    [InlineData("setDaemon-structural", "t.setDaemon(True)\n", 0.95 * 0.7, "guided")]
    public void A_match_confidence_is_the_prior_times_its_weakest_evidence(string rule, string code, double expected, string tier)
    {
        var m = Assert.Single(CodeMatches(Rules[rule], code));
        Assert.Equal(expected, m.Confidence, 12);
        Assert.Equal(tier, Tier(m.Confidence));
    }

    [Fact]
    public void The_default_thresholds_are_085_direct_and_06_guided()
    {
        Assert.Equal(Direct, new RewriteOptions().MinConfidence);
        Assert.Equal(Direct, new HybridOptions().MinConfidence);
        Assert.Equal(Guided, new HybridOptions().GuidedThreshold);
        Assert.Equal(Direct, Thresholds.MinConfidence);
        Assert.Equal(Guided, Thresholds.GuidedThreshold);
    }

    [Fact]
    public void A_hand_written_rule_with_resolved_names_is_applied_directly_and_a_weak_factor_keeps_it_below()
    {
        Assert.True(Confidence.HandWrittenPrior >= Direct);
        foreach (var weak in new[] { Confidence.ConventionalAlias, Confidence.ReceiverLibraryOnly, Confidence.ReceiverLibraryImported, Confidence.StructuralOnly })
        {
            // Every weak factor but "unknown, library not imported" still guides the model.
            Assert.InRange(Confidence.HandWrittenPrior * weak, Guided, Direct - 1e-9);
        }
        Assert.True(Confidence.HandWrittenPrior * Confidence.ReceiverUnknown < Guided);
    }

    [Fact]
    public void No_learned_prior_times_a_weak_factor_reaches_the_direct_threshold()
    {
        var weakest = new[] { Confidence.ConventionalAlias, Confidence.ReceiverLibraryOnly, Confidence.ReceiverLibraryImported, Confidence.StructuralOnly, Confidence.ReceiverUnknown };
        for (int s = 1; s <= 60; s++)
            foreach (bool crisp in new[] { false, true })
                foreach (var f in weakest)
                    Assert.True(Confidence.RulePrior(s, 0, 0, handWritten: false, crisp) * f < Direct, $"support {s}, crisp {crisp}, factor {f}");
    }

    [Theory]
    // A learned rule with metavariables reaches the direct threshold from its second pair (1 − 0.5^3 = 0.875).
    [InlineData(1, false, false)]
    [InlineData(2, false, true)]
    // With no metavariables one pair is enough (1 − 0.5^3 = 0.875).
    [InlineData(1, true, true)]
    public void Support_needed_for_a_direct_rewrite(int support, bool crisp, bool direct)
    {
        Assert.Equal(direct, Confidence.RulePrior(support, 0, 0, handWritten: false, crisp) >= Direct);
    }

    [Theory]
    // A generalized rule with metavariables needs six pairs: (1 − 0.5^7) × 0.86 = 0.8533.
    [InlineData("$x.iteritems", 5, 0.984375 * 0.86, "guided")]
    [InlineData("$x.iteritems", 6, 0.9921875 * 0.86, "direct")]
    // A generalized rule with no metavariables (a module move) counts one pair more: five are enough.
    [InlineData("pandas.io.json", 4, 0.984375 * 0.86, "guided")]
    [InlineData("pandas.io.json", 5, 0.9921875 * 0.86, "direct")]
    public void A_generalized_rule_is_scaled_by_the_generalized_factor(string match, int support, double expected, string tier)
    {
        var rule = Parse($"""
            - id: g
              kind: api_rename
              library: pandas
              match: {match}
              replace: pandas
              support: {support}
              generalized: true
            """);
        Assert.Equal(expected, Confidence.PriorOf(rule), 12);
        Assert.Equal(tier, Tier(Confidence.PriorOf(rule)));
        Assert.Equal(Confidence.PriorOf(rule), Confidence.PriorOf(rule with { Generalized = false }) * Confidence.GeneralizedFactor, 12);
    }

    [Theory]
    // No support recorded: a hand-written rule.
    [InlineData("match: numpy.float_\n  replace: numpy.float64", 0.95)]
    [InlineData("match: numpy.float_\n  replace: numpy.float64\n  support: 1", 0.875)]
    [InlineData("match: $a.float_\n  replace: $a.float64\n  support: 1", 0.75)]
    [InlineData("match: numpy.float_\n  replace: numpy.float64\n  support: 2\n  conflicts: 2", 0.9375 * 0.5)]
    public void A_rule_prior_reads_its_support_conflicts_and_shape(string body, double expected)
    {
        var rule = Parse($"- id: r\n  kind: api_rename\n  library: numpy\n  {body}\n");
        Assert.Equal(expected, Confidence.PriorOf(rule), 12);
    }

    [Fact]
    public void A_keyword_op_rule_on_a_qualified_callee_has_no_metavariables()
    {
        var rule = Parse("""
            - id: sleep
              kind: parameter
              library: stdlib
              match: asyncio.sleep
              ops:
              - {op: remove, keyword: loop}
              support: 1
            """);
        Assert.Equal(0.875, Confidence.PriorOf(rule), 12);
    }

    private static MigrationRule Parse(string yaml)
    {
        var (rules, errors) = RuleFile.Parse(yaml);
        Assert.Empty(errors);
        return Assert.Single(rules);
    }

    private static string Tier(double confidence) => confidence >= Direct ? "direct" : confidence >= Guided ? "guided" : "plain";
}
