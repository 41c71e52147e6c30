using System.Text;
using ApiMigrator.Diffs;
using ApiMigrator.Notebooks;

namespace ApiMigrator.Tests.Notebooks;

/// <summary>Builds notebook JSON the way Jupyter writes it (nbformat 4, one-space indent, sources as lists of lines).</summary>
internal static class Nb
{
    public static (string Type, string Source) Code(string source) => ("code", source);

    public static (string Type, string Source) Markdown(string source) => ("markdown", source);

    public static string Json(string language, params (string Type, string Source)[] cells)
    {
        var sb = new StringBuilder("{\n \"cells\": [\n");
        for (int i = 0; i < cells.Length; i++)
        {
            var (type, source) = cells[i];
            sb.Append("  {\n   \"cell_type\": \"").Append(type).Append("\",\n");
            if (type == "code") sb.Append("   \"execution_count\": null,\n");
            sb.Append($"   \"id\": \"c{i}\",\n   \"metadata\": {{}},\n");
            if (type == "code") sb.Append("   \"outputs\": [\n    {\n     \"name\": \"stdout\",\n     \"output_type\": \"stream\",\n     \"text\": [\n      \"np.float_ 1\\n\"\n     ]\n    }\n   ],\n");
            var lines = TextLines.Split(source);
            sb.Append("   \"source\": [");
            if (lines.Count > 0) sb.Append("\n    ").Append(string.Join(",\n    ", lines.Select(l => NotebookDocument.Quote(l)))).Append("\n   ");
            sb.Append("]\n  }").Append(i + 1 < cells.Length ? ",\n" : "\n");
        }
        sb.Append(" ],\n \"metadata\": {\n  \"kernelspec\": {\n   \"display_name\": \"Kernel\",\n   \"language\": \"").Append(language)
          .Append("\",\n   \"name\": \"k\"\n  }\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n");
        return sb.ToString();
    }

    public static string Json(params (string Type, string Source)[] cells) => Json("python", cells);
}
