using ApiMigrator.Cli.Settings;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig learn</c>.</summary>
internal sealed record LearnSettings : CliSettings
{
    [CliArgument("datasets", Description = "JSONL files or folders of migration pairs")]
    public string[] Datasets { get; init; } = [];

    [CliOption("--output", "-o", Description = "Where to write the rules (YAML)", Required = true)]
    public string Output { get; init; } = "";

    [CliOption("--split", Description = "Use only the ids of this split (train, test, test-unseen) from --splits")]
    public string? Split { get; init; }

    [CliOption("--splits", Description = "Folder with the split files")]
    public string Splits { get; init; } = "data/splits";

    [CliOption("--verbose", "-v", Description = "Print the pairs that taught nothing, and why")]
    public bool Verbose { get; init; }
}
