using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// BIP-32 public derivation (CKDpub) from a wallet's xpub, for a phone that holds no share (a new phone before
/// its recovery, or one that lost it) and must still check a signature the card and provider made.
/// </summary>
public static class XpubChild
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    /// <summary>The compressed public key (33) of the non-hardened child at <paramref name="path"/> of public key(33) | chain code(32).</summary>
    public static byte[] PublicKey(byte[] xpub, uint[] path)
    {
        var point = Curve.Curve.DecodePoint(xpub[..33]);
        var chain = xpub[33..65];
        foreach (var index in path)
        {
            if (index >= 0x80000000u)
            {
                throw new ArgumentException("A threshold key has no hardened children.", nameof(path));
            }

            var data = new byte[37];
            point.GetEncoded(true).CopyTo(data, 0);
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(33), index);
            var i = HMACSHA512.HashData(chain, data);
            var tweak = new BigInteger(1, i, 0, 32);
            if (tweak.CompareTo(Curve.N) >= 0)
            {
                throw new ArgumentException("Invalid child (BIP-32: proceed with the next index).", nameof(path));
            }

            point = Curve.G.Multiply(tweak).Add(point).Normalize();
            chain = i[32..];
        }

        return point.Normalize().GetEncoded(true);
    }
}
