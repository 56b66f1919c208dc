using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>Development aid: renders one touch, analyses it and writes an overlay PNG (grey frame, skeleton, minutiae).</summary>
internal static class DebugDump
{
    public static void Run(string datasetDir, int finger, int impression, string outPath)
    {
        var dataset = FvcDataset.Open(datasetDir);
        var frame = new byte[SensorFrame.Size];
        DatasetImageSource.Render(dataset.PathOf(finger, impression), dataset.Dpi, impression - 1, PlacementOptions.Default, frame);
        var original = (byte[])frame.Clone();
        var analyzer = new CaptureAnalyzer();
        var verdict = analyzer.Analyse(frame);
        var w = analyzer.Work;
        var rgb = new byte[SensorFrame.Size * 3];
        for (var i = 0; i < SensorFrame.Size; i++)
        {
            var g = (byte)(original[i] / 2 + 100);
            rgb[3 * i] = g; rgb[3 * i + 1] = g; rgb[3 * i + 2] = g;
            if (w.Ridges[i] != 0) { rgb[3 * i] = 0; rgb[3 * i + 1] = 0; rgb[3 * i + 2] = 255; }
            var b = (i / 192 / 8) * 24 + (i % 192) / 8;
            if (w.Foreground[b] == 0) rgb[3 * i + 1] = (byte)(rgb[3 * i + 1] / 2);
        }

        var m = w.Minutiae;
        for (var k = 0; k < m.Count; k++)
        {
            for (var d = -3; d <= 3; d++)
            {
                foreach (var (x, y) in new[] { (m.X[k] + d, m.Y[k] - 3), (m.X[k] + d, m.Y[k] + 3), (m.X[k] - 3, m.Y[k] + d), (m.X[k] + 3, m.Y[k] + d) })
                {
                    if (x < 0 || y < 0 || x >= 192 || y >= 192) continue;
                    var p = 3 * (y * 192 + x);
                    rgb[p] = 255; rgb[p + 1] = (byte)(m.Type[k] == MinutiaSet.Ending ? 0 : 200); rgb[p + 2] = 0;
                }
            }
        }

        // Three times larger, so single skeleton pixels and minutia marks can be told apart.
        const int zoom = 3;
        var big = new byte[rgb.Length * zoom * zoom];
        for (var y = 0; y < 192 * zoom; y++)
        {
            for (var x = 0; x < 192 * zoom; x++)
            {
                Array.Copy(rgb, 3 * ((y / zoom) * 192 + x / zoom), big, 3 * (y * 192 * zoom + x), 3);
            }
        }

        PngWriter.WriteRgb(outPath, 192 * zoom, 192 * zoom, big);
        Console.WriteLine($"{finger}_{impression}: quality={verdict} minutiae={m.Count}");
    }
}
