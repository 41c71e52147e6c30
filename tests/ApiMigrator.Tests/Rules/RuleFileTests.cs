using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Rules;

public class RuleFileTests
{
    [Fact]
    public void Every_kind_round_trips_through_yaml()
    {
        const string yaml = """
            - id: a
              kind: api_rename
              library: numpy
              versions: {from: "1.26", to: "2.0"}
              match: numpy.float_
              replace: numpy.float64
              support: 3
            - id: b
              kind: parameter
              library: pandas
              match: $df.to_csv
              where: {df: [pandas]}
              ops:
              - {op: rename, keyword: line_terminator, to: lineterminator}
              - {op: remove, keyword: squeeze, value: "True"}
              - {op: map_value, keyword: freq, from: '"H"', to: '"h"'}
              - {op: rewrite, keyword: keep_prob, to: rate, template: 1 - $v}
            - id: c
              kind: syntax
              library: stdlib
              match: typing.Optional[$T]
              replace: $T | None
              kinds: {T: '!string'}
              safety: unsafe
              imports: [from datetime import timezone]
            """;
        var (rules, errors) = RuleFile.Parse(yaml);
        Assert.Empty(errors);
        Assert.Equal(3, rules.Count);
        Assert.IsType<ApiRenameRule>(rules[0]);
        Assert.Equal(4, Assert.IsType<ParameterRule>(rules[1]).Ops.Count);
        Assert.Equal(Safety.Unsafe, rules[2].Safety);
        var written = RuleFile.Write(rules);
        var (again, errors2) = RuleFile.Parse(written);
        Assert.Empty(errors2);
        Assert.Equal(written, RuleFile.Write(again));
    }

    [Theory]
    [InlineData("- id: x\n  kind: rename\n  match: a.b\n  replace: a.c\n", "unknown kind 'rename'")]
    [InlineData("- id: x\n  kind: syntax\n  match: a.b(\n  replace: a.c\n", "does not parse")]
    [InlineData("- id: x\n  kind: syntax\n  match: a.b($x)\n  replace: a.c($y)\n", "$y")]
    [InlineData("- id: x\n  kind: api_rename\n  match: a.b\n", "needs 'replace'")]
    [InlineData("- id: x\n  kind: parameter\n  match: f\n  ops:\n  - {op: rename, keyword: a}\n", "bad op 'rename'")]
    [InlineData("- id: x\n  kind: syntax\n  match: a.b($x)\n  replace: c($x)\n  where: {y: [pkg]}\n", "$y")]
    [InlineData("- id: x\n  kind: api_rename\n  match: a.b\n  replace: a.c\n- id: x\n  kind: api_rename\n  match: a.d\n  replace: a.e\n", "duplicate id")]
    [InlineData("- id: x\n  kind: [oops\n", "line")]
    [InlineData("- id: x\n  kind: api_rename\n  match: tensorflow\n  replace: tensorflow.compat.v1\n", "never stop")]
    public void Bad_rules_are_reported_by_id_with_the_reason(string yaml, string expected)
    {
        var (_, errors) = RuleFile.Parse(yaml, "bad.yaml");
        var e = Assert.Single(errors);
        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("bad.yaml", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_rule_file_loads_cleanly()
    {
        var (rules, errors) = RuleFile.Load(Path.Combine(ApiMigrator.Tests.Data.DatasetFiles.RepoRoot, "data", "rules", "learned.yaml"));
        Assert.Empty(errors);
        Assert.True(rules.Count > 100);
    }
}
