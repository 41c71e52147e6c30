using ApiMigrator.Cli;

namespace ApiMigrator.Tests.Cli;

/// <summary>What one in-process run of the real CLI printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error, byte[] OutBytes)
{
    /// <summary>Runs apimig with <paramref name="args"/> on captured streams (stdin from <paramref name="stdin"/>).</summary>
    public static async Task<CliRun> Of(string[] args, byte[]? stdin = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var bytes = new MemoryStream();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            OpenInput = () => new MemoryStream(stdin ?? []),
            OpenOutput = () => bytes,
        };
        int code = await CliApp.RunAsync(args, console);
        return new CliRun(code, output.ToString(), error.ToString(), bytes.ToArray());
    }
}
