using ApiMigrator.Cli.Settings;
using ApiMigrator.Data;

namespace ApiMigrator.Cli.Commands;

/// <summary>The settings of <c>apimig dataset split</c>; the fractions are checked before anything is read.</summary>
internal sealed record DatasetSplitSettings : CliSettings
{
    private static readonly SplitOptions Defaults = new(0);

    [CliArgument("paths", Description = DatasetCommand.PathsHelp)]
    public string[] Paths { get; init; } = [];

    [CliOption("--seed", Description = "Seed: the same pairs and seed give the same files, byte for byte (e.g. 42)", Required = true)]
    public int Seed { get; init; }

    [CliOption("--out", Description = "Folder for train.txt, test.txt, test-unseen.txt", HelpName = "DIR")]
    public string Out { get; init; } = DatasetCommand.DefaultSplits;

    [CliOption("--test-fraction", Description = "Share of the seen patterns' pairs that go to test")]
    public double TestFraction { get; init; } = Defaults.TestFraction;

    [CliOption("--unseen-fraction", Description = "Share of patterns held out entirely into test-unseen (at least 0.10)")]
    public double UnseenFraction { get; init; } = Defaults.UnseenFraction;

    /// <summary>The splitter's options.</summary>
    public SplitOptions Options => new(Seed, TestFraction, UnseenFraction);

    public override IReadOnlyList<string> Validate() => Options.Problems();
}
