using System.Security.Cryptography;

namespace CardFirmware.Benchmarks;

/// <summary>Fixed inputs shared by every implementation, so that all of them do the same work.</summary>
internal static class BenchmarkInputs
{
    /// <summary>A private key / scalar (SHA-256 of a fixed label, below n).</summary>
    public static readonly byte[] PrivateKey = SHA256.HashData("card-firmware benchmark key"u8.ToArray());

    /// <summary>A second scalar for point multiplications.</summary>
    public static readonly byte[] Scalar = SHA256.HashData("card-firmware benchmark scalar"u8.ToArray());

    /// <summary>A 32-byte message hash.</summary>
    public static readonly byte[] Hash = SHA256.HashData("card-firmware benchmark message"u8.ToArray());

    /// <summary>BIP-340 auxiliary randomness.</summary>
    public static readonly byte[] Aux = new byte[32];

    /// <summary>64-byte and 1 KiB hash inputs.</summary>
    public static readonly byte[] Data64 = new byte[64];

    public static readonly byte[] Data1K = new byte[1024];
}
