using ApiMigrator.Cli.Settings;
using ApiMigrator.Data;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig dataset export</c>.</summary>
internal sealed record DatasetExportSettings : CliSettings
{
    [CliArgument("paths", Description = DatasetCommand.PathsHelp)]
    public string[] Paths { get; init; } = [];

    [CliOption("--format", Description = "sft: chat messages (system, user, assistant); dpo: prompt, chosen (new API), rejected (old API)", Required = true, AllowedValues = ["sft", "dpo"])]
    public string Format { get; init; } = "";

    [CliOption("--split", Description = "Export only this part of the split (train, test, test-unseen)", HelpName = "PART")]
    public string? Split { get; init; }

    [CliOption("--splits", Description = "Where the split files are (default " + DatasetCommand.DefaultSplits + "); used with --split", HelpName = "DIR")]
    public string? Splits { get; init; }

    [CliOption("--output", "-o", Description = "The JSONL file to write ('-' for standard output)", HelpName = "FILE", Required = true)]
    public string Output { get; init; } = "";

    public override IReadOnlyList<string> Validate()
    {
        var parts = DatasetSplit.Parts.Select(DatasetSplit.FileStem).ToList();
        return Split is null || parts.Contains(Split, StringComparer.Ordinal)
            ? []
            : [$"--split must be one of {string.Join(", ", parts)} (got '{Split}')"];
    }
}
