using System.IO.Compression;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// Minimal PNG encoder (RFC 2083 / PNG 1.2: IHDR, one IDAT with zlib-deflated scanlines using
/// filter type 0, IEND) for 8-bit RGB images. Used for the DET plot and debug overlays so the
/// tool needs no native graphics library.
/// </summary>
public static class PngWriter
{
    /// <summary>Writes <paramref name="rgb"/> (width * height * 3 bytes, row-major) to <paramref name="path"/>.</summary>
    public static void WriteRgb(string path, int width, int height, byte[] rgb)
    {
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        WriteChunk(file, "IHDR", header);

        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0);
                z.Write(rgb, y * width * 3, width * 3);
            }
        }

        WriteChunk(file, "IDAT", raw.ToArray());
        WriteChunk(file, "IEND", []);
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        s.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc32(typeBytes, Crc32Init);
        crc = Crc32(data, crc) ^ 0xFFFFFFFFu;
        var crcBytes = new byte[4];
        WriteBigEndian(crcBytes, 0, crc);
        s.Write(crcBytes);
    }

    private const uint Crc32Init = 0xFFFFFFFFu;

    // CRC-32 as PNG 1.2 section 3.4 / Annex D specifies (reflected polynomial 0xEDB88320).
    private static uint Crc32(byte[] data, uint crc)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }

    private static void WriteBigEndian(byte[] b, int o, uint v)
    {
        b[o] = (byte)(v >> 24);
        b[o + 1] = (byte)(v >> 16);
        b[o + 2] = (byte)(v >> 8);
        b[o + 3] = (byte)v;
    }
}
