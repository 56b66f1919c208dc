using CardFirmware.Channel.Noise;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace CardFirmware.Host;

/// <summary>
/// The phone's secp256k1 (BouncyCastle) behind <see cref="IChannelCurve"/>: an implementation
/// independent of the card's own curve code, so that every phone-card handshake also
/// cross-checks the two. Not constant time: fine for a phone's ephemeral keys in tests and tools,
/// not for a production phone app holding long-term keys.
/// </summary>
public sealed class BouncyCastleCurve : IChannelCurve
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Parameters = SecNamedCurves.GetByName("secp256k1");

    /// <inheritdoc />
    public bool IsValidPrivateKey(byte[] privateKey)
    {
        if (privateKey is null || privateKey.Length != 32)
        {
            return false;
        }

        var d = new BigInteger(1, privateKey);
        return d.SignValue > 0 && d.CompareTo(Parameters.N) < 0;
    }

    /// <inheritdoc />
    public void PublicKey(byte[] privateKey, byte[] publicKey)
    {
        var point = Parameters.G.Multiply(new BigInteger(1, privateKey)).Normalize();
        point.GetEncoded(true).CopyTo(publicKey, 0);
    }

    /// <inheritdoc />
    public bool IsValidPublicKey(byte[] encoded, int offset) => Decode(encoded, offset) is not null;

    /// <inheritdoc />
    public bool Multiply(byte[] privateKey, byte[] publicKey, int offset, byte[] sharedPoint)
    {
        var point = Decode(publicKey, offset);
        if (point is null)
        {
            return false;
        }

        point.Multiply(new BigInteger(1, privateKey)).Normalize().GetEncoded(true).CopyTo(sharedPoint, 0);
        return true;
    }

    private static Org.BouncyCastle.Math.EC.ECPoint? Decode(byte[] encoded, int offset)
    {
        if (encoded is null || offset < 0 || offset > encoded.Length - 33 || (encoded[offset] != 2 && encoded[offset] != 3))
        {
            return null;
        }

        try
        {
            var point = Parameters.Curve.DecodePoint(encoded.AsSpan(offset, 33).ToArray());
            return point.IsValid() && !point.IsInfinity ? point : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
