using ApiMigrator.Llm;
using ApiMigrator.Llm.Prompts;

namespace ApiMigrator.Tests.Llm;

public class PromptStrategyTests
{
    private const string Direct = "Return only the migrated code in one ```python block";

    private static readonly MigrationSite Site = new("all_ids = train_ids.append(extra_ids)", "pandas", "1.5", "2.0")
    {
        ImportLines = ["import pandas"],
        Target = "train_ids.append(extra_ids)",
        Line = 5,
    };

    private static readonly RuleHint Rule = new("pandas.DataFrame.append-removed", "DataFrame.append was removed; use pandas.concat.",
        "$obj.append($other)", "pandas.concat([$obj, $other])", 0.72)
    {
        ExampleBefore = "df = df.append(feb)",
        ExampleAfter = "df = pd.concat([df, feb])",
        Source = "https://pandas.pydata.org/docs/whatsnew/v2.0.0.html",
        Note = "DataFrame.append and Series.append were removed in 2.0.",
    };

    private static string User(Prompt prompt) => prompt.Messages.Single(m => m.Role == PromptRole.User).Text;

    [Fact]
    public void Every_registered_strategy_has_a_versioned_template_and_a_direct_prompt()
    {
        var context = new PromptContext(Site) { Rules = [Rule] };
        foreach (var name in PromptStrategies.Names)
        {
            var strategy = PromptStrategies.Create(name, new Bm25Retriever(TestData.Pairs()));
            var prompt = strategy.Build(context);

            Assert.Equal(name, strategy.Name);
            Assert.Matches(@"^1\+[0-9a-f]{8}$", strategy.TemplateVersion);
            Assert.Equal((name, strategy.TemplateVersion), (prompt.Strategy, prompt.TemplateVersion));
            Assert.Equal([PromptRole.System, PromptRole.User], prompt.Messages.Select(m => m.Role));
            Assert.Contains(Direct, prompt.Messages[0].Text, StringComparison.Ordinal);
            Assert.EndsWith(Direct + ".", User(prompt), StringComparison.Ordinal);
            Assert.Contains("from pandas 1.5 to pandas 2.0", User(prompt), StringComparison.Ordinal);
            Assert.Contains("```python\nimport pandas\n```", User(prompt), StringComparison.Ordinal);
            Assert.Contains("```python\nall_ids = train_ids.append(extra_ids)\n```", User(prompt), StringComparison.Ordinal);
            Assert.DoesNotContain("{{", User(prompt), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_strategy_name_lists_the_known_ones()
        => Assert.Equal("unknown prompt strategy 'cot' (known: zero-shot, few-shot, rule-guided, doc-guided) (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => PromptStrategies.Create("cot")).Message);

    [Fact]
    public void Few_shot_shows_the_k_most_similar_training_pairs_before_and_after()
    {
        var prompt = new FewShotStrategy(new Bm25Retriever(TestData.Pairs()), k: 2).Build(new PromptContext(Site));

        var user = User(prompt);
        Assert.Contains("Example 1:\nBefore:\n```python\n", user, StringComparison.Ordinal);
        Assert.Contains("Example 2:", user, StringComparison.Ordinal);
        Assert.DoesNotContain("Example 3:", user, StringComparison.Ordinal);
        Assert.Contains("concat(", user, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_guided_spells_out_the_rule_and_the_exact_site()
    {
        var user = User(new RuleGuidedStrategy().Build(new PromptContext(Site) { Rules = [Rule] }));

        Assert.Contains("Rule pandas.DataFrame.append-removed (confidence 0.72): DataFrame.append was removed; use pandas.concat.", user, StringComparison.Ordinal);
        Assert.Contains("Old form: $obj.append($other)\nNew form: pandas.concat([$obj, $other])", user, StringComparison.Ordinal);
        Assert.Contains("Example before:\n```python\ndf = df.append(feb)\n```\nExample after:\n```python\ndf = pd.concat([df, feb])\n```", user, StringComparison.Ordinal);
        Assert.Contains("Change this part (line 5): `train_ids.append(extra_ids)`", user, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_guided_without_a_rule_is_a_caller_error()
        => Assert.Throws<ArgumentException>(() => new RuleGuidedStrategy().Build(new PromptContext(Site)));

    [Fact]
    public void Doc_guided_quotes_the_documented_change_and_its_source()
    {
        var docs = DocHint.FromPairs(TestData.Pairs(), ["pandas.DataFrame.append-removed", "no-such-pattern"]);
        var doc = Assert.Single(docs);

        var user = User(new DocGuidedStrategy().Build(new PromptContext(Site) { Docs = docs }));

        Assert.Contains($"- {doc.Note}\n  Source: {doc.Source}", user, StringComparison.Ordinal);
        Assert.StartsWith("https://pandas.pydata.org/", doc.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Doc_guided_also_takes_the_source_and_note_of_a_rule_and_needs_one_of_them()
    {
        var user = User(new DocGuidedStrategy().Build(new PromptContext(Site) { Rules = [Rule] }));
        Assert.Contains("- DataFrame.append and Series.append were removed in 2.0.\n  Source: https://pandas.pydata.org/docs/whatsnew/v2.0.0.html", user, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new DocGuidedStrategy().Build(new PromptContext(Site)));
    }

    [Fact]
    public void Code_that_looks_like_a_placeholder_is_inserted_verbatim()
    {
        var user = User(new ZeroShotStrategy().Build(new PromptContext(Site with { Code = "s = '{{library}}'.format()" })));
        Assert.Contains("s = '{{library}}'.format()", user, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_needs_a_version_and_every_placeholder_needs_a_value()
    {
        Assert.Throws<FormatException>(() => PromptTemplate.Parse("t", "[user]\nhi"));
        var template = PromptTemplate.Parse("t", "# version: 3\n[user]\nhi {{name}}");
        Assert.Equal(new HashSet<string> { "name" }, template.Placeholders);
        Assert.Equal("hi you", template.Render(new Dictionary<string, string> { ["name"] = "you" }).Single().Text);
        Assert.Throws<InvalidOperationException>(() => template.Render(new Dictionary<string, string>()));
    }
}
