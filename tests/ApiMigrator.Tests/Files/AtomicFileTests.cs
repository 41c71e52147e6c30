using ApiMigrator.Files;

namespace ApiMigrator.Tests.Files;

public class AtomicFileTests
{
    [Fact]
    public void Given_a_file_with_permissions_When_replacing_it_Then_the_bytes_are_new_and_the_mode_is_kept()
    {
        var path = TempTree.Write(TempTree.Folder(), "a.py", "old\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);

        AtomicFile.Replace(path, "new\n"u8);

        Assert.Equal("new\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind
    }

    [Fact]
    public void Given_a_file_changed_since_it_was_read_When_replacing_if_unchanged_Then_it_is_left_alone()
    {
        var path = TempTree.Write(TempTree.Folder(), "a.py", "edited by someone else\n");

        var outcome = AtomicFile.ReplaceIfUnchanged(path, "what we read\n"u8, "new\n"u8);

        Assert.Equal(AtomicWriteOutcome.ChangedOnDisk, outcome);
        Assert.Equal("edited by someone else\n", File.ReadAllText(path));
    }

    [Fact]
    public void Given_a_symlink_When_replacing_through_it_Then_the_target_changes_and_the_link_stays_a_link()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = TempTree.Folder();
        var target = TempTree.Write(folder, "real.py", "old\n");
        var link = Path.Combine(folder, "link.py");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(AtomicWriteOutcome.Written, AtomicFile.ReplaceIfUnchanged(link, "old\n"u8, "new\n"u8));

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new\n", File.ReadAllText(target));
    }

    [Fact]
    public void Given_a_read_only_file_When_replacing_it_Then_it_throws_and_the_file_is_unchanged()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return; // root may write anything
        var path = TempTree.Write(TempTree.Folder(), "a.py", "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        Assert.ThrowsAny<UnauthorizedAccessException>(() => AtomicFile.Replace(path, "new\n"u8));
        Assert.Equal("old\n", File.ReadAllText(path));
    }
}
