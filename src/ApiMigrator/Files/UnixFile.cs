using System.Runtime.InteropServices;

namespace ApiMigrator.Files;

/// <summary>What a path is, without following a final symlink.</summary>
public enum PathKind
{
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A symbolic link.</summary>
    Symlink,
    /// <summary>A FIFO, device or socket: never opened (reading a FIFO can block forever).</summary>
    Other,
    /// <summary>Does not exist or cannot be examined.</summary>
    Missing,
}

/// <summary>
/// The file-system facts .NET does not expose on Unix (a path's type without opening it, its owner), from
/// the project's native library (native/shim.c). On Windows every existing path counts as regular.
/// </summary>
public static partial class UnixFile
{
    private const string Lib = "apimig_treesitter";

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int apimig_lstat(string path, out uint kind, out uint uid, out uint gid);

    [LibraryImport(Lib)]
    private static partial int apimig_fd_is_open(int fd);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int apimig_chown(string path, uint uid, uint gid);

    [LibraryImport(Lib)]
    private static partial uint apimig_euid();

    /// <summary>What <paramref name="path"/> is, not following a final symlink.</summary>
    public static PathKind KindOf(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path) ? PathKind.Regular : Directory.Exists(path) ? PathKind.Directory : PathKind.Missing;
        if (apimig_lstat(path, out var kind, out _, out _) != 0) return PathKind.Missing;
        return kind switch { 0 => PathKind.Regular, 1 => PathKind.Directory, 2 => PathKind.Symlink, _ => PathKind.Other };
    }

    /// <summary>True when this process's descriptor <paramref name="fd"/> is open for writing (from /proc/self/fdinfo: the access mode in the octal flags).</summary>
    private static bool IsOpenForWriting(string fd)
    {
        foreach (var line in File.ReadLines($"/proc/self/fdinfo/{fd}"))
            if (line.StartsWith("flags:", StringComparison.Ordinal))
                return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & 3) != 0;
        return false;
    }

    /// <summary>The owner of <paramref name="path"/> (not following a final symlink), or null on Windows or error.</summary>
    public static (uint Uid, uint Gid)? OwnerOf(string path)
        => !OperatingSystem.IsWindows() && apimig_lstat(path, out _, out var uid, out var gid) == 0 ? (uid, gid) : null;

    /// <summary>True when the process runs as root (it may, and must, give a rewritten file back to its owner).</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && apimig_euid() == 0;

    /// <summary>Sets the owner; throws <see cref="IOException"/> on failure.</summary>
    public static void SetOwner(string path, uint uid, uint gid)
    {
        int error = apimig_chown(path, uid, gid);
        if (error != 0) throw new IOException($"cannot give {path} back to its owner {uid}:{gid} (error {error})");
    }

    /// <summary>
    /// False when standard input was closed when the process started (<c>apimig migrate - &lt;&amp;-</c>). The runtime
    /// may then have reused descriptor 0 for one of its own handles — an event descriptor, or the read end of a
    /// pipe whose write end it also holds — which a read would wait on forever.
    /// </summary>
    public static bool IsStandardInputUsable()
    {
        if (OperatingSystem.IsWindows()) return true;
        if (apimig_fd_is_open(0) != 1) return false;
        if (!OperatingSystem.IsLinux()) return true;
        try
        {
            if (new FileInfo("/proc/self/fd/0").LinkTarget is not { } target) return true;
            if (target.StartsWith("anon_inode:", StringComparison.Ordinal)) return false;
            if (!target.StartsWith("pipe:", StringComparison.Ordinal)) return true;
            // A real input pipe's write end belongs to another process; the runtime's own pipe has its write end here.
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
                if (Path.GetFileName(fd) != "0" && new FileInfo(fd).LinkTarget == target && IsOpenForWriting(Path.GetFileName(fd))) return false;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
    }
}
