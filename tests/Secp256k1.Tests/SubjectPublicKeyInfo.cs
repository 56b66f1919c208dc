namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>
/// A minimal strict-DER reader for X.509 SubjectPublicKeyInfo (RFC 5280 4.1, RFC 5480 2):
/// SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID secp256k1 }, BIT STRING (0 unused bits) point }.
/// Anything else (explicit parameters, long-form lengths for short values, trailing data) is refused.
/// </summary>
internal static class SubjectPublicKeyInfo
{
    private static readonly byte[] EcPublicKeyOid = Convert.FromHexString("06072A8648CE3D0201");
    private static readonly byte[] Secp256k1Oid = Convert.FromHexString("06052B8104000A");

    public static byte[]? TryGetSecp256k1Point(byte[] der)
    {
        var offset = 0;
        if (!ReadHeader(der, ref offset, 0x30, out var length) || offset + length != der.Length)
        {
            return null;
        }

        if (!ReadHeader(der, ref offset, 0x30, out var algLength))
        {
            return null;
        }

        var algEnd = offset + algLength;
        if (!Expect(der, ref offset, EcPublicKeyOid) || !Expect(der, ref offset, Secp256k1Oid) || offset != algEnd)
        {
            return null;
        }

        if (!ReadHeader(der, ref offset, 0x03, out var bitLength) || offset + bitLength != der.Length || bitLength < 2 || der[offset] != 0)
        {
            return null;
        }

        return der.AsSpan(offset + 1, bitLength - 1).ToArray();
    }

    private static bool Expect(byte[] der, ref int offset, byte[] expected)
    {
        if (offset + expected.Length > der.Length || !der.AsSpan(offset, expected.Length).SequenceEqual(expected))
        {
            return false;
        }

        offset += expected.Length;
        return true;
    }

    private static bool ReadHeader(byte[] der, ref int offset, byte tag, out int length)
    {
        length = 0;
        if (offset + 2 > der.Length || der[offset] != tag)
        {
            return false;
        }

        int first = der[offset + 1];
        offset += 2;
        if (first < 0x80)
        {
            length = first;
        }
        else if (first == 0x81 && offset < der.Length && der[offset] >= 0x80)
        {
            length = der[offset];
            offset++;
        }
        else
        {
            return false;
        }

        return offset + length <= der.Length;
    }
}
