using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Development aid: why genuine touches fail. For every later impression (5..8) of every finger, the
/// number of minutiae it shares with each enrolment impression (1..4) at the best rigid alignment (one
/// minutia pair fixes rotation and shift; paired = within 8 px and 22.5 degrees), which bounds what
/// alignment-free triangle codes can match; then, over the triangles of those paired minutiae, how
/// often the probe's tolerant codes contain the enrolment touch's exact code, and the side-length and
/// direction differences behind the misses.
/// </summary>
internal static class PairStudy
{
    private const double PairDistanceSquared = 64;
    private const double PairAngle = Math.PI / 8;

    internal sealed record Touch(int[] X, int[] Y, float[] A);

    public static void Run(string datasetDir)
    {
        var dataset = FvcDataset.Open(datasetDir);
        var best = new List<int>();
        var stats = new TriangleStats();
        foreach (var f in dataset.Fingers)
        {
            var touches = new Dictionary<int, Touch>();
            foreach (var i in dataset.ImpressionsOf(f))
            {
                var frame = new byte[SensorFrame.Size];
                DatasetImageSource.Render(dataset.PathOf(f, i), dataset.Dpi, i - 1, PlacementOptions.Default, frame);
                var analyzer = new CaptureAnalyzer();
                analyzer.Analyse(frame);
                var m = analyzer.Work.Minutiae;
                touches[i] = new Touch(m.X.Take(m.Count).Select(v => (int)v).ToArray(), m.Y.Take(m.Count).Select(v => (int)v).ToArray(), m.Angle.Take(m.Count).ToArray());
                analyzer.Clear();
            }

            var line = $"finger {f}:";
            for (var p = 5; p <= 8; p++)
            {
                line += $" probe {p} ({touches[p].X.Length} minutiae) paired";
                var top = 0;
                for (var e = 1; e <= 4; e++)
                {
                    var pairs = BestPairs(touches[p], touches[e]);
                    stats.Add(touches[p], touches[e], pairs);
                    top = Math.Max(top, pairs.Count);
                    line += (e == 1 ? " " : ",") + pairs.Count;
                }

                best.Add(top);
            }

            Console.WriteLine(line);
        }

        best.Sort();
        Console.WriteLine("most minutiae paired with one enrolment touch, per probe, sorted: " + string.Join(",", best));
        stats.Print();
    }

    // The rigid motion (from one minutia pair) that pairs the most minutiae of p with those of e; returns the pairs (index in p, index in e).
    internal static List<(int P, int E)> BestPairs(Touch p, Touch e)
    {
        var best = new List<(int, int)>();
        for (var i = 0; i < p.X.Length; i++)
        {
            for (var j = 0; j < e.X.Length; j++)
            {
                var rotation = e.A[j] - p.A[i];
                var c = Math.Cos(rotation);
                var s = Math.Sin(rotation);
                var used = new bool[e.X.Length];
                var pairs = new List<(int, int)>();
                for (var a = 0; a < p.X.Length; a++)
                {
                    var dx = p.X[a] - p.X[i];
                    var dy = p.Y[a] - p.Y[i];
                    var x = e.X[j] + (c * dx) - (s * dy);
                    var y = e.Y[j] + (s * dx) + (c * dy);
                    for (var b = 0; b < e.X.Length; b++)
                    {
                        var ex = x - e.X[b];
                        var ey = y - e.Y[b];
                        if (!used[b] && (ex * ex) + (ey * ey) < PairDistanceSquared
                            && Math.Abs(Math.IEEERemainder(p.A[a] + rotation - e.A[b], 2 * Math.PI)) < PairAngle)
                        {
                            used[b] = true;
                            pairs.Add((a, b));
                            break;
                        }
                    }
                }

                if (pairs.Count > best.Count)
                {
                    best = pairs;
                }
            }
        }

        return best;
    }

