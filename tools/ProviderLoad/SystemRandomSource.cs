using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.ProviderLoad;

/// <summary>The operating system's generator as the in-process parties' randomness.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();

    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
