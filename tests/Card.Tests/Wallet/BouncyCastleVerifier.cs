using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace CardFirmware.Card.Tests.Wallet;

/// <summary>An independent ECDSA verifier (BouncyCastle) for signatures the wallet produces.</summary>
internal static class BouncyCastleVerifier
{
    private static readonly ECDomainParameters Domain = new(SecNamedCurves.GetByName("secp256k1"));

    public static bool Verify(byte[] publicKey33, byte[] hash, byte[] signature64)
    {
        var signer = new ECDsaSigner();
        signer.Init(false, new ECPublicKeyParameters(Domain.Curve.DecodePoint(publicKey33), Domain));
        return signer.VerifySignature(hash, new BigInteger(1, signature64, 0, 32), new BigInteger(1, signature64, 32, 32));
    }
}
