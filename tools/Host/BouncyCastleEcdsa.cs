using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace CardFirmware.Host;

/// <summary>
/// An independent ECDSA verifier (BouncyCastle, not the card's code) for the signatures the card
/// and phone make together: what a wallet app, a node or a test uses to check them.
/// </summary>
public static class BouncyCastleEcdsa
{
    private static readonly ECDomainParameters Domain = new(SecNamedCurves.GetByName("secp256k1"));

    /// <summary>True if r(32) | s(32) is a valid signature of <paramref name="hash"/> under the compressed or uncompressed key.</summary>
    public static bool Verify(byte[] publicKey, byte[] hash, byte[] signature64)
    {
        var signer = new ECDsaSigner();
        signer.Init(false, new ECPublicKeyParameters(Domain.Curve.DecodePoint(publicKey), Domain));
        return signer.VerifySignature(hash, new BigInteger(1, signature64, 0, 32), new BigInteger(1, signature64, 32, 32));
    }
}
