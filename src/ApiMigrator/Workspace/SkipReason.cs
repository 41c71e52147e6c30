namespace ApiMigrator.Workspace;

/// <summary>Why a file was not migrated at all. Such a file is never modified.</summary>
public enum SkipReason
{
    /// <summary>Not valid UTF-8.</summary>
    NotUtf8,
    /// <summary>Contains NUL bytes.</summary>
    Binary,
    /// <summary>Over the size limit.</summary>
    TooLarge,
    /// <summary>Does not parse as Python.</summary>
    SyntaxError,
    /// <summary>Could not be read.</summary>
    Unreadable,
    /// <summary>Nests deeper than the engine walks.</summary>
    TooDeep,
    /// <summary>A FIFO, device or socket: never opened.</summary>
    NotRegularFile,
    /// <summary>Processing the file failed inside the engine (a bug): it was left unchanged and the run went on.</summary>
    InternalError,
    /// <summary>A .ipynb file that is not a readable nbformat 4 notebook.</summary>
    InvalidNotebook,
    /// <summary>A notebook whose kernel is not Python.</summary>
    NotPython,
    /// <summary>The file changed on disk while it was being migrated; the change was not written.</summary>
    ChangedOnDisk,
    /// <summary>Writing the change failed (permissions, disk full); the file is as it was.</summary>
    WriteFailed,
    /// <summary>The run was interrupted while the file waited on the model; the file is as it was.</summary>
    Interrupted,
}
