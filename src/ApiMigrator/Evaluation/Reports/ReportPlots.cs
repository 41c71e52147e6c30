using System.Globalization;
using ScottPlot;

namespace ApiMigrator.Evaluation.Reports;

/// <summary>
/// The report's plots as PNG bytes (ScottPlot, rendered headless). Same data, same bytes: no timestamps,
/// fixed sizes, fixed colours.
/// </summary>
internal static class ReportPlots
{
    private const int Width = 900, Height = 460;

    // A colour-blind-safe palette (Okabe–Ito), in a fixed order.
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    /// <summary>Exact match, exact modulo formatting and similarity per approach that ran, with the unchanged input as a baseline.</summary>
    public static byte[] AccuracyPerApproach(EvaluationReport report)
    {
        var runs = report.Runs.Concat(report.Ablation?.HybridVariants ?? []).Where(r => r.Ran).Append(report.Unchanged with { Label = "unchanged" }).ToList();
        var series = new (string Name, Func<StrategyMetrics, double> Value)[]
        {
            ("exact", m => m.ExactMatch), ("exact (fmt)", m => m.ExactModuloFormatting), ("similarity", m => m.Similarity),
        };
        return GroupedBars("Accuracy per approach", runs.Select(r => r.Label).ToList(), series.Select(s => (s.Name, runs.Select(r => s.Value(r.Metrics)).ToList())).ToList(),
            "share of pairs that must change", horizontal: true);
    }

    /// <summary>Exact match per library for each approach that ran.</summary>
    public static byte[] AccuracyPerLibrary(EvaluationReport report)
    {
        var runs = report.Runs.Where(r => r.Ran).ToList();
        var libraries = report.Unchanged.Predictions.Select(StrategyMetrics.LibraryOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var series = runs.Select(r =>
        {
            var by = StrategyMetrics.By(r.Predictions, StrategyMetrics.LibraryOf).ToDictionary(g => g.Group, g => g.Metrics, StringComparer.Ordinal);
            return (r.Label, libraries.Select(l => by.TryGetValue(l, out var m) && m.Positives > 0 ? m.ExactMatch : 0).ToList());
        }).ToList();
        return GroupedBars("Exact match per library", libraries, series, "exact match");
    }

    /// <summary>Accuracy against mean confidence per bucket, with the diagonal and the direct threshold.</summary>
    public static byte[] Calibration(CalibrationResult c)
    {
        var plot = NewPlot("Confidence calibration of rule matches", "confidence", "share of changes that are right");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";
        var threshold = plot.Add.VerticalLine(c.Threshold);
        threshold.LineColor = Palette[5];
        threshold.LinePattern = LinePattern.Dotted;
        threshold.LegendText = FormattableString.Invariant($"direct threshold {c.Threshold:0.00}");
        var filled = c.Buckets.Where(b => b.Matches > 0).ToList();
        int most = filled.Count == 0 ? 1 : filled.Max(b => b.Matches);
        var line = plot.Add.Scatter(filled.Select(b => b.MeanConfidence).ToArray(), filled.Select(b => b.Accuracy).ToArray());
        line.Color = Palette[0];
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LegendText = "accuracy per bucket";
        foreach (var b in filled)
        {
            var marker = plot.Add.Marker(b.MeanConfidence, b.Accuracy);
            marker.Color = Palette[0];
            marker.Size = (float)(6 + 22 * Math.Sqrt((double)b.Matches / most));
            var label = plot.Add.Text(FormattableString.Invariant($"{b.Right}/{b.Matches}"), b.MeanConfidence, b.Accuracy);
            label.LabelFontSize = 12;
            label.LabelFontColor = Colors.Black;
            label.OffsetY = -16;
            label.LabelAlignment = Alignment.LowerCenter;
        }
        plot.Axes.SetLimits(0, 1.02, 0, 1.1);
        plot.ShowLegend(Alignment.LowerRight);
        return Png(plot);
    }

    /// <summary>Rules alone: precision, coverage and exact against the direct threshold.</summary>
    public static byte[] RulesSweep(AblationResult ab)
    {
        var plot = NewPlot("Rules alone against the direct threshold", "direct threshold", "share");
        var xs = ab.RulesSweep.Select(p => p.Direct).ToArray();
        AddLine(plot, xs, ab.RulesSweep.Select(p => p.Metrics.Precision).ToArray(), "precision", 0);
        AddLine(plot, xs, ab.RulesSweep.Select(p => p.Metrics.Coverage).ToArray(), "coverage", 1);
        AddLine(plot, xs, ab.RulesSweep.Select(p => p.Metrics.ExactMatch).ToArray(), "exact", 2);
        AddLine(plot, xs, ab.RulesSweep.Select(p => p.Metrics.NegativeSafety).ToArray(), "negatives unchanged", 3);
        plot.Axes.SetLimits(xs.Min() - 0.02, xs.Max() + 0.02, 0, 1.05);
        plot.ShowLegend(Alignment.LowerLeft);
        return Png(plot);
    }

    /// <summary>The hybrid's exact match over the (direct, guided) grid, as a heat map with the values written in.</summary>
    public static byte[] HybridHeatmap(AblationResult ab)
    {
        var direct = AblationResult.DirectGrid;
        var guided = AblationResult.GuidedGrid;
        var values = new double[direct.Count, guided.Count];
        for (int r = 0; r < direct.Count; r++)
            for (int c = 0; c < guided.Count; c++)
                values[r, c] = ab.HybridSweep.FirstOrDefault(p => p.Direct == direct[r] && p.Guided == guided[c]) is { } cell ? cell.Metrics.ExactMatch : double.NaN;
        var plot = NewPlot("Hybrid exact match by threshold", "guided threshold", "direct threshold");
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.NaNCellColor = Colors.White;
        map.FlipVertically = true;
        // ScottPlot's extent spans the cell centres, not their edges.
        map.Extent = new CoordinateRect(0, guided.Count - 1, 0, direct.Count - 1);
        var bar = plot.Add.ColorBar(map);
        bar.Label = "exact match";
        for (int r = 0; r < direct.Count; r++)
            for (int c = 0; c < guided.Count; c++)
            {
                if (double.IsNaN(values[r, c])) continue;
                var t = plot.Add.Text((values[r, c] * 100).ToString("0", CultureInfo.InvariantCulture), c, r);
                t.LabelFontSize = 11;
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontColor = values[r, c] > 0.6 ? Colors.Black : Colors.White;
            }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, guided.Count).Select(i => (double)i).ToArray(), guided.Select(g => g.ToString("0.00", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, direct.Count).Select(i => (double)i).ToArray(), direct.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.5, guided.Count - 0.5, -0.5, direct.Count - 0.5);
        return Png(plot, Width, 560);
    }

