using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// What the provider's policy judges for a signing session: the amount (smallest unit) and the destination.
/// The phone sends its encoding as <see cref="ProviderSession.Transaction"/>; the session's hash must be
/// <see cref="Hash"/> of those bytes, so the provider's share signs only what its policy judged.
/// </summary>
public sealed record ProviderTransaction(ulong Amount, byte[] Destination)
{
    private const byte FormatVersion = 1;

    /// <summary>version (1) ‖ amount (8, big-endian) ‖ destination length (1) ‖ destination (1..64 bytes).</summary>
    public byte[] Encode()
    {
        if (Destination.Length is 0 or > ProviderPolicy.MaxDestinationBytes)
        {
            throw new ArgumentException("A destination is 1 to 64 bytes.");
        }

        var b = new byte[10 + Destination.Length];
        b[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(1), Amount);
        b[9] = (byte)Destination.Length;
        Destination.CopyTo(b, 10);
        return b;
    }

    /// <summary>Reads <see cref="Encode"/>'s bytes; <see cref="FormatException"/> on any deviation.</summary>
    public static ProviderTransaction Decode(byte[] b)
    {
        if (b.Length < 11 || b[0] != FormatVersion || b[9] is 0 or > ProviderPolicy.MaxDestinationBytes || b.Length != 10 + b[9])
        {
            throw new FormatException("Not a provider transaction.");
        }

        return new ProviderTransaction(BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(1)), b.AsSpan(10).ToArray());
    }

    /// <summary>The message hash the parties sign: SHA-256 of the encoding (32 bytes).</summary>
    public static byte[] Hash(byte[] encoded) => SHA256.HashData(encoded);
}
