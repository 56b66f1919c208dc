using System.Globalization;
using CardFirmware.Biometrics;
using CardFirmware.HalSim.Images;
using CardFirmware.Tools.FingerprintEval;

// FingerprintEval eval <dataset-dir | synthetic> [--det det.png] [--k 8,10,12,...] [--enroll touches] [--enroll-min touches] [--cap codes] [--dpi 569]
//                    [--fingers 100] [--sensor optical|capacitive]   (the last two for synthetic fingers)
//                    [--kernels managed|native]   (the image stages' backend; the same outputs either way)
//                    [--image crop|full]   (full: whole images as upright sensor windows whose codes are pooled, beside the card's placed crops)
// FingerprintEval study <dataset-dir | synthetic> <enroll> <agreement> <cap> [rounds] [--rotate]   (feature statistics)
// FingerprintEval dump <dataset-dir> <finger> <impression> <out.png>         (one touch's skeleton and minutiae)
// FingerprintEval vaults <dataset-dir | synthetic> [--fingers 30] [--first 1] [--sensor optical|capacitive]   (which codes a vault should hold, from match counts)
// FingerprintEval minutiae <dataset-dir | synthetic> [--fingers 30] [--sensor optical|capacitive]   (which minutiae repeat across impressions)
// FingerprintEval pool <dataset-dir | synthetic> [--edge 0,16] [--cap 4096,2048] [--genuine 400,1200] [--order hash,pop2 --population codes.bin]
//                    [--dump codes.bin] [--fingers 30] [--first 1001] [--sensor ...] [--kernels ...]   (pooled vaults, minutia filters, population-rare codes, from match counts)
// FingerprintEval pairs <dataset-dir>                                        (minutiae shared by genuine touches, code match rate)
if (args.Length >= 5 && args[0] == "dump")
{
    DebugDump.Run(args[1], int.Parse(args[2]), int.Parse(args[3]), args[4]);
    return 0;
}

if (args.Length >= 2 && args[0] == "vaults")
{
    var fingers = AcquireStudySet(args);
    VaultSelectionStudy.Run(fingers, FingerKeyExtractor.MaxTouchCodes);
    return 0;
}

if (args.Length >= 2 && args[0] == "pool")
{
    var options = args.Skip(2).Chunk(2).Where(c => c.Length == 2).ToDictionary(c => c[0], c => c[1]);
    ImageKernelChoice.Select(options.GetValueOrDefault("--kernels", "managed"));
    var fingers = AcquireStudySet(args);
    if (options.TryGetValue("--dump", out var dump))
    {
        PoolStudy.Dump(fingers, dump);
        return 0;
    }

    static int[] List(string text) => text.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    PoolStudy.Run(fingers, List(options.GetValueOrDefault("--edge", "0")),
        List(options.GetValueOrDefault("--cap", FingerKeyExtractor.MaxTouchCodes.ToString(CultureInfo.InvariantCulture))),
        List(options.GetValueOrDefault("--genuine", "400,600,800,1200,100000")), options.GetValueOrDefault("--order", "hash").Split(','),
        options.TryGetValue("--population", out var population) ? PoolStudy.Population(population) : []);
    return 0;
}

if (args.Length >= 2 && args[0] == "minutiae")
{
    var fingers = AcquireStudySet(args);
    MinutiaStudy.Run(fingers, FingerKeyExtractor.MaxTouchCodes);
    return 0;
}

if (args.Length >= 2 && args[0] == "pairs")
{
    PairStudy.Run(args[1]);
    return 0;
}

if (args.Length >= 5 && args[0] == "study")
{
    var rotate = args.Contains("--rotate");
    var rest = args.Skip(5).Where(a => a != "--rotate").ToArray();
    FeatureStudy.Run(args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), rest.Length > 0 ? int.Parse(rest[0]) : 1, rotate);
    return 0;
}

if (args.Length >= 2 && args[0] == "eval")
{
    var options = args.Skip(2).Chunk(2).Where(c => c.Length == 2).ToDictionary(c => c[0], c => c[1]);
    var sweep = options.TryGetValue("--k", out var ks) ? ks.Split(',').Select(int.Parse).ToArray() : [];
    ImageKernelChoice.Select(options.GetValueOrDefault("--kernels", "managed"));
    var enroll = options.TryGetValue("--enroll", out var e) ? int.Parse(e) : FingerKeyExtractor.EnrollmentTouches;
    var enrollMin = options.TryGetValue("--enroll-min", out var em) ? int.Parse(em, CultureInfo.InvariantCulture) : Math.Min(enroll, EvalReport.DefaultMinEnrollmentTouches);
    var source = new EvalSource(
        options.TryGetValue("--dpi", out var dpi) ? double.Parse(dpi, CultureInfo.InvariantCulture) : KnownResolutions.For(args[1]),
        options.TryGetValue("--fingers", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : EvalReport.DefaultSyntheticFingers,
        options.TryGetValue("--sensor", out var sensor) ? Enum.Parse<SyntheticSensor>(sensor, ignoreCase: true) : SyntheticSensor.Optical);
    var cap = options.TryGetValue("--cap", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : FingerKeyExtractor.MaxTouchCodes;
    if (options.GetValueOrDefault("--image", "crop") == "full" && args[1] != "synthetic")
    {
        return FullImageReport.Run(args[1], options.GetValueOrDefault("--det"), enroll, enrollMin,
            options.ContainsKey("--cap") ? cap : FullImageReport.DefaultWindowCap, source.Dpi);
    }

    return EvalReport.Run(args[1], options.GetValueOrDefault("--det"), sweep, enroll, enrollMin, cap, source);
}

Console.Error.WriteLine("usage: FingerprintEval eval <dataset-dir|synthetic> [--det det.png] [--k 8,10,...] [--enroll 7] [--dpi 500] " +
                        "[--cap 8192] [--fingers 20] [--sensor optical|capacitive] [--kernels managed|native] [--image crop|full] | study ... | dump ... | pairs ... | vaults ... | minutiae ... | pool ...");
return 2;

// A study's touches: an FVC-layout folder, or synthetic fingers (--fingers 30, --sensor optical|capacitive).
static List<FingerTouches> AcquireStudySet(string[] args)
{
    var options = args.Skip(2).Chunk(2).Where(c => c.Length == 2).ToDictionary(c => c[0], c => c[1]);
    return args[1] == "synthetic"
        ? Evaluation.Acquire(Enumerable.Range(int.Parse(options.GetValueOrDefault("--first", "1"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("--fingers", "30"), CultureInfo.InvariantCulture)).Select(f =>
            (f, (IImageSource)new SyntheticImageSource(f, profile: Enum.Parse<SyntheticSensor>(options.GetValueOrDefault("--sensor", "optical"), ignoreCase: true)), 8)), out _)
        : AcquireFolder(args[1]);
}

static List<FingerTouches> AcquireFolder(string directory)
{
    var data = FvcDataset.Open(directory, KnownResolutions.For(directory));
    return Evaluation.Acquire(data.Fingers.Select(f => (f, (IImageSource)data.SourceFor(f), data.ImpressionsOf(f).Count)), out _);
}
