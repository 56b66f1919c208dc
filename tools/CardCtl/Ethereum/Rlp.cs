using System.Numerics;

namespace CardFirmware.CardCtl.Ethereum;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B): a byte string of one byte below
/// 0x80 is itself; a string of up to 55 bytes is 0x80 + length, then the bytes; longer, 0xb7 + length of
/// the length, the big-endian length, the bytes. Lists the same with 0xc0 / 0xf7 over the concatenated
/// encodings of their items. Integers are strings of their minimal big-endian bytes (zero is empty).
/// </summary>
internal static class Rlp
{
    public static byte[] String(byte[] bytes) =>
        bytes.Length == 1 && bytes[0] < 0x80 ? bytes : [.. Prefix(0x80, bytes.Length), .. bytes];

    public static byte[] Integer(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return String(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    public static byte[] List(params byte[][] encodedItems)
    {
        var payload = encodedItems.SelectMany(item => item).ToArray();
        return [.. Prefix(0xc0, payload.Length), .. payload];
    }

    private static byte[] Prefix(byte offset, int length)
    {
        if (length <= 55)
        {
            return [(byte)(offset + length)];
        }

        var lengthBytes = new BigInteger(length).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [(byte)(offset + 55 + lengthBytes.Length), .. lengthBytes];
    }
}
