using CardFirmware.Crypto.Threshold;

namespace CardFirmware.DeviceMeter.Operations;

/// <summary>
/// A reproducible random source for the parties the meter runs at the crypto level, so that the
/// same commit gives the same counts. For metering only: it is not a cryptographic generator.
/// </summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    /// <inheritdoc />
    public void Fill(byte[] buffer, int offset, int count) => _random.NextBytes(buffer.AsSpan(offset, count));

    /// <summary><paramref name="count"/> fresh bytes.</summary>
    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
