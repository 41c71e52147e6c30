using System.Text;

namespace ApiMigrator.Bench;

/// <summary>
/// A pipe table with aligned columns: readable in a terminal and pasteable into Markdown as is.
/// Columns whose header is given with a leading '&gt;' are right-aligned (numbers).
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly bool[] right = headers.Select(h => h.StartsWith('>')).ToArray();
    private readonly string[] header = headers.Select(h => h.TrimStart('>')).ToArray();
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != header.Length) throw new ArgumentException($"expected {header.Length} cells, got {cells.Length}", nameof(cells));
        rows.Add(cells);
    }

    public override string ToString()
    {
        var width = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        Line(header);
        sb.Append('|');
        for (int i = 0; i < width.Length; i++) sb.Append(right[i] ? new string('-', width[i] + 1) + ":|" : ":" + new string('-', width[i] + 1) + "|");
        sb.AppendLine();
        foreach (var r in rows) Line(r);
        return sb.ToString();

        void Line(string[] cells)
        {
            sb.Append('|');
            for (int i = 0; i < cells.Length; i++)
                sb.Append(' ').Append(right[i] ? cells[i].PadLeft(width[i]) : cells[i].PadRight(width[i])).Append(" |");
            sb.AppendLine();
        }
    }
}
