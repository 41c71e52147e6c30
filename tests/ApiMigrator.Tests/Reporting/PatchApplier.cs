using System.Globalization;
using System.Text.RegularExpressions;
using ApiMigrator.Diffs;

namespace ApiMigrator.Tests.Reporting;

/// <summary>A strict unified-diff applier for tests: every context and removed line must match exactly.</summary>
internal static partial class PatchApplier
{
    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")]
    private static partial Regex HunkHeader();

    /// <summary>Splits a multi-file diff into (label, file diff) pieces.</summary>
    public static List<(string Label, string Diff)> Files(string diff)
    {
        var result = new List<(string, string)>();
        var lines = TextLines.Split(diff);
        int i = 0;
        while (i < lines.Count)
        {
            Assert.StartsWith("--- ", lines[i], StringComparison.Ordinal);
            var label = lines[i][4..].TrimEnd('\n');
            int start = i;
            i += 2;
            while (i < lines.Count && !lines[i].StartsWith("--- ", StringComparison.Ordinal)) i++;
            result.Add((label, string.Concat(lines.Skip(start).Take(i - start))));
        }
        return result;
    }

    /// <summary>Applies one file's diff to <paramref name="old"/>.</summary>
    public static string Apply(string old, string diff)
    {
        var source = TextLines.Split(old);
        var patch = TextLines.Split(diff);
        Assert.StartsWith("--- ", patch[0], StringComparison.Ordinal);
        Assert.StartsWith("+++ ", patch[1], StringComparison.Ordinal);
        var output = new List<string>();
        int at = 0; // next source line to copy
        int p = 2;
        while (p < patch.Count)
        {
            var m = HunkHeader().Match(patch[p].TrimEnd('\n'));
            Assert.True(m.Success, $"bad hunk header: {patch[p]}");
            int oldStart = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            int oldCount = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
            int newCount = m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
            int first = oldCount == 0 ? oldStart : oldStart - 1;
            Assert.True(first >= at, "hunks overlap or are out of order");
            output.AddRange(source.Skip(at).Take(first - at));
            at = first;
            p++;
            int seenOld = 0, seenNew = 0;
            while (p < patch.Count && !patch[p].StartsWith("@@", StringComparison.Ordinal))
            {
                var line = patch[p];
                char op = line[0];
                var text = line[1..];
                // "\ No newline at end of file" strips the line break the diff line carries.
                bool noNewline = p + 1 < patch.Count && patch[p + 1].StartsWith('\\');
                if (noNewline) { text = text[..^1]; p++; }
                if (op is ' ' or '-')
                {
                    Assert.Equal(source[at], text);
                    at++;
                    seenOld++;
                }
                if (op is ' ' or '+') { output.Add(text); seenNew++; }
                p++;
            }
            Assert.Equal(oldCount, seenOld);
            Assert.Equal(newCount, seenNew);
        }
        output.AddRange(source.Skip(at));
        return string.Concat(output);
    }
}
