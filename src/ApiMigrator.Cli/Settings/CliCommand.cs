using System.CommandLine;

namespace ApiMigrator.Cli.Settings;

/// <summary>
/// Builds a command from its settings record: the options come from the record's declarations, and before the command
/// runs the record is validated — every problem is printed, then the exit code is 2 (usage error).
/// </summary>
internal static class CliCommand
{
    /// <summary>A command that runs <paramref name="run"/> with valid settings.</summary>
    public static Command Create<TSettings>(string name, string description, CliConsole console,
        Func<TSettings, CancellationToken, Task<int>> run) where TSettings : CliSettings, new()
    {
        var binder = new SettingsBinder<TSettings>();
        var command = new Command(name, description);
        binder.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var errors = new List<string>();
            var settings = binder.Bind(result, errors);
            errors.AddRange(settings.Validate());
            if (errors.Count == 0) return await run(settings, ct);
            foreach (var e in errors.Distinct(StringComparer.Ordinal)) await console.Error.WriteLineAsync($"apimig: {e}");
            await console.Error.WriteLineAsync($"Run 'apimig {CliApp.CommandPath(result)}--help' for usage.");
            return CliApp.ExitCodes.UsageOrInput;
        });
        return command;
    }

    /// <summary>A command whose run is synchronous.</summary>
    public static Command Create<TSettings>(string name, string description, CliConsole console, Func<TSettings, int> run)
        where TSettings : CliSettings, new()
        => Create<TSettings>(name, description, console, (s, _) => Task.FromResult(run(s)));

    /// <summary>A command that only groups subcommands.</summary>
    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var command = new Command(name, description);
        foreach (var s in subcommands) command.Subcommands.Add(s);
        return command;
    }
}
