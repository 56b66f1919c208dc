using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// A malicious phone's random source: a deterministic stream from a seed, whose request for the
/// OT-extension choice bits (the only 76-byte request a signer makes) can be complemented. Two signers on
/// the same seed draw the same values, except that the flipped one uses every choice bit inverted.
/// </summary>
internal sealed class FlippableRandom(int seed, bool flipChoices) : IRandomSource
{
    /// <summary>Bytes of the extension's choice bits: 608 extended OTs.</summary>
    public const int ChoiceBytes = 608 / 8;

    private ulong _counter;

    public void Fill(byte[] buffer, int offset, int count)
    {
        for (var done = 0; done < count; done += 32)
        {
            var input = new byte[12];
            BitConverter.GetBytes(seed).CopyTo(input, 0);
            BitConverter.GetBytes(_counter++).CopyTo(input, 4);
            var block = SHA256.HashData(input);
            Array.Copy(block, 0, buffer, offset + done, Math.Min(32, count - done));
        }

        if (flipChoices && count == ChoiceBytes)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] ^= 0xFF;
            }
        }
    }
}
