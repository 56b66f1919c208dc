using CardFirmware.HalSim.Images;

namespace CardFirmware.Drivers.Tests.Images;

public class ImageFileTests
{
    // BMP layout: BITMAPFILEHEADER (14 bytes) + BITMAPINFOHEADER (40 bytes) [+ palette], rows bottom-up, padded to 4 bytes.
    private static byte[] Bmp(int width, int height, int bitCount, Func<int, int, byte[]> pixel)
    {
        var paletteSize = bitCount == 8 ? 256 * 4 : 0;
        var stride = (width * bitCount / 8 + 3) & ~3;
        var offset = 54 + paletteSize;
        var file = new byte[offset + stride * height];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BitConverter.GetBytes(file.Length).CopyTo(file, 2);
        BitConverter.GetBytes(offset).CopyTo(file, 10);
        BitConverter.GetBytes(40).CopyTo(file, 14);
        BitConverter.GetBytes(width).CopyTo(file, 18);
        BitConverter.GetBytes(height).CopyTo(file, 22);
        BitConverter.GetBytes((ushort)1).CopyTo(file, 26);
        BitConverter.GetBytes((ushort)bitCount).CopyTo(file, 28);
        for (var i = 0; i < paletteSize / 4; i++)
        {
            file[54 + i * 4] = file[55 + i * 4] = file[56 + i * 4] = (byte)i;
        }

        for (var row = 0; row < height; row++)
        {
            var start = offset + (height - 1 - row) * stride;
            for (var column = 0; column < width; column++)
            {
                var bytes = pixel(column, row);
                Array.Copy(bytes, 0, file, start + column * bytes.Length, bytes.Length);
            }
        }

        return file;
    }

    private static GreyImage ReadTemp(byte[] file, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "cardfw-img-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, file);
        try
        {
            return ImageFile.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_EightBitBmp_KeepsRowOrderAndValues()
    {
        var image = ReadTemp(Bmp(5, 3, 8, (c, r) => [(byte)(r * 10 + c)]), ".bmp");

        Assert.Equal(5, image.Width);
        Assert.Equal(3, image.Height);
        Assert.Equal(0, image[0, 0]);
        Assert.Equal(24, image[4, 2]);
        Assert.Equal(ImageFile.DefaultDpi, image.Dpi);
    }

    [Fact]
    public void Read_TwentyFourBitBmp_ConvertsToGrey()
    {
        var image = ReadTemp(Bmp(3, 2, 24, (c, r) => c == 0 ? [0, 0, 0] : c == 1 ? [255, 255, 255] : [0, 0, 255]), ".bmp");

        Assert.Equal(0, image[0, 1]);
        Assert.Equal(255, image[1, 0]);
        Assert.Equal(76, image[2, 0]);
    }

    [Fact]
    public void Read_UnsupportedOrBrokenFiles_ThrowInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => ReadTemp([1, 2, 3], ".png"));
        Assert.Throws<InvalidDataException>(() => ReadTemp(new byte[60], ".bmp"));
        var truncated = Bmp(8, 8, 8, (c, r) => [1])[..100];
        Assert.Throws<InvalidDataException>(() => ReadTemp(truncated, ".bmp"));
    }
}
