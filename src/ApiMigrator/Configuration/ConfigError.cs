namespace ApiMigrator.Configuration;

/// <summary>A configuration or project file that cannot be used: malformed TOML, an unknown key, a bad value. The message names the file and line.</summary>
public sealed class ConfigError : Exception
{
    /// <summary>An error at <paramref name="file"/>:<paramref name="line"/> (1-based; 0 when the file as a whole is wrong).</summary>
    public ConfigError(string file, int line, string message)
        : base(line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}")
    {
        File = file;
        Line = line;
        Problem = message;
    }

    /// <summary>Not used; errors always name a file.</summary>
    public ConfigError() : this("?", 0, "configuration error") { }

    /// <summary>Not used; errors always name a file.</summary>
    public ConfigError(string message) : this("?", 0, message) { }

    /// <summary>Not used; errors always name a file.</summary>
    public ConfigError(string message, Exception inner) : base(message, inner) { File = "?"; Problem = message; }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }
}

/// <summary>A setting's value and where it came from (<c>pyproject.toml:12</c>, <c>--unsafe</c>, <c>default</c>).</summary>
public sealed record Sourced<T>(T Value, string Source);
