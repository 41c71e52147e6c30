using ApiMigrator.Files;

namespace ApiMigrator.Tests.Files;

public class SourceFilesTests
{
    private static string Tree(params string[] files)
    {
        var root = TempTree.Folder();
        foreach (var f in files) TempTree.Write(root, f, "x = 1\n");
        return root;
    }

    private static List<string> Relative(string root, IReadOnlyList<string> files)
        => [.. files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))];

    [Fact]
    public void Given_a_tree_When_expanding_a_folder_Then_python_files_and_notebooks_are_found_and_noise_is_skipped()
    {
        var root = Tree("a.py", "pkg/b.py", "pkg/notes.ipynb", "pkg/data.txt", ".git/hooks/h.py", "pkg/__pycache__/b.py",
            "node_modules/m.py", "build/lib/c.py", "myenv/pyvenv.cfg", "myenv/lib/d.py", "conda/conda-meta/history", "conda/e.py");

        var files = SourceFiles.Expand([root], new FileScanOptions { IncludeNotebooks = true });

        Assert.Equal(["a.py", "pkg/b.py", "pkg/notes.ipynb"], Relative(root, files));
    }

    [Fact]
    public void Given_gitignore_files_at_two_levels_When_expanding_Then_both_apply_and_the_deeper_one_wins()
    {
        var root = Tree("keep.py", "gen/x.py", "pkg/tmp_a.py", "pkg/tmp_keep.py", "pkg/sub/ok.py");
        File.WriteAllText(Path.Combine(root, ".gitignore"), "gen/\ntmp_*.py\n");
        File.WriteAllText(Path.Combine(root, "pkg", ".gitignore"), "!tmp_keep.py\n");

        var files = SourceFiles.Expand([root], new FileScanOptions());

        Assert.Equal(["keep.py", "pkg/sub/ok.py", "pkg/tmp_keep.py"], Relative(root, files));
    }

    [Fact]
    public void Given_a_subfolder_of_a_repository_When_expanding_it_Then_the_repository_root_gitignore_applies()
    {
        var root = Tree("src/app/a.py", "src/app/generated/b.py");
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        File.WriteAllText(Path.Combine(root, ".gitignore"), "generated/\n");

        var files = SourceFiles.Expand([Path.Combine(root, "src", "app")], new FileScanOptions());

        Assert.Equal(["src/app/a.py"], Relative(root, files));
    }

    [Fact]
    public void Given_exclude_globs_When_expanding_Then_they_apply_to_walked_and_named_files()
    {
        var root = Tree("a.py", "tests/fixtures/f.py", "x_pb2.py");
        var options = new FileScanOptions { Exclude = ["tests/fixtures/**", "*_pb2.py"], BaseDirectory = root };

        var files = SourceFiles.Expand([root, Path.Combine(root, "x_pb2.py")], options);

        Assert.Equal(["a.py"], Relative(root, files));
    }

    [Fact]
    public void Given_respect_gitignore_off_When_expanding_Then_ignored_files_are_found()
    {
        var root = Tree("gen/x.py");
        File.WriteAllText(Path.Combine(root, ".gitignore"), "gen/\n");

        Assert.Single(SourceFiles.Expand([root], new FileScanOptions { RespectGitignore = false }));
    }

    [Fact]
    public void Given_a_missing_path_When_expanding_Then_it_throws_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => SourceFiles.Expand([Path.Combine(TempTree.Folder(), "missing")], new FileScanOptions()));
    }
}
