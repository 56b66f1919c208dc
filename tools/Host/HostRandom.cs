using System.Security.Cryptography;
using CardFirmware.Hal;

namespace CardFirmware.Host;

/// <summary>The phone's randomness: the operating system's CSPRNG.</summary>
public sealed class HostRandom : IEntropySource
{
    /// <inheritdoc />
    public void GetBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
