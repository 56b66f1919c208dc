using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.HalSim.Tests.Storage;

/// <summary>Small geometries and value helpers shared by the record-log tests.</summary>
internal static class LogFixture
{
    /// <summary>8 pages of 256 bytes: two areas of 1 KiB, so compaction comes quickly.</summary>
    public const int PageSize = 256;
    public const int Pages = 8;

    public static SimFlash NewFlash(int seed = 1) => new(PageSize, Pages, seed);

    public static RecordLog Mount(SimFlash flash) => RecordLog.Mount(flash, 0, Pages);

    /// <summary>A value that identifies its key and version, so a mixture of two values is detectable.</summary>
    public static byte[] Value(int key, int version, int length)
    {
        var value = new byte[length];
        for (var i = 0; i < length; i++)
        {
            value[i] = (byte)(key * 31 + version * 17 + i * 13);
        }

        return value;
    }

    public static string Describe(byte[]? value) => value is null ? "<missing>" : Convert.ToHexString(value);
}
