using System.CommandLine;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Configuration;
using ApiMigrator.Matching;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig config [PATH]`: the effective settings for a path and where each came from.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console) => CliCommand.Create<ConfigSettings>("config",
        "Print the settings 'apimig migrate' uses for PATH — target versions, selection, exclusions, safety, model settings —\n" +
        "each with where it came from (command line, configuration file and line, requires-python, dependencies, default).\n\n" +
        "Examples:\n" +
        "  apimig config                     the current folder\n" +
        "  apimig config services/api/app.py\n" +
        "  apimig config --target-version py310 .",
        console, s => Run(s, console));

    private static int Run(ConfigSettings s, CliConsole console)
    {
        if (!File.Exists(s.Path) && !Directory.Exists(s.Path))
        {
            console.Error.WriteLine($"apimig: no such file or folder: {s.Path}");
            return CliApp.ExitCodes.UsageOrInput;
        }
        try
        {
            console.Out.Write(new ConfigResolver(s.Project.ToCommandLine(new CommandLineSettings()), Thresholds.MinConfidence).For(s.Path).Describe());
            return CliApp.ExitCodes.Ok;
        }
        catch (ConfigError e)
        {
            console.Error.WriteLine($"apimig: {e.Message}");
            return CliApp.ExitCodes.UsageOrInput;
        }
    }
}
