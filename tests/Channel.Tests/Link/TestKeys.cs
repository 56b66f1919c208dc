using CardFirmware.Crypto;
using CardFirmware.Channel.Noise;
using CardFirmware.Hal;

namespace CardFirmware.Channel.Tests.Link;

/// <summary>Keys and deterministic randomness for link-level tests.</summary>
internal static class TestKeys
{
    public static readonly byte[] CardPrivate = Hex.Decode(Bolt8Vectors.ResponderStaticPrivate);
    public static readonly byte[] CardPublic = Hex.Decode(Bolt8Vectors.ResponderStaticPublic);
    public static readonly byte[] PhonePrivate = Hex.Decode(Bolt8Vectors.InitiatorStaticPrivate);
    public static readonly byte[] PhonePublic = Hex.Decode(Bolt8Vectors.InitiatorStaticPublic);
    public static readonly byte[] Prologue = Ascii.Bytes(NoiseConstants.ProductPrologue);

    /// <summary>Seeded bytes (test determinism only; never a key source outside tests).</summary>
    public sealed class SeededEntropy(int seed) : IEntropySource
    {
        private readonly Random _random = new(seed);

        public void GetBytes(byte[] buffer, int offset, int count) => _random.NextBytes(buffer.AsSpan(offset, count));
    }
}
