using System.CommandLine;
using System.Reflection;

namespace ApiMigrator.Cli.Settings;

/// <summary>
/// Turns a settings record's declarations (<see cref="CliOptionAttribute"/>, <see cref="CliArgumentAttribute"/>,
/// <see cref="CliOptionGroupAttribute"/>) into System.CommandLine options and binds a parse result back into a record.
/// Reflection runs once per command, when the command tree is built.
/// </summary>
internal sealed class SettingsBinder<TSettings> where TSettings : CliSettings, new()
{
    private readonly SettingsShape shape = new(typeof(TSettings), new TSettings());

    /// <summary>Adds the arguments and options, in declaration order, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var symbol in shape.Symbols)
        {
            if (symbol is Argument a) command.Arguments.Add(a);
            else command.Options.Add((Option)symbol);
        }
    }

    /// <summary>The settings as given; conflicts found while binding (two spellings, two values) go to <paramref name="errors"/>.</summary>
    public TSettings Bind(ParseResult result, List<string> errors) => (TSettings)shape.Bind(result, errors);
}

/// <summary>The options, arguments and groups of one settings type, with their defaults (an instance as initialized).</summary>
internal sealed class SettingsShape
{
    private readonly Type type;
    private readonly List<Member> members = [];

    private abstract record Member(PropertyInfo Property);
    private sealed record OptionMember(PropertyInfo Property, CliOptionAttribute Declared, Option Option, Option? Hidden, object? Default) : Member(Property);
    private sealed record ArgumentMember(PropertyInfo Property, Argument Argument, object? Default) : Member(Property);
    private sealed record GroupMember(PropertyInfo Property, SettingsShape Shape) : Member(Property);

    public SettingsShape(Type type, object defaults)
    {
        this.type = type;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var value = p.GetValue(defaults);
            if (p.GetCustomAttribute<CliOptionAttribute>() is { } o)
            {
                var help = ((CliSettings)defaults).Help(p.Name) ?? o.Description;
                var option = (Option)Make(nameof(MakeOption), p.PropertyType, o.Name, o.Aliases, help, o, value, false);
                var hidden = o.HiddenAlias is { } h ? (Option)Make(nameof(MakeOption), p.PropertyType, h, Array.Empty<string>(), help, o, value, true) : null;
                members.Add(new OptionMember(p, o, option, hidden, value));
            }
            else if (p.GetCustomAttribute<CliArgumentAttribute>() is { } a)
                members.Add(new ArgumentMember(p, (Argument)Make(nameof(MakeArgument), p.PropertyType, ((CliSettings)defaults).Help(p.Name) ?? a.Description, a, value), value));
            else if (p.GetCustomAttribute<CliOptionGroupAttribute>() is not null)
                members.Add(new GroupMember(p, new SettingsShape(p.PropertyType, value ?? throw new InvalidOperationException($"{type.Name}.{p.Name}: an option group needs an initial value"))));
        }
    }

    /// <summary>Every argument and option, groups' included, in declaration order.</summary>
    public IEnumerable<Symbol> Symbols => members.SelectMany(m => m switch
    {
        OptionMember o => o.Hidden is null ? [o.Option] : new Symbol[] { o.Option, o.Hidden },
        ArgumentMember a => [a.Argument],
        GroupMember g => g.Shape.Symbols,
        _ => [],
    });

    public object Bind(ParseResult result, List<string> errors)
    {
        var settings = Activator.CreateInstance(type)!;
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            object? value;
            switch (m)
            {
                case OptionMember o:
                    bool main = IsGiven(result, o.Option), alias = o.Hidden is not null && IsGiven(result, o.Hidden);
                    value = main ? Value(result, o.Option, o.Property.PropertyType) : alias ? Value(result, o.Hidden!, o.Property.PropertyType) : o.Default;
                    if (main && alias && !Equals(value, Value(result, o.Hidden!, o.Property.PropertyType)))
                        errors.Add($"{o.Declared.Name} ({Show(value)}) and {o.Declared.HiddenAlias} ({Show(Value(result, o.Hidden!, o.Property.PropertyType))}) are the same setting: give one");
                    if (main || alias) given.Add(o.Declared.Name);
                    if (o.Declared.CommaSeparated && value is string[] list) value = SplitCommas(list);
                    break;
                case ArgumentMember a:
                    value = result.GetResult(a.Argument) is null ? a.Default : Value(result, a.Argument, a.Property.PropertyType);
                    break;
                case GroupMember g:
                    value = g.Shape.Bind(result, errors);
                    break;
                default:
                    continue;
            }
            m.Property.SetValue(settings, value);
        }
        typeof(CliSettings).GetProperty(nameof(CliSettings.Given))!.SetValue(settings, given);
        return settings;
    }

    /// <summary>A list option's values: repeated options and comma-separated values alike.</summary>
    internal static string[] SplitCommas(IEnumerable<string> values)
        => [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    private static bool IsGiven(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static string Show(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A default worth printing in help: not null, false, an empty list or an empty text.</summary>
    private static bool Shown(object? value) => value is not (null or false or "" or Array { Length: 0 });

    private static object Make(string factory, Type valueType, params object?[] args)
        => typeof(SettingsShape).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(valueType).Invoke(null, args)!;

    private static object? Value(ParseResult result, Symbol symbol, Type valueType)
        => typeof(SettingsShape).GetMethod(nameof(GetValue), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(valueType).Invoke(null, [result, symbol]);

    private static T? GetValue<T>(ParseResult result, Symbol symbol)
        => symbol is Option<T> o ? result.GetValue(o) : result.GetValue((Argument<T>)symbol);

    private static Option<T> MakeOption<T>(string name, string[] aliases, string description, CliOptionAttribute declared, T value, bool hidden)
    {
        var option = new Option<T>(name, aliases)
        {
            Description = description,
            HelpName = declared.HelpName,
            Required = declared.Required && !hidden,
            Hidden = hidden,
            AllowMultipleArgumentsPerToken = declared.ManyPerToken,
        };
        if (Shown(value) && !hidden && !declared.Required) option.DefaultValueFactory = _ => value;
        if (declared.AllowedValues is { } allowed) option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    private static Argument<T> MakeArgument<T>(string description, CliArgumentAttribute declared, T value)
    {
        var argument = new Argument<T>(declared.Name) { Description = description };
        if (typeof(T).IsArray) argument.Arity = ArgumentArity.OneOrMore;
        else if (Shown(value)) argument.DefaultValueFactory = _ => value;
        return argument;
    }
}
