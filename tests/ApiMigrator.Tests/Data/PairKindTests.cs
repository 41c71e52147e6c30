using ApiMigrator.Data;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Data;

/// <summary>The dataset spells kinds as the rule registry does, plus <c>other</c>.</summary>
public class PairKindTests
{
    public static TheoryData<string> RuleKinds() => [.. RuleRegistry.Kinds.Keys];

    [Theory]
    [MemberData(nameof(RuleKinds))]
    public void Every_registered_rule_kind_is_a_dataset_kind_of_the_same_spelling(string name)
    {
        var kind = MigrationPair.ParseKind(name);
        Assert.NotNull(kind);
        Assert.Equal(RuleRegistry.Kinds[name].ToString(), kind.Value.ToString());
        Assert.Equal(name, MigrationPair.KindName(kind));
    }

    [Fact]
    public void Every_pair_kind_but_other_is_a_registered_rule_kind()
    {
        foreach (var kind in Enum.GetValues<PairKind>().Where(k => k != PairKind.Other))
            Assert.Contains(MigrationPair.KindName(kind), RuleRegistry.Kinds.Keys);
    }

    [Theory]
    [InlineData(PairKind.ApiRename, "api_rename")]
    [InlineData(PairKind.Parameter, "parameter")]
    [InlineData(PairKind.Syntax, "syntax")]
    [InlineData(PairKind.Other, "other")]
    [InlineData(null, "unknown")]
    [InlineData((PairKind)99, "unknown")]
    public void Kind_names_are_the_dataset_spellings(PairKind? kind, string expected)
    {
        Assert.Equal(expected, MigrationPair.KindName(kind));
    }

    [Theory]
    [InlineData("api_rename", PairKind.ApiRename)]
    [InlineData("parameter", PairKind.Parameter)]
    [InlineData("syntax", PairKind.Syntax)]
    [InlineData("other", PairKind.Other)]
    [InlineData("API_RENAME", null)]
    [InlineData("ApiRename", null)]
    [InlineData("unknown", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Parsing_a_kind_is_exact(string? text, PairKind? expected)
    {
        Assert.Equal(expected, MigrationPair.ParseKind(text));
    }

    [Fact]
    public void The_kind_names_list_the_registry_then_other()
    {
        Assert.Equal(["api_rename", "parameter", "syntax", "other"], MigrationPair.KindNames);
    }
}
