using System.CommandLine;
using ApiMigrator.Cli.Commands;

namespace ApiMigrator.Cli;

/// <summary>The command tree. Commands parse options and call the engine; no engine logic lives here.</summary>
public static class CliApp
{
    /// <summary>Exit codes scripts can rely on.</summary>
    public static class ExitCodes
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;
        /// <summary>Findings or changes found (under --check), or a check failed.</summary>
        public const int Found = 1;
        /// <summary>Usage error or unreadable input.</summary>
        public const int UsageOrInput = 2;
    }

    /// <summary>Builds the root command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "apimig — migrate Python code across library API versions.\n\n" +
            "Examples:\n" +
            "  apimig parse src/                 parse every .py file and summarize\n" +
            "  apimig parse --tree file.py       print the syntax tree of one file");
        root.Subcommands.Add(ParseCommand.Create());
        root.Subcommands.Add(DatasetCommand.Create());
        root.Subcommands.Add(LearnCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        return root;
    }

    /// <summary>Runs the CLI with the given arguments.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await Console.Error.WriteLineAsync($"apimig: {e.Message}");
            await Console.Error.WriteLineAsync("Run 'apimig --help' for usage.");
            return ExitCodes.UsageOrInput;
        }
        return await parsed.InvokeAsync();
    }
}
