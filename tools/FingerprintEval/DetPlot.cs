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

    // Values are log10 of the rate: integer ticks labelled as the rate itself.
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
    };
}
