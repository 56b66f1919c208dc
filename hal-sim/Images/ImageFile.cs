using BitMiracle.LibTiff.Classic;

namespace CardFirmware.HalSim.Images;

/// <summary>
/// Loads fingerprint images from files into <see cref="GreyImage"/> in sensor polarity
/// (0 = black). Supported: TIFF (decoded by BitMiracle.LibTiff.NET; 8-bit, one sample per pixel,
/// BlackIsZero or WhiteIsZero) and uncompressed BMP (8-bit palettised or 24/32-bit, converted to
/// grey). PNG is not supported: .NET has no PNG decoder outside System.Drawing and none is worth
/// writing for the datasets at hand (FVC ships TIFF).
/// </summary>
public static class ImageFile
{
    /// <summary>
    /// Resolution assumed when a file does not say: FVC files carry no resolution tags and are
    /// documented as 500 dpi (shared/datasets/README.md).
    /// </summary>
    public const double DefaultDpi = 500.0;

    /// <summary>Reads the image at <paramref name="path"/>; throws <see cref="InvalidDataException"/> on a format it cannot read.</summary>
    public static GreyImage Read(string path, double dpi = DefaultDpi)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".tif" or ".tiff" => ReadTiff(path, dpi),
            ".bmp" => ReadBmp(File.ReadAllBytes(path), dpi),
            _ => throw new InvalidDataException("Unsupported image format '" + extension + "' (TIFF and BMP are read)."),
        };
    }

    private static GreyImage ReadTiff(string path, double dpi)
    {
        using var tiff = Tiff.Open(path, "r")
            ?? throw new InvalidDataException("Not a readable TIFF file: " + path);
        var width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
        var height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
        var bits = tiff.GetFieldDefaulted(TiffTag.BITSPERSAMPLE)[0].ToInt();
        var samples = tiff.GetFieldDefaulted(TiffTag.SAMPLESPERPIXEL)[0].ToInt();
        var photometricField = tiff.GetField(TiffTag.PHOTOMETRIC);
        var photometric = photometricField is null ? Photometric.MINISBLACK : (Photometric)photometricField[0].ToInt();
        if (bits != 8 || samples != 1 || (photometric != Photometric.MINISBLACK && photometric != Photometric.MINISWHITE))
        {
            throw new InvalidDataException("Only 8-bit single-channel greyscale TIFF is supported: " + path);
        }

        var pixels = new byte[width * height];
        var line = new byte[tiff.ScanlineSize()];
        for (var row = 0; row < height; row++)
        {
            if (!tiff.ReadScanline(line, row))
            {
                throw new InvalidDataException("TIFF scanline " + row + " could not be read: " + path);
            }

            Array.Copy(line, 0, pixels, row * width, width);
        }

        if (photometric == Photometric.MINISWHITE)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)(255 - pixels[i]);
            }
        }

        return new GreyImage(width, height, pixels, dpi);
    }

    // BMP layout: 14-byte file header ("BM", size, reserved, pixel offset), then a
    // BITMAPINFOHEADER (>= 40 bytes: width, signed height, planes, bit count, compression ...),
    // then the palette for <= 8 bits; rows padded to 4 bytes, bottom-up when height > 0.
    private static GreyImage ReadBmp(byte[] file, double dpi)
    {
        if (file.Length < 54 || file[0] != (byte)'B' || file[1] != (byte)'M')
        {
            throw new InvalidDataException("Not a BMP file.");
        }

        var pixelOffset = BitConverter.ToInt32(file, 10);
        var headerSize = BitConverter.ToInt32(file, 14);
        var width = BitConverter.ToInt32(file, 18);
        var signedHeight = BitConverter.ToInt32(file, 22);
        var bitCount = BitConverter.ToUInt16(file, 28);
        var compression = BitConverter.ToInt32(file, 30);
        var height = Math.Abs(signedHeight);
        if (compression != 0 || width <= 0 || height == 0 || (bitCount != 8 && bitCount != 24 && bitCount != 32))
        {
            throw new InvalidDataException("Only uncompressed 8-, 24- or 32-bit BMP is supported.");
        }

        var stride = (width * bitCount / 8 + 3) & ~3;
        if (pixelOffset < 0 || (long)pixelOffset + (long)stride * height > file.Length)
        {
            throw new InvalidDataException("BMP pixel data is truncated.");
        }

        var palette = bitCount == 8 ? ReadBmpPalette(file, 14 + headerSize, pixelOffset) : null;
        var pixels = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            var fileRow = signedHeight > 0 ? height - 1 - row : row;
            var rowStart = pixelOffset + fileRow * stride;
            for (var column = 0; column < width; column++)
            {
                pixels[row * width + column] = palette is not null
                    ? palette[file[rowStart + column]]
                    : Luma(file, rowStart + column * (bitCount / 8));
            }
        }

        return new GreyImage(width, height, pixels, dpi);
    }

    private static byte[] ReadBmpPalette(byte[] file, int paletteStart, int paletteEnd)
    {
        var palette = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            var entry = paletteStart + i * 4;
            palette[i] = entry + 3 <= paletteEnd && entry + 3 <= file.Length ? Luma(file, entry) : (byte)i;
        }

        return palette;
    }

    // Stored as blue, green, red; ITU-R BT.601 weights.
    private static byte Luma(byte[] data, int offset) =>
        (byte)Math.Round(0.114 * data[offset] + 0.587 * data[offset + 1] + 0.299 * data[offset + 2]);
}
