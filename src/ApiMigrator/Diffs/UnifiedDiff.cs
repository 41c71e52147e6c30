using System.Globalization;
using System.Text;

namespace ApiMigrator.Diffs;

/// <summary>
/// Unified diffs, as <c>diff -u</c> and <c>git diff</c> print them: <c>---</c>/<c>+++</c> headers, hunks
/// with <c>@@ -a,b +c,d @@</c> and context lines. Lines keep their own line breaks (a CRLF file's diff
/// has CRLF lines), and a last line without one is marked <c>\ No newline at end of file</c>, so the
/// output applies with <c>patch -p0</c> / <c>git apply -p0</c>.
/// </summary>
internal static class UnifiedDiff
{
    /// <summary>The diff of a document's sections; a notebook cell's header names the cell (<c>nb.ipynb:cell 3</c>).</summary>
    public static string Render(string displayPath, IEnumerable<DiffSection> sections, int context = 3)
    {
        var sb = new StringBuilder();
        foreach (var s in sections)
        {
            var label = s.Cell is { } cell ? $"{displayPath}:cell {cell}" : displayPath;
            sb.Append(Render(label, label, s.OldText, s.NewText, context));
        }
        return sb.ToString();
    }

    /// <summary>The unified diff of two texts; empty when they are equal.</summary>
    public static string Render(string oldLabel, string newLabel, string oldText, string newText, int context = 3)
    {
        if (oldText == newText) return "";
        var result = LineDiff.Compute(oldText, newText);
        var a = result.PiecesOld;
        var b = result.PiecesNew;
        // The edit script: ' ' keeps a[i] (= b[j]), '-' deletes a[i], '+' inserts b[j].
        var ops = new List<(char Op, int A, int B)>();
        int ai = 0, bi = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (ai < block.DeleteStartA) ops.Add((' ', ai++, bi++));
            for (int k = 0; k < block.DeleteCountA; k++) ops.Add(('-', ai++, bi));
            for (int k = 0; k < block.InsertCountB; k++) ops.Add(('+', ai, bi++));
        }
        while (ai < a.Count) ops.Add((' ', ai++, bi++));

        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        int i = 0;
        while (i < ops.Count)
        {
            int firstChange = ops.FindIndex(i, o => o.Op != ' ');
            if (firstChange < 0) break;
            int start = Math.Max(i, firstChange - context);
            // Extend the hunk while the next change is within 2×context equal lines.
            int end = firstChange;
            while (true)
            {
                int lastChange = end;
                while (end < ops.Count && ops[end].Op != ' ') { lastChange = end; end++; }
                int next = end;
                while (next < ops.Count && ops[next].Op == ' ' && next - lastChange <= 2 * context) next++;
                if (next < ops.Count && ops[next].Op != ' ' && next - lastChange <= 2 * context) { end = next; continue; }
                end = Math.Min(ops.Count, lastChange + 1 + context);
                break;
            }
            int oldCount = 0, newCount = 0;
            for (int k = start; k < end; k++)
            {
                if (ops[k].Op != '+') oldCount++;
                if (ops[k].Op != '-') newCount++;
            }
            int oldStart = oldCount == 0 ? ops[start].A : ops[start].A + 1;
            int newStart = newCount == 0 ? ops[start].B : ops[start].B + 1;
            sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            for (int k = start; k < end; k++)
            {
                var (op, x, y) = ops[k];
                var line = op == '+' ? b[y] : a[x];
                sb.Append(op).Append(line);
                if (!line.EndsWith('\n')) sb.Append("\n\\ No newline at end of file\n");
            }
            i = end;
        }
        return sb.ToString();
    }

    private static string Range(int start, int count)
        => count == 1 ? start.ToString(CultureInfo.InvariantCulture) : $"{start.ToString(CultureInfo.InvariantCulture)},{count.ToString(CultureInfo.InvariantCulture)}";
}
