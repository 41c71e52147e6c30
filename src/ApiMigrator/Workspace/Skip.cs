namespace ApiMigrator.Workspace;

/// <summary>A skipped file's reason, with the position of the problem when there is one.</summary>
public sealed record Skip(SkipReason Reason, string Message, int? Line = null, int? Column = null)
{
    /// <summary>The reason in words, for summaries (<c>syntax error</c>, <c>not UTF-8</c> …).</summary>
    public string ReasonText => Describe(Reason);

    /// <summary>A reason in words.</summary>
    public static string Describe(SkipReason reason) => reason switch
    {
        SkipReason.NotUtf8 => "not UTF-8",
        SkipReason.Binary => "binary",
        SkipReason.TooLarge => "too large",
        SkipReason.SyntaxError => "syntax error",
        SkipReason.Unreadable => "unreadable",
        SkipReason.TooDeep => "too deep",
        SkipReason.NotRegularFile => "not a regular file",
        SkipReason.InternalError => "internal error",
        SkipReason.InvalidNotebook => "invalid notebook",
        SkipReason.NotPython => "not a Python notebook",
        SkipReason.ChangedOnDisk => "changed on disk during the run",
        SkipReason.WriteFailed => "could not be written",
        SkipReason.Interrupted => "interrupted",
        _ => reason.ToString(),
    };
}