    /// <summary>Rule-tier metrics against the share of training pairs, with the range of exact match over subsamples.</summary>
    public static byte[] LearningCurve(AblationResult ab)
    {
        var curve = ReportBuilder.LearningCurve(ab);
        var plot = NewPlot("Learning curve", "share of training pairs", "share");
        var xs = curve.Select(p => p.Fraction).ToArray();
        AddLine(plot, xs, curve.Select(p => p.Exact).ToArray(), "exact (rules)", 0);
        foreach (var p in curve.Where(p => p.ExactMax > p.ExactMin))
        {
            // The range over the seeded subsamples, min to max.
            var range = plot.Add.Line(p.Fraction, p.ExactMin, p.Fraction, p.ExactMax);
            range.LineColor = Palette[0];
            range.LineWidth = 3;
            range.MarkerSize = 0;
        }
        AddLine(plot, xs, curve.Select(p => p.Coverage).ToArray(), "coverage (rules)", 1);
        AddLine(plot, xs, curve.Select(p => p.Precision).ToArray(), "precision (rules)", 2);
        if (curve.All(p => !double.IsNaN(p.HybridExact))) AddLine(plot, xs, curve.Select(p => p.HybridExact).ToArray(), "exact (hybrid)", 3);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, xs.Select(x => (x * 100).ToString("0", CultureInfo.InvariantCulture) + "%").ToArray());
        plot.Axes.SetLimits(0, 1.05, 0, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return Png(plot);
    }

    /// <summary>
    /// Bars per group and series. Horizontal puts the group names on the left (long approach names stay
    /// readable), first group on top; vertical puts them along the bottom.
    /// </summary>
    private static byte[] GroupedBars(string title, IReadOnlyList<string> groups, IReadOnlyList<(string Name, List<double> Values)> series, string valueLabel, bool horizontal = false)
    {
        var plot = NewPlot(title, horizontal ? valueLabel : "", horizontal ? "" : valueLabel);
        int n = series.Count;
        double width = 0.8 / Math.Max(1, n);
        var bars = new List<Bar>();
        for (int s = 0; s < n; s++)
        {
            for (int g = 0; g < groups.Count; g++)
            {
                double v = series[s].Values[g];
                // Horizontal: the first group and the first series on top.
                double position = horizontal ? (groups.Count - 1 - g) + ((n - 1) / 2.0 - s) * width : g + (s - (n - 1) / 2.0) * width;
                bars.Add(new Bar
                {
                    Position = position,
                    Value = v,
                    Size = width * 0.92,
                    FillColor = Palette[s % Palette.Length],
                    Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
                    Label = horizontal || n <= 3 ? (v * 100).ToString("0", CultureInfo.InvariantCulture) : "",
                });
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = Palette[s % Palette.Length] });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        var ticks = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(i => (double)(horizontal ? groups.Count - 1 - i : i)).ToArray(), groups.ToArray());
        if (horizontal)
        {
            plot.Axes.Left.TickGenerator = ticks;
            plot.Axes.SetLimits(0, 1.12, -0.6, groups.Count - 0.4);
            plot.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.SetLimits(-0.6, groups.Count - 0.4, 0, 1.12);
            plot.ShowLegend(Alignment.UpperRight);
            plot.Legend.Orientation = Orientation.Horizontal;
        }
        return horizontal ? Png(plot, Width, Math.Max(Height, 90 + groups.Count * 22 * Math.Max(1, n))) : Png(plot);
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string label, int colour)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.Color = Palette[colour % Palette.Length];
        line.LineWidth = 2;
        line.MarkerSize = 7;
        line.LegendText = label;
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.Axes.Title.Label.FontSize = 18;
        return plot;
    }

    private static byte[] Png(Plot plot, int width = Width, int height = Height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
