using ScottPlot;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>The DET curve (FRR against FAR, both on log axes) of the K sweep, as a PNG.</summary>
internal static class DetPlot
{
    public static void Write(string path, string title, IReadOnlyList<OperatingPoint> points, int operatingK)
    {
        var plot = new Plot();
        // A FAR of zero has no place on a log axis: it is drawn at its 95% upper bound (rule of three).
        var far = points.Select(p => Math.Log10(p.ImpostorAccepted == 0 ? p.FarUpper95 : p.Far)).ToArray();
        var frr = points.Select(p => Math.Log10(Math.Max(p.Frr, 1e-3))).ToArray();
        var curve = plot.Add.Scatter(far, frr);
        curve.LegendText = "vault K sweep (FAR = 0 drawn at its 95% bound)";
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            var label = plot.Add.Text($"K={p.K}", far[i], frr[i]);
            label.LabelFontSize = 10;
        }

        var chosen = points.Where(p => p.K == operatingK).ToArray();
        if (chosen.Length == 1)
        {
            var i = points.ToList().IndexOf(chosen[0]);
            var marker = plot.Add.Marker(far[i], frr[i], MarkerShape.FilledCircle, 12, Colors.Red);
            marker.LegendText = $"card operating point K={operatingK}";
        }

        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title(title);
        plot.XLabel("false acceptance rate per touch");
        plot.YLabel("false rejection rate per touch");
        plot.ShowLegend();
        plot.SavePng(path, 900, 650);
    }

    /// <summary>
    /// The DET curve read off one operating point's scores: at threshold t, the genuine touches that
    /// unlocked fewer than t points (a lower bound of the FRR a vault of K = t would show) against the
    /// impostor touches that unlocked t or more (an upper bound of its FAR; zero drawn at its 95% bound).
    /// </summary>
    public static void WriteScores(string path, string title, OperatingPoint p, IReadOnlyList<int> thresholds)
    {
        var plot = new Plot();
        var far = thresholds.Select(t => Math.Log10(p.ImpostorsAtOrAbove(t) == 0 ? 3.0 / p.Impostor : (double)p.ImpostorsAtOrAbove(t) / p.Impostor)).ToArray();
        var frr = thresholds.Select(t => Math.Log10(Math.Max(1.0 - ((double)p.GenuineAtOrAbove(t) / p.Genuine), 1e-3))).ToArray();
        var curve = plot.Add.Scatter(far, frr);
        curve.LegendText = "score threshold t (impostor FAR = 0 drawn at its 95% bound)";
        for (var i = 0; i < thresholds.Count; i++)
        {
            var label = plot.Add.Text($"t={thresholds[i]}", far[i], frr[i]);
            label.LabelFontSize = 10;
            if (thresholds[i] == p.K)
            {
                var marker = plot.Add.Marker(far[i], frr[i], MarkerShape.FilledCircle, 12, Colors.Red);
                marker.LegendText = $"card operating point K={p.K}";
            }
        }

        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title(title);
        plot.XLabel("false acceptance rate per touch (upper bound: score reaches t)");
        plot.YLabel("false rejection rate per touch (lower bound: score below t)");
        plot.ShowLegend();
        plot.SavePng(path, 900, 650);
    }

    // Values are log10 of the rate: integer ticks labelled as the rate itself.
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
    };
}
