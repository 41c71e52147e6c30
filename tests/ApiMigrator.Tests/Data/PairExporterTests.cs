using System.Text.Json;
using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

public class PairExporterTests
{
    private static readonly MigrationPair Positive = new(
        "pandas-append-001", "import pandas as pd\n\ndf = df.append(other)  # \"keep\" é\n", "import pandas as pd\n\ndf = pd.concat([df, other])  # \"keep\" é\n",
        Library: "pandas", FromVersion: "1.5", ToVersion: "2.0", Kind: PairKind.Parameter, Pattern: "pandas.DataFrame.append-removed");

    private static readonly MigrationPair Negative = Positive with
    {
        Id = "pandas-append-002", Before = "items = []\nitems.append(1)\n", After = "items = []\nitems.append(1)\n", Negative = true,
    };

    [Fact]
    public void Given_a_pair_When_exporting_SFT_Then_the_line_is_system_user_assistant_messages_with_the_exact_code()
    {
        var line = PairExporter.ToJsonLine(Positive, ExportFormat.Sft)!;

        Assert.DoesNotContain('\n', line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(["messages"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var messages = doc.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.All(messages, m => Assert.Equal(["role", "content"], m.EnumerateObject().Select(p => p.Name)));
        var user = messages[1].GetProperty("content").GetString()!;
        Assert.StartsWith("Migrate this Python code from pandas 1.5 to pandas 2.0.", user);
        Assert.EndsWith("```python\n" + Positive.Before + "```", user);
        Assert.Equal(Positive.After, messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public void Given_a_negative_When_exporting_SFT_Then_the_answer_is_the_unchanged_code()
    {
        using var doc = JsonDocument.Parse(PairExporter.ToJsonLine(Negative, ExportFormat.Sft)!);

        Assert.Equal(Negative.Before, doc.RootElement.GetProperty("messages")[2].GetProperty("content").GetString());
    }

    [Fact]
    public void Given_a_pair_When_exporting_DPO_Then_chosen_is_the_new_API_and_rejected_the_old()
    {
        using var doc = JsonDocument.Parse(PairExporter.ToJsonLine(Positive, ExportFormat.Dpo)!);

        Assert.Equal(["prompt", "chosen", "rejected"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Positive.After, doc.RootElement.GetProperty("chosen").GetString());
        Assert.Equal(Positive.Before, doc.RootElement.GetProperty("rejected").GetString());
        var prompt = doc.RootElement.GetProperty("prompt").GetString()!;
        Assert.StartsWith(PairExporter.SystemPrompt, prompt);
        Assert.EndsWith(PairExporter.UserMessage(Positive), prompt);
    }

    [Fact]
    public void Given_negatives_When_exporting_DPO_Then_they_are_skipped_and_counted()
    {
        var output = new StringWriter();

        var result = PairExporter.Write([Positive, Negative], ExportFormat.Dpo, output);

        Assert.Equal(new ExportResult(1, 1), result);
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Null(PairExporter.ToJsonLine(Negative, ExportFormat.Dpo));
    }

    [Fact]
    public void Given_an_outside_pair_without_metadata_When_exporting_Then_the_instruction_stays_generic()
    {
        var bare = new MigrationPair("p1", "x = 1", "x = 2");

        Assert.Equal("Migrate this Python code to the current API of the libraries it uses.", PairExporter.Instruction(bare));
        Assert.EndsWith("```python\nx = 1\n```", PairExporter.UserMessage(bare));
        Assert.Equal("Migrate this Python code from the Python 3.8 standard library to Python 3.9.",
            PairExporter.Instruction(bare with { Library = "stdlib", FromVersion = "3.8", ToVersion = "3.9" }));
    }

    [Fact]
    public void Given_the_shipped_dataset_When_exporting_both_formats_Then_every_line_is_one_valid_json_object()
    {
        foreach (var format in new[] { ExportFormat.Sft, ExportFormat.Dpo })
        {
            var output = new StringWriter();
            var result = PairExporter.Write(DatasetFiles.ShippedPairs, format, output);
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(result.Written, lines.Length);
            Assert.All(lines, l => { using var _ = JsonDocument.Parse(l); });
        }
    }
}
