namespace CardFirmware.Channel.Tests;

/// <summary>Hex helpers for transcribed vectors (an optional 0x prefix is ignored).</summary>
internal static class Hex
{
    public static byte[] Decode(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);

    public static string Encode(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static string Encode(byte[] bytes, int offset, int count) =>
        Convert.ToHexString(bytes, offset, count).ToLowerInvariant();
}
