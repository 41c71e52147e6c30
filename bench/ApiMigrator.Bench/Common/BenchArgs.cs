namespace ApiMigrator.Bench;

/// <summary>An option a benchmark accepts: a name, a description and an example, shown by --help.</summary>
internal sealed record BenchOption(string Name, string ValueName, string Description, string Example);

/// <summary>
/// A deliberately tiny "--name value" parser: benchmarks take a handful of options, and a missing
/// value or an unknown name must stop the run before anything is measured.
/// </summary>
internal sealed class BenchArgs
{
    /// <summary>Exit code for a bad command line or an input the benchmark cannot use.</summary>
    public const int UsageError = 2;

    private readonly Dictionary<string, string> values;

    private BenchArgs(Dictionary<string, string> values) => this.values = values;

    /// <summary>True when --help was asked for (usage is already printed).</summary>
    public bool HelpShown { get; private init; }

    /// <summary>Parses <paramref name="args"/>; prints the problem and returns null on error.</summary>
    public static BenchArgs? Parse(string[] args, string command, string description, IReadOnlyList<BenchOption> options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                PrintHelp(Console.Out, command, description, options);
                return new BenchArgs(values) { HelpShown = true };
            }
            var option = options.FirstOrDefault(o => o.Name == args[i]);
            if (option is null) return Fail($"unknown option '{args[i]}'");
            if (i + 1 >= args.Length) return Fail($"{option.Name} needs a value ({option.ValueName})");
            values[option.Name] = args[++i];
        }
        return new BenchArgs(values);

        BenchArgs? Fail(string message)
        {
            Console.Error.WriteLine($"{command}: {message}");
            PrintHelp(Console.Error, command, description, options);
            return null;
        }
    }

    /// <summary>The raw value of an option, or null when absent.</summary>
    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>A positive integer option; null (and a message) when the value is not one.</summary>
    public int? GetPositiveInt(string name, int fallback)
    {
        if (Get(name) is not { } text) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0) return n;
        Console.Error.WriteLine($"{name} must be a positive whole number, not '{text}'");
        return null;
    }

    /// <summary>An option naming an enum member (case-insensitive); null (and a message) when it names none.</summary>
    public TEnum? GetEnum<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum
    {
        if (Get(name) is not { } text) return fallback;
        if (!int.TryParse(text, out _) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value)) return value;
        Console.Error.WriteLine($"{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}, not '{text}'");
        return null;
    }

    private static void PrintHelp(TextWriter w, string command, string description, IReadOnlyList<BenchOption> options)
    {
        w.WriteLine($"usage: ApiMigrator.Bench {command} [options]");
        w.WriteLine($"  {description}");
        w.WriteLine();
        foreach (var o in options)
        {
            w.WriteLine($"  {o.Name} {o.ValueName}");
            w.WriteLine($"      {o.Description}");
            w.WriteLine($"      e.g. {o.Name} {o.Example}");
        }
    }
}
