using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>A failed generator: every byte it hands out is the same constant, in every session and after every boot.</summary>
internal sealed class StuckRandom(byte value = 0x42) : IRandomSource
{
    public void Fill(byte[] buffer, int offset, int count) => Array.Fill(buffer, value, offset, count);
}
