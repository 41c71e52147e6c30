namespace ApiMigrator.Files;

/// <summary>What <see cref="AtomicFile.ReplaceIfUnchanged"/> did.</summary>
internal enum AtomicWriteOutcome
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
internal static class AtomicFile
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
        RemoveStaleTemps(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}-{Random.Shared.Next():x8}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                // Run as root, the temporary file belongs to root: give it the original's owner and group first
                // (chown clears set-id bits, so the mode, set-id and sticky bits included, is set after it).
                if (UnixFile.IsRoot && UnixFile.OwnerOf(target) is var (uid, gid)) UnixFile.SetOwner(temp, uid, gid);
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> CleanedFolders = new(StringComparer.Ordinal);
    private static readonly Lazy<DateTime> ProcessStart = new(() => System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime());

    /// <summary>
    /// Removes temporary files of our own pattern that a killed run (SIGKILL, power loss) left in
    /// <paramref name="folder"/>: older than this process, and made by a process that no longer exists.
    /// Once per folder per run, before the first write there.
    /// </summary>
    internal static void RemoveStaleTemps(string folder)
    {
        if (!CleanedFolders.TryAdd(folder, true)) return;
        IEnumerable<string> temps;
        try { temps = Directory.EnumerateFiles(folder, ".*" + TempSuffix).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var temp in temps)
        {
            var name = Path.GetFileName(temp);
            var m = System.Text.RegularExpressions.Regex.Match(name, @"^\..+\.(\d+)-[0-9a-f]{8}" + System.Text.RegularExpressions.Regex.Escape(TempSuffix) + "$");
            if (!m.Success || !int.TryParse(m.Groups[1].Value, out int pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(temp) < ProcessStart.Value) File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort */ }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
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
