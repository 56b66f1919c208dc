using System.Globalization;
using System.Text.RegularExpressions;

namespace CardFirmware.HalSim.Images;

/// <summary>
/// A folder in FVC layout: files named <c>&lt;finger&gt;_&lt;impression&gt;.tif</c> (for example
/// <c>101_1.tif</c> ... <c>110_8.tif</c> in FVC2002 DB1 set B); files of the same finger number
/// come from the same finger. Lists what is there and loads single impressions.
/// </summary>
/// <remarks>Security: the files are real people's biometrics; never copy them into the repository or logs.</remarks>
public sealed partial class FvcDataset
{
    private readonly SortedDictionary<int, SortedDictionary<int, string>> _files;

    private FvcDataset(string directory, double dpi, SortedDictionary<int, SortedDictionary<int, string>> files)
    {
        Directory = directory;
        Dpi = dpi;
        _files = files;
    }

    /// <summary>The folder that was opened.</summary>
    public string Directory { get; }

    /// <summary>Resolution of the images (FVC2002 DB1: 500 dpi).</summary>
    public double Dpi { get; }

    /// <summary>Finger numbers present, ascending.</summary>
    public IReadOnlyList<int> Fingers => _files.Keys.ToArray();

    /// <summary>
    /// Scans <paramref name="directory"/> for <c>F_I.tif</c>/<c>.tiff</c>/<c>.bmp</c> files.
    /// Throws <see cref="DirectoryNotFoundException"/> if it does not exist and
    /// <see cref="InvalidDataException"/> if it holds no such file.
    /// </summary>
    public static FvcDataset Open(string directory, double dpi = ImageFile.DefaultDpi)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException("Dataset folder not found: " + directory);
        }

        var files = new SortedDictionary<int, SortedDictionary<int, string>>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory))
        {
            var match = FileName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                continue;
            }

            var finger = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var impression = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (!files.TryGetValue(finger, out var impressions))
            {
                files[finger] = impressions = new SortedDictionary<int, string>();
            }

            impressions[impression] = path;
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException("No <finger>_<impression>.tif files in " + directory);
        }

        return new FvcDataset(directory, dpi, files);
    }

    /// <summary>Impression numbers of <paramref name="finger"/>, ascending (FVC: 1 ... 8).</summary>
    public IReadOnlyList<int> ImpressionsOf(int finger) => Impressions(finger).Keys.ToArray();

    /// <summary>Full path of one impression.</summary>
    public string PathOf(int finger, int impression) =>
        Impressions(finger).TryGetValue(impression, out var path)
            ? path
            : throw new KeyNotFoundException("No impression " + impression + " of finger " + finger + ".");

    /// <summary>Decodes one impression at its full size (FVC2002 DB1: 388 x 374).</summary>
    public GreyImage Load(int finger, int impression) => ImageFile.Read(PathOf(finger, impression), Dpi);

    /// <summary>
    /// A source that presents the impressions of <paramref name="finger"/> to the sensor as
    /// touches: touch k uses impression k mod count, placed per <paramref name="placement"/>.
    /// </summary>
    public DatasetImageSource SourceFor(int finger, PlacementOptions? placement = null) =>
        new(this, finger, placement ?? PlacementOptions.Default);

    private SortedDictionary<int, string> Impressions(int finger) =>
        _files.TryGetValue(finger, out var impressions)
            ? impressions
            : throw new KeyNotFoundException("Finger " + finger + " is not in the dataset.");

    [GeneratedRegex(@"^(\d+)_(\d+)\.(tif|tiff|bmp)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
