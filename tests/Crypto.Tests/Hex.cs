namespace CardFirmware.Crypto.Tests;

/// <summary>Hex helpers for test vectors.</summary>
internal static class Hex
{
    public static byte[] Decode(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty).Replace("\n", string.Empty));

    public static string Encode(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static string Encode(byte[] bytes, int offset, int count) => Convert.ToHexString(bytes, offset, count).ToLowerInvariant();
}