    private sealed class TriangleStats
    {
        private readonly CodeBuffer _codes = new(TripletEncoder.MaxVariants);
        private readonly int[] _bins = new int[6];
        private readonly float[] _fractions = new float[6];
        private readonly List<double> _side = new();
        private readonly List<double> _angle = new();
        private readonly List<double>[] _sideByLength = [new(), new(), new(), new()];
        private int _triangles;
        private int _matched;
        private int _inOneOnly;

        public void Add(Touch p, Touch e, List<(int P, int E)> pairs)
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                for (var j = i + 1; j < pairs.Count; j++)
                {
                    for (var k = j + 1; k < pairs.Count; k++)
                    {
                        int[] pv = [pairs[i].P, pairs[j].P, pairs[k].P];
                        int[] ev = [pairs[i].E, pairs[j].E, pairs[k].E];
                        var enrolled = TripletEncoder.Encode(Triangle(e, ev), false, _codes, _bins, _fractions);
                        var exact = _codes[0];
                        var probe = TripletEncoder.Encode(Triangle(p, pv), true, _codes, _bins, _fractions);
                        if (enrolled == 0 && probe == 0)
                        {
                            continue;
                        }

                        if (enrolled == 0 || probe == 0)
                        {
                            _inOneOnly++;
                            continue;
                        }

                        _triangles++;
                        _matched += Enumerable.Range(0, probe).Any(c => _codes[c] == exact) ? 1 : 0;
                        for (var v = 0; v < 3; v++)
                        {
                            int a = (v + 1) % 3, b = (v + 2) % 3;
                            var length = Distance(e, ev[v], ev[a]);
                            var error = Math.Abs(Distance(p, pv[v], pv[a]) - length);
                            _side.Add(error);
                            _sideByLength[Math.Min(3, (int)(length / 25))].Add(error);
                            var pr = Math.Atan2(p.Y[pv[a]] - p.Y[pv[v]], p.X[pv[a]] - p.X[pv[v]]);
                            var er = Math.Atan2(e.Y[ev[a]] - e.Y[ev[v]], e.X[ev[a]] - e.X[ev[v]]);
                            _angle.Add(Math.Abs(Math.IEEERemainder(p.A[pv[b]] - pr - (e.A[ev[b]] - er), 2 * Math.PI)) * 180 / Math.PI);
                        }
                    }
                }
            }
        }

        public void Print()
        {
            Console.WriteLine($"triangles of paired minutiae with sides in range in both touches: {_triangles}; the probe's tolerant codes hold the enrolment's exact code for {_matched} " +
                              $"({100.0 * _matched / Math.Max(1, _triangles):F1} %); {_inOneOnly} more have sides in range in one touch only");
            foreach (var (name, values) in new[] { ("side length difference (px)", _side), ("direction difference against a side (degrees)", _angle),
                         ("side length difference, sides under 25 px", _sideByLength[0]), ("side length difference, sides 25-50 px", _sideByLength[1]),
                         ("side length difference, sides 50-75 px", _sideByLength[2]), ("side length difference, sides 75 px and over", _sideByLength[3]) })
            {
                if (values.Count == 0)
                {
                    continue;
                }

                values.Sort();
                Console.WriteLine($"{name}: median {values[values.Count / 2]:F1}, 75th percentile {values[values.Count * 3 / 4]:F1}, 90th {values[values.Count * 9 / 10]:F1}");
            }
        }

        private static MinutiaSet Triangle(Touch t, int[] vertices)
        {
            var m = new MinutiaSet(3);
            foreach (var v in vertices)
            {
                m.Add(t.X[v], t.Y[v], MinutiaSet.Ending, t.A[v], 1f);
            }

            return m;
        }

        private static double Distance(Touch t, int a, int b) =>
            Math.Sqrt(((t.X[a] - t.X[b]) * (t.X[a] - t.X[b])) + ((t.Y[a] - t.Y[b]) * (t.Y[a] - t.Y[b])));
    }
}
