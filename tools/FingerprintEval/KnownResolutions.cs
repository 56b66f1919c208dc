using System.Text.RegularExpressions;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// The scanning resolution of the public FVC databases, which their folders do not carry: the
/// evaluation scales each set from its real resolution to the sensor's instead of assuming 500 dpi.
/// Published with the competitions (Maio et al., FVC2000 and FVC2002 reports, ICPR 2000 / 2002;
/// FVC2004, ICBA 2004): 500 dpi for every database except FVC2002 DB2 (569 dpi) and FVC2004 DB3
/// (512 dpi); the synthetic DB4 of each is "about 500 dpi".
/// </summary>
internal static partial class KnownResolutions
{
    /// <summary>
    /// The resolution of the FVC database a folder named like <c>fvc2002-db2a</c>, <c>FVC2004_DB3_B</c>
    /// or <c>.../FVC2002/DB2_B</c> holds, or <see cref="ImageFile.DefaultDpi"/> when the name says none.
    /// </summary>
    public static double For(string directory)
    {
        var path = Path.GetFullPath(directory).Replace('\\', '/');
        var match = DatabaseName().Match(path);
        if (!match.Success)
        {
            return ImageFile.DefaultDpi;
        }

        return (match.Groups["year"].Value, match.Groups["db"].Value) switch
        {
            ("2002", "2") => 569.0,
            ("2004", "3") => 512.0,
            _ => ImageFile.DefaultDpi,
        };
    }

    [GeneratedRegex(@"fvc(?<year>2000|2002|2004)[^0-9]*?db[_-]?(?<db>[1-4])", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseName();
}
