using System.Security.Cryptography;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Relay;
using CardFirmware.Crypto.Secp256k1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The phone's static signing key for the security provider: ECDSA over secp256k1 with RFC 6979 nonces and
/// low s (BouncyCastle), the same scheme the card's identity key signs with. Its public key is enrolled with
/// the provider when the wallet is created; every request the phone sends is signed with it.
/// </summary>
/// <remarks>Security: the private scalar lives in a BouncyCastle <c>BigInteger</c>, which cannot be wiped; the
/// phone keeps this key in its platform keystore in production.</remarks>
public sealed class PhoneKey
{
    private static readonly ECDomainParameters Domain = new(SecNamedCurves.GetByName("secp256k1"));
    private readonly BigInteger _d;

    private PhoneKey(BigInteger d)
    {
        _d = d;
        PublicKey = Domain.G.Multiply(d).Normalize().GetEncoded(true);
    }

    /// <summary>The compressed public key (33 bytes) the provider enrolls.</summary>
    public byte[] PublicKey { get; }

    /// <summary>A fresh random key.</summary>
    public static PhoneKey Generate()
    {
        while (true)
        {
            var candidate = new BigInteger(1, RandomNumberGenerator.GetBytes(32));
            if (candidate.SignValue > 0 && candidate.CompareTo(Domain.N) < 0)
            {
                return new PhoneKey(candidate);
            }
        }
    }

    /// <summary>The key whose private half is the 32 big-endian bytes <paramref name="privateKey"/> (1 ≤ d &lt; n).</summary>
    public static PhoneKey FromPrivateKey(byte[] privateKey)
    {
        var d = new BigInteger(1, privateKey);
        if (d.SignValue <= 0 || d.CompareTo(Domain.N) >= 0)
        {
            throw new ArgumentException("Not a secp256k1 private key.", nameof(privateKey));
        }

        return new PhoneKey(d);
    }

    /// <summary>A compact r ‖ s signature (64 bytes, low s) of a 32-byte hash.</summary>
    public byte[] Sign(byte[] hash)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(_d, Domain));
        var rs = signer.GenerateSignature(hash);
        var s = rs[1].CompareTo(Domain.N.ShiftRight(1)) > 0 ? Domain.N.Subtract(rs[1]) : rs[1];
        var signature = new byte[64];
        var r = rs[0].ToByteArrayUnsigned();
        var sb = s.ToByteArrayUnsigned();
        r.CopyTo(signature, 32 - r.Length);
        sb.CopyTo(signature, 64 - sb.Length);
        return signature;
    }

    /// <summary>
    /// This key's end of a card↔provider relay seal (firmware/Channel/Relay/RelaySeal) with <paramref name="peerPublicKey"/>
    /// (33) under <paramref name="sessionId"/> (32), sending as the card when <paramref name="isCard"/>: for a card simulated
    /// by a key of this kind (the provider drills). Null when the peer's key is not a point.
    /// </summary>
    public RelaySeal? RelaySeal(byte[] peerPublicKey, byte[] sessionId, bool isCard)
    {
        var scalar = _d.ToByteArrayUnsigned();
        var privateKey = new byte[32];
        scalar.CopyTo(privateKey, 32 - scalar.Length);
        try
        {
            return Channel.Relay.RelaySeal.Derive(new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance), privateKey, peerPublicKey, sessionId, isCard);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Never shows key material.</summary>
    public override string ToString() => "PhoneKey<redacted>";
}
