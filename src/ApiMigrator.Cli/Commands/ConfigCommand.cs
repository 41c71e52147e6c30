using System.CommandLine;
using ApiMigrator.Cli.Options;
using ApiMigrator.Configuration;
using ApiMigrator.Rewriting;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig config [PATH]`: the effective settings for a path and where each came from.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A file or folder (default: the current folder)", DefaultValueFactory = _ => "." };
        var project = new ProjectCliOptions();
        var cmd = new Command("config",
            "Print the settings 'apimig migrate' uses for PATH — target versions, selection, exclusions, safety, model settings —\n" +
            "each with where it came from (command line, configuration file and line, requires-python, dependencies, default).\n\n" +
            "Examples:\n" +
            "  apimig config                     the current folder\n" +
            "  apimig config services/api/app.py\n" +
            "  apimig config --target-version py310 .")
        { path };
        project.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var (settings, errors) = project.Bind(r, new CommandLineSettings());
            if (errors.Count > 0)
            {
                console.Error.WriteLine($"apimig: {string.Join("; ", errors)}");
                return CliApp.ExitCodes.UsageOrInput;
            }
            var target = r.GetValue(path)!;
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                console.Error.WriteLine($"apimig: no such file or folder: {target}");
                return CliApp.ExitCodes.UsageOrInput;
            }
            try
            {
                console.Out.Write(new ConfigResolver(settings, new RewriteOptions().MinConfidence).For(target).Describe());
                return CliApp.ExitCodes.Ok;
            }
            catch (ConfigError e)
            {
                console.Error.WriteLine($"apimig: {e.Message}");
                return CliApp.ExitCodes.UsageOrInput;
            }
        });
        return cmd;
    }
}
