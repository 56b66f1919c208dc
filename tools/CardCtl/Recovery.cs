using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace CardFirmware.CardCtl;

/// <summary>secp256k1 signature facts a chain needs beyond (r, s): low-S, the recovery id, and the DER and r||s||v encodings.</summary>
internal static class Recovery
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    /// <summary>r(32) | s(32) as the DER SEQUENCE of two INTEGERs (Bitcoin's signature encoding, BIP-66 strict DER).</summary>
    public static byte[] Der(byte[] signature64) =>
        new Org.BouncyCastle.Asn1.DerSequence(
            new Org.BouncyCastle.Asn1.DerInteger(new BigInteger(1, signature64, 0, 32)),
            new Org.BouncyCastle.Asn1.DerInteger(new BigInteger(1, signature64, 32, 32))).GetEncoded();

    /// <summary>r(32) | s(32) | v(1) with v = 27 + recovery id (the 65-byte form ecrecover and eth_sign use).</summary>
    public static byte[] Rsv(byte[] signature64, int recoveryId) => [.. signature64, (byte)(27 + recoveryId)];

    public static bool IsLowS(byte[] signature64) =>
        new BigInteger(1, signature64, 32, 32).CompareTo(Curve.N.ShiftRight(1)) <= 0;

    /// <summary>
    /// The recovery id (0 or 1: the parity of R's y) for which Q = r⁻¹(sR − eG) is <paramref name="publicKey"/>,
    /// or -1 if neither is (R.x ≥ n, ids 2 and 3, is not tried: it happens with probability ~2⁻¹²⁸).
    /// </summary>
    public static int RecoveryId(byte[] publicKey, byte[] hash, byte[] signature64)
    {
        var r = new BigInteger(1, signature64, 0, 32);
        var s = new BigInteger(1, signature64, 32, 32);
        var e = new BigInteger(1, hash);
        var expected = Curve.Curve.DecodePoint(publicKey).Normalize();
        var rInverse = r.ModInverse(Curve.N);
        var rBytes = r.ToByteArrayUnsigned();
        for (var id = 0; id < 2; id++)
        {
            var encoded = new byte[33];
            encoded[0] = (byte)(0x02 + id);
            rBytes.CopyTo(encoded, 33 - rBytes.Length);
            Org.BouncyCastle.Math.EC.ECPoint point;
            try
            {
                point = Curve.Curve.DecodePoint(encoded);
            }
            catch (ArgumentException)
            {
                continue;
            }

            var q = point.Multiply(s).Subtract(Curve.G.Multiply(e)).Multiply(rInverse).Normalize();
            if (q.Equals(expected))
            {
                return id;
            }
        }

        return -1;
    }
}
