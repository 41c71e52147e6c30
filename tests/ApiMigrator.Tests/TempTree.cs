using System.Text;

namespace ApiMigrator.Tests;

/// <summary>Scratch folders and files for tests that need a tree on disk.</summary>
internal static class TempTree
{
    /// <summary>A fresh, empty folder under the temp directory.</summary>
    public static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "apimig-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes UTF-8 text (no BOM, bytes as given) at a relative path, creating folders; returns the full path.</summary>
    public static string Write(string root, string relative, string text) => WriteBytes(root, relative, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes bytes at a relative path, creating folders; returns the full path.</summary>
    public static string WriteBytes(string root, string relative, byte[] bytes)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Every file under <paramref name="root"/> with its bytes, keyed by relative path.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string root)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            result[Path.GetRelativePath(root, f).Replace('\\', '/')] = File.ReadAllBytes(f);
        return result;
    }
}
