using ApiMigrator.Cli;
using ApiMigrator.Data;

namespace ApiMigrator.Tests.Data;

/// <summary>The real CLI, run in-process.</summary>
public class DatasetCommandTests
{
    [Fact]
    public async Task Given_the_shipped_pairs_When_running_dataset_validate_Then_the_exit_code_is_0()
    {
        Assert.Equal(0, await CliApp.RunAsync(["dataset", "validate", DatasetFiles.PairsFolder]));
    }

    [Fact]
    public async Task Given_a_file_with_a_bad_line_When_running_dataset_validate_Then_the_exit_code_is_1()
    {
        var file = DatasetFiles.WriteJsonl(DatasetFiles.Line("demo-a-001", "a = 1\n", "a = (\n"));

        Assert.Equal(1, await CliApp.RunAsync(["dataset", "validate", file]));
    }

    [Fact]
    public async Task Given_a_missing_path_or_a_bad_option_When_running_dataset_commands_Then_the_exit_code_is_2()
    {
        var missing = Path.Combine(DatasetFiles.TempFolder(), "missing");

        Assert.Equal(2, await CliApp.RunAsync(["dataset", "validate", missing]));
        Assert.Equal(2, await CliApp.RunAsync(["dataset", "export", DatasetFiles.PairsFolder, "--format", "xml", "-o", "x.jsonl"]));
        Assert.Equal(2, await CliApp.RunAsync(["dataset", "split", DatasetFiles.PairsFolder, "--seed", "1", "--unseen-fraction", "0.05"]));
    }

    [Fact]
    public async Task Given_seed_42_When_running_dataset_split_Then_it_writes_the_committed_files_byte_for_byte()
    {
        var output = DatasetFiles.TempFolder();

        Assert.Equal(0, await CliApp.RunAsync(["dataset", "split", DatasetFiles.PairsFolder, "--seed", "42", "--out", output]));

        foreach (var part in DatasetSplit.Parts)
            Assert.Equal(File.ReadAllBytes(SplitFiles.PathOf(DatasetFiles.SplitsFolder, part)), File.ReadAllBytes(SplitFiles.PathOf(output, part)));
    }

    [Fact]
    public async Task Given_the_committed_split_When_exporting_train_as_SFT_Then_there_is_one_line_per_train_id()
    {
        var output = Path.Combine(DatasetFiles.TempFolder(), "train.sft.jsonl");

        Assert.Equal(0, await CliApp.RunAsync(["dataset", "export", DatasetFiles.PairsFolder, "--format", "sft", "--split", "train",
            "--splits", DatasetFiles.SplitsFolder, "-o", output]));

        var trainIds = File.ReadAllLines(SplitFiles.PathOf(DatasetFiles.SplitsFolder, SplitPart.Train)).Length;
        Assert.Equal(trainIds, File.ReadAllLines(output).Length);
    }

    [Fact]
    public async Task Given_the_committed_split_When_running_dataset_stats_Then_the_exit_code_is_0()
    {
        Assert.Equal(0, await CliApp.RunAsync(["dataset", "stats", DatasetFiles.PairsFolder, "--splits", DatasetFiles.SplitsFolder]));
    }
}
