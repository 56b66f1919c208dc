using CardFirmware.HalSim.Images;

namespace CardFirmware.FingerprintEval.Tests;

/// <summary>
/// A small FVC-layout folder written for one test under the temp directory (never copied data):
/// <c>&lt;finger&gt;_&lt;impression&gt;.bmp</c> files, 8-bit grey, of a chosen size, showing a synthetic
/// finger's touch in the middle of bare background, or blank, or bytes that are no image at all.
/// </summary>
internal sealed class GeneratedFolder : IDisposable
{
    public GeneratedFolder(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), "fingerprinteval-tests-" + Guid.NewGuid().ToString("N"));
        Location = Path.Combine(Root, name);
        Directory.CreateDirectory(Location);
    }

    /// <summary>The FVC-layout folder (its name may carry an FVC database name, which sets its resolution).</summary>
    public string Location { get; }

    private string Root { get; }

    /// <summary>Writes <paramref name="impressions"/> touches of synthetic finger <paramref name="finger"/>, each a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public GeneratedFolder Finger(int finger, int impressions, int width, int height, SyntheticSensor sensor = SyntheticSensor.Optical)
    {
        var source = new SyntheticImageSource(finger, profile: sensor);
        var frame = new byte[SensorFrame.Size];
        for (var i = 1; i <= impressions; i++)
        {
            source.Capture(i, frame);
            var pixels = Enumerable.Repeat(SensorFrame.Background, width * height).ToArray();
            int left = (width - SensorFrame.Width) / 2, top = (height - SensorFrame.Height) / 2;
            for (var y = 0; y < SensorFrame.Height; y++)
            {
                for (var x = 0; x < SensorFrame.Width; x++)
                {
                    if (x + left >= 0 && x + left < width && y + top >= 0 && y + top < height)
                    {
                        pixels[((y + top) * width) + x + left] = frame[(y * SensorFrame.Width) + x];
                    }
                }
            }

            Write(finger, i, width, height, pixels);
        }

        return this;
    }

    /// <summary>Writes <paramref name="impressions"/> images of one grey level: nothing a sensor would take for a finger.</summary>
    public GeneratedFolder Blank(int finger, int impressions, int width, int height, byte level)
    {
        for (var i = 1; i <= impressions; i++)
        {
            Write(finger, i, width, height, Enumerable.Repeat(level, width * height).ToArray());
        }

        return this;
    }

    /// <summary>Writes a file named like an impression that holds no image.</summary>
    public GeneratedFolder Unreadable(int finger, int impression, string extension)
    {
        File.WriteAllBytes(Path.Combine(Location, $"{finger}_{impression}{extension}"), "not an image"u8.ToArray());
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    // An uncompressed 8-bit BMP with a grey palette, rows bottom-up and padded to 4 bytes.
    private void Write(int finger, int impression, int width, int height, byte[] pixels)
    {
        var stride = (width + 3) & ~3;
        const int headers = 14 + 40 + (256 * 4);
        var file = new byte[headers + (stride * height)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BitConverter.TryWriteBytes(file.AsSpan(2), file.Length);
        BitConverter.TryWriteBytes(file.AsSpan(10), headers);
        BitConverter.TryWriteBytes(file.AsSpan(14), 40);
        BitConverter.TryWriteBytes(file.AsSpan(18), width);
        BitConverter.TryWriteBytes(file.AsSpan(22), height);
        BitConverter.TryWriteBytes(file.AsSpan(26), (ushort)1);
        BitConverter.TryWriteBytes(file.AsSpan(28), (ushort)8);
        for (var i = 0; i < 256; i++)
        {
            file[54 + (i * 4)] = file[55 + (i * 4)] = file[56 + (i * 4)] = (byte)i;
        }

        for (var row = 0; row < height; row++)
        {
            Array.Copy(pixels, row * width, file, headers + ((height - 1 - row) * stride), width);
        }

        File.WriteAllBytes(Path.Combine(Location, $"{finger}_{impression}.bmp"), file);
    }
}
