using System.CommandLine;
using ApiMigrator.Cli.Commands;

namespace ApiMigrator.Cli;

/// <summary>
/// The command tree. Each command's options are one settings record (<see cref="Settings.CliSettings"/>), validated before
/// it runs; commands call the engine and print through <see cref="CliConsole"/>; no engine logic lives here.
/// </summary>
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

    /// <summary>The tool's version (the package version, without build metadata).</summary>
    public static string Version { get; } =
        (typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Builds the root command; commands that take streams use <paramref name="console"/> (the process's by default).</summary>
    public static RootCommand Build(CliConsole? console = null)
    {
        console ??= CliConsole.System;
        var root = new RootCommand(
            "apimig — migrate Python code across library API versions.\n\n" +
            "Examples:\n" +
            "  apimig migrate src/               show the changes the shipped rules would make (a diff)\n" +
            "  apimig migrate --write src/       apply them in place\n" +
            "  apimig rules list                 the shipped rules\n" +
            "  apimig parse src/                 parse every .py file and summarize\n" +
            "  apimig parse --tree file.py       print the syntax tree of one file");
        root.Subcommands.Add(ParseCommand.Create(console));
        root.Subcommands.Add(DatasetCommand.Create(console));
        root.Subcommands.Add(LearnCommand.Create(console));
        root.Subcommands.Add(EvalCommand.Create(console));
        root.Subcommands.Add(MigrateCommand.Create(console));
        root.Subcommands.Add(RulesCommand.Create(console));
        root.Subcommands.Add(ConfigCommand.Create(console));
        return root;
    }

    /// <summary>Runs the CLI with the given arguments, on the process's streams or on <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole? console = null)
    {
        console ??= CliConsole.System;
        var parsed = Build(console).Parse(args);
        if (UnknownOptions(parsed) is { Count: > 0 } unknown)
        {
            foreach (var u in unknown) await console.Error.WriteLineAsync($"apimig: unknown option '{u}'");
            await console.Error.WriteLineAsync($"Run 'apimig {CommandPath(parsed)}--help' for usage.");
            return ExitCodes.UsageOrInput;
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await console.Error.WriteLineAsync($"apimig: {e.Message}");
            await console.Error.WriteLineAsync($"Run 'apimig {CommandPath(parsed)}--help' for usage.");
            return ExitCodes.UsageOrInput;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }

    /// <summary>
    /// Tokens that look like options but name none. System.CommandLine hands such a token to a command's
    /// path argument (<c>migrate --bogus src/</c> then reports a missing path '--bogus') or lists it as
    /// unmatched; either way the user mistyped an option, and the message must say so. A lone <c>-</c> is
    /// standard input, and anything after <c>--</c> is a path whatever it looks like.
    /// </summary>
    private static List<string> UnknownOptions(ParseResult parsed)
    {
        int doubleDash = parsed.Tokens.ToList().FindIndex(t => t.Type == System.CommandLine.Parsing.TokenType.DoubleDash);
        bool BeforeDoubleDash(System.CommandLine.Parsing.Token t)
            => doubleDash < 0 || parsed.Tokens.ToList().FindIndex(x => ReferenceEquals(x, t)) < doubleDash;
        static bool LooksLikeOption(string v) => v.Length > 1 && v[0] == '-' && !double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _);
        var unknown = new List<string>();
        foreach (var a in parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
            foreach (var t in a.Tokens)
                if (LooksLikeOption(t.Value) && BeforeDoubleDash(t)) unknown.Add(t.Value);
        foreach (var t in parsed.UnmatchedTokens)
            if (LooksLikeOption(t) && (doubleDash < 0 || Array.IndexOf(parsed.Tokens.Select(x => x.Value).ToArray(), t) < doubleDash)) unknown.Add(t);
        return [.. unknown.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The command's words after <c>apimig</c>, each followed by a space (e.g. "rules show "); empty for the root.</summary>
    internal static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var c = parsed.CommandResult; c is not null && c.Command is not RootCommand; c = c.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, c.Command.Name);
        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }
}
