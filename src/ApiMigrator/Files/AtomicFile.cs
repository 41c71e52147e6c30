namespace ApiMigrator.Files;

/// <summary>What <see cref="AtomicFile.ReplaceIfUnchanged"/> did.</summary>
public enum AtomicWriteOutcome
{
    /// <summary>The new bytes are in place.</summary>
    Written,
    /// <summary>The file no longer holds the bytes the change was computed from; it was left alone.</summary>
    ChangedOnDisk,
}

/// <summary>
/// Replaces a file's content so that, whatever happens (a crash, Ctrl+C, a full disk), the file holds
/// either its old bytes or its new bytes, never a mix: the new bytes go to a temporary file in the same
/// folder (same file system, so the rename is atomic), are flushed to disk, get the old file's
/// permissions, and are renamed over the old file. A symlink is followed, so the link stays a link.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files; a crash between write and rename can leave one behind (never a *.py or *.ipynb).</summary>
    public const string TempSuffix = ".apimig.tmp";

    /// <summary>
    /// Writes <paramref name="updated"/> over <paramref name="path"/> if the file still holds
    /// <paramref name="original"/> (so a concurrent edit is never lost).
    /// </summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write the file or its folder.</exception>
    public static AtomicWriteOutcome ReplaceIfUnchanged(string path, ReadOnlySpan<byte> original, ReadOnlySpan<byte> updated)
    {
        var target = ResolveLinks(path);
        if (!File.ReadAllBytes(target).AsSpan().SequenceEqual(original)) return AtomicWriteOutcome.ChangedOnDisk;
        Replace(target, updated);
        return AtomicWriteOutcome.Written;
    }

    /// <summary>Writes <paramref name="bytes"/> over <paramref name="path"/> atomically, keeping its permissions.</summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write the file or its folder.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> bytes)
    {
        var target = ResolveLinks(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(target)) ?? ".";
        // Renaming over a read-only file would succeed on Unix (the folder is writable); respect the file's own permission instead.
        using (File.OpenHandle(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) { }
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}-{Random.Shared.Next():x8}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string ResolveLinks(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort: the original is intact either way */ }
    }
}
