using System.Numerics;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>Hex and big-integer helpers shared by the secp256k1 tests.</summary>
internal static class TestUtil
{
    public static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);
    public static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

    public static string ToHex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static BigInteger FromBytes(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>32 big-endian bytes of a non-negative value below 2^256.</summary>
    public static byte[] To32(BigInteger v)
    {
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[32];
        Array.Copy(raw, 0, result, 32 - raw.Length, raw.Length);
        return result;
    }

    public static BigInteger Mod(BigInteger a, BigInteger m) => ((a % m) + m) % m;

    /// <summary>Random 32 bytes, biased towards edge values (0, 1, p-1, n-1, all-ones) one time in eight.</summary>
    public static byte[] RandomEdge32(Random random)
    {
        var choice = random.Next(16);
        return choice switch
        {
            0 => To32(BigInteger.Zero),
            1 => To32(BigInteger.One),
            2 => To32(P - 1),
            3 => To32(N - 1),
            4 => To32(P + random.Next(0, 1000)),
            5 => To32(N + random.Next(0, 1000)),
            _ => RandomBytes(random, 32),
        };
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }
}
