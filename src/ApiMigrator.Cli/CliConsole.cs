namespace ApiMigrator.Cli;

/// <summary>The standard streams a command uses: the process's by default, replaceable so tests run the real CLI in-process.</summary>
public sealed class CliConsole
{
    /// <summary>Standard output as text (diffs, reports, help).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error (findings, skipped files, summary, progress).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Opens standard input as bytes (for <c>-</c>).</summary>
    public required Func<Stream> OpenInput { get; init; }

    /// <summary>Opens standard output as bytes (migrated code from <c>-</c>: BOM and line ends kept).</summary>
    public required Func<Stream> OpenOutput { get; init; }

    /// <summary>Standard output is a file or pipe, not a terminal.</summary>
    public bool IsOutputRedirected { get; init; } = true;

    /// <summary>Standard error is a file or pipe, not a terminal (no progress bar then).</summary>
    public bool IsErrorRedirected { get; init; } = true;

    /// <summary>Standard input, or an <see cref="IOException"/> when it is closed (<c>apimig migrate - &lt;&amp;-</c>): reading it would block.</summary>
    private static Stream OpenStandardInput()
        => Files.UnixFile.IsStandardInputUsable() ? Console.OpenStandardInput() : throw new IOException("standard input is closed");

    /// <summary>The process's own streams.</summary>
    public static CliConsole System => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenInput = OpenStandardInput,
        OpenOutput = Console.OpenStandardOutput,
        IsOutputRedirected = Console.IsOutputRedirected,
        IsErrorRedirected = Console.IsErrorRedirected,
    };
}
