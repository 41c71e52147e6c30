using System.CommandLine;
using System.Diagnostics;
using ApiMigrator.Cli.Settings;
using ApiMigrator.Files;
using ApiMigrator.Python;

namespace ApiMigrator.Cli.Commands;

/// <summary>`apimig parse`: parse files and report syntax errors and sizes (a quick health check of a tree).</summary>
internal static class ParseCommand
{
    public static Command Create(CliConsole console) => CliCommand.Create<ParseSettings>("parse",
        "Parse Python files with the engine's parser and print a summary.\n\n" +
        "Examples:\n  apimig parse src/\n  apimig parse --tree snippet.py",
        console, s => Run(s.Paths, s.Tree, console));

    private static int Run(string[] paths, bool printTree, CliConsole console)
    {
        IReadOnlyList<string> files;
        try { files = SourceFiles.Expand(paths); }
        catch (FileNotFoundException e) { console.Error.WriteLine($"apimig: {e.Message}"); return CliApp.ExitCodes.UsageOrInput; }

        var sw = Stopwatch.StartNew();
        long bytes = 0, lines = 0;
        int ok = 0, syntax = 0, refused = 0;
        foreach (var f in files)
        {
            var read = SourceText.TryFrom(File.ReadAllBytes(f), f);
            if (read.Error is { } err) { refused++; console.Error.WriteLine($"skipped {err}"); continue; }
            var src = read.Text!;
            var t = PythonParser.Parse(src);
            bytes += src.Length;
            lines += src.LineCount;
            // A statement too large to parse is a refusal of the input, as an oversized file is, not a syntax error.
            if (t.NotParsed is { Kind: SourceErrorKind.TooLarge } big)
            {
                refused++;
                console.Error.WriteLine($"skipped {f}:{big.Diagnostic}");
            }
            else if (t.HasErrors)
            {
                syntax++;
                foreach (var d in t.Diagnostics.Take(3)) console.Error.WriteLine($"{f}:{d}");
            }
            else ok++;
            if (printTree) Dump(t.Root, 0, console.Out);
        }
        sw.Stop();
        console.Out.WriteLine($"{files.Count} files, {lines:N0} lines, {bytes / 1e6:F2} MB in {sw.Elapsed.TotalSeconds:F2}s: " +
                          $"{ok} parsed cleanly, {syntax} with syntax errors, {refused} refused");
        return syntax + refused > 0 ? CliApp.ExitCodes.Found : CliApp.ExitCodes.Ok;
    }

    private static void Dump(SyntaxNode n, int depth, TextWriter output)
    {
        var field = n.FieldName is { } f ? f + ": " : "";
        var text = n.ChildCount == 0 ? " " + System.Text.Json.JsonSerializer.Serialize(n.Text) : "";
        output.WriteLine($"{new string(' ', depth * 2)}{field}{n.Kind}{(n.IsNamed ? "" : " (anon)")} {n.Start}-{n.End}{text}");
        foreach (var c in n.Children) Dump(c, depth + 1, output);
    }
}
