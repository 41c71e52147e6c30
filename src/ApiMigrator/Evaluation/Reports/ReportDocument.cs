using System.Net;
using System.Text;

namespace ApiMigrator.Evaluation.Reports;

/// <summary>A piece of a report; Markdown and HTML render the same blocks, so the two never disagree.</summary>
public abstract record ReportBlock;

/// <summary>A section heading (level 1–3).</summary>
internal sealed record ReportHeading(int Level, string Text) : ReportBlock;

/// <summary>A paragraph of plain text (<c>`code`</c> spans allowed).</summary>
internal sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A table; cells are plain text. Columns after the first are right-aligned numbers unless <see cref="LeftColumns"/> says otherwise.</summary>
internal sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock
{
    /// <summary>How many leading columns are text (left-aligned).</summary>
    public int LeftColumns { get; init; } = 1;
}

/// <summary>A PNG plot: embedded in HTML, linked from Markdown as <c>plots/NAME.png</c>.</summary>
internal sealed record ReportImage(string Name, string Caption, byte[] Png) : ReportBlock;

/// <summary>Renders report blocks.</summary>
internal static class ReportRenderer
{
    /// <summary>GitHub-flavoured Markdown; images link to <c>plots/NAME.png</c> beside the report.</summary>
    public static string Markdown(IEnumerable<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    sb.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case ReportParagraph p:
                    sb.Append(p.Text).Append("\n\n");
                    break;
                case ReportTable t:
                    sb.Append("| ").Append(string.Join(" | ", t.Header.Select(EscapeCell))).Append(" |\n");
                    sb.Append('|').Append(string.Join("|", t.Header.Select((_, i) => i < t.LeftColumns ? "---" : "---:"))).Append("|\n");
                    foreach (var row in t.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(EscapeCell))).Append(" |\n");
                    sb.Append('\n');
                    break;
                case ReportImage img:
                    sb.Append("![").Append(img.Caption).Append("](plots/").Append(img.Name).Append(".png)\n\n");
                    break;
            }
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>One self-contained HTML page: inline CSS, plots embedded as base64 PNG.</summary>
    public static string Html(string title, IEnumerable<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Enc(title)).Append("</title>\n<style>\n")
          .Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    sb.Append(CultureInvariant($"<h{h.Level}>")).Append(Enc(h.Text)).Append(CultureInvariant($"</h{h.Level}>\n"));
                    break;
                case ReportParagraph p:
                    sb.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case ReportTable t:
                    sb.Append("<div class=\"table\"><table>\n<thead><tr>");
                    for (int i = 0; i < t.Header.Count; i++) sb.Append(i < t.LeftColumns ? "<th class=\"l\">" : "<th>").Append(Enc(t.Header[i])).Append("</th>");
                    sb.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("<tr>");
                        for (int i = 0; i < row.Count; i++) sb.Append(i < t.LeftColumns ? "<td class=\"l\">" : "<td>").Append(Inline(row[i])).Append("</td>");
                        sb.Append("</tr>\n");
                    }
                    sb.Append("</tbody></table></div>\n");
                    break;
                case ReportImage img:
                    sb.Append("<figure><img alt=\"").Append(Enc(img.Caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(img.Png))
                      .Append("\"><figcaption>").Append(Enc(img.Caption)).Append("</figcaption></figure>\n");
                    break;
            }
        }
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string CultureInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static string EscapeCell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>HTML-encodes text and turns <c>`code`</c> spans into &lt;code&gt;.</summary>
    private static string Inline(string text)
    {
        var parts = text.Split('`');
        var sb = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1) sb.Append("<code>").Append(Enc(parts[i])).Append("</code>");
            else
            {
                if (i % 2 == 1) sb.Append('`');
                sb.Append(Enc(parts[i]));
            }
        }
        return sb.ToString();
    }

    private const string Css = """
        body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; margin: 0; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; line-height: 1.5; }
        h1 { font-size: 1.8em; border-bottom: 1px solid #d0d7de; padding-bottom: .3em; }
        h2 { font-size: 1.35em; margin-top: 2em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
        h3 { font-size: 1.1em; margin-top: 1.5em; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; background: #f6f8fa; padding: .1em .3em; border-radius: 4px; }
        .table { overflow-x: auto; margin: 1em 0; }
        table { border-collapse: collapse; font-size: .92em; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; white-space: nowrap; }
        th { background: #f6f8fa; }
        .l { text-align: left; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        figure { margin: 1.5em 0; }
        figure img { max-width: 100%; border: 1px solid #d0d7de; border-radius: 6px; }
        figcaption { color: #59636e; font-size: .9em; margin-top: .3em; }

        """;
}
