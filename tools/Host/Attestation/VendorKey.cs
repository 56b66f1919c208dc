using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace CardFirmware.Host.Attestation;

/// <summary>
/// A vendor signing key (the root or a factory intermediate) that certifies keys in the card
/// certificate format: ECDSA over secp256k1 with RFC 6979 nonces and low s (BouncyCastle). The
/// factory station holds one; in production it lives in the vendor's HSM.
/// </summary>
public sealed class VendorKey
{
    private static readonly ECDomainParameters Domain = new(SecNamedCurves.GetByName("secp256k1"));
    private readonly BigInteger _d;

    private VendorKey(BigInteger d)
    {
        if (d.SignValue <= 0 || d.CompareTo(Domain.N) >= 0)
        {
            throw new ArgumentException("Not a secp256k1 private key.");
        }

        _d = d;
        PublicKey = Domain.G.Multiply(d).Normalize().GetEncoded(true);
    }

    /// <summary>The compressed public key (33 bytes): what phones and the card pin for a root.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The key whose private half is the 32 big-endian bytes <paramref name="privateKey"/>.</summary>
    public static VendorKey FromPrivateKey(byte[] privateKey) => new(new BigInteger(1, privateKey));

    /// <summary>A fresh random key (a new factory intermediate, or a stranger's "vendor" in tests).</summary>
    public static VendorKey Generate()
    {
        while (true)
        {
            var candidate = new BigInteger(1, RandomNumberGenerator.GetBytes(32));
            if (candidate.SignValue > 0 && candidate.CompareTo(Domain.N) < 0)
            {
                return new VendorKey(candidate);
            }
        }
    }

    /// <summary>
    /// The development vendor root: private key SHA-256("CardFirmware/development-vendor-root/1"), so
    /// anyone can sign with it. The card's default <c>CardConfig.VendorRootPublicKey</c> and the
    /// phone's default pin are its public key; a production build pins the vendor's own root instead.
    /// </summary>
    public static VendorKey DevelopmentRoot() =>
        new(new BigInteger(1, SHA256.HashData(Encoding.ASCII.GetBytes("CardFirmware/development-vendor-root/1"))).Mod(Domain.N));

    /// <summary>Issues a certificate (99 bytes) for <paramref name="subject"/> in <paramref name="role"/>.</summary>
    public byte[] Certify(byte role, byte[] subject)
    {
        if (subject.Length != 33)
        {
            throw new ArgumentException("A subject key is 33 bytes (compressed).", nameof(subject));
        }

        var certificate = new byte[CertificateFormat.Size];
        certificate[0] = CertificateFormat.Version;
        certificate[1] = role;
        subject.CopyTo(certificate, 2);
        Sign(CertificateFormat.SignedHash(certificate)).CopyTo(certificate, CertificateFormat.SignedLength);
        return certificate;
    }

    /// <summary>A compact r | s signature with low s of a 32-byte hash.</summary>
    public byte[] Sign(byte[] hash)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(_d, Domain));
        var rs = signer.GenerateSignature(hash);
        var s = rs[1];
        if (s.CompareTo(Domain.N.ShiftRight(1)) > 0)
        {
            s = Domain.N.Subtract(s);
        }

        var signature = new byte[64];
        rs[0].ToByteArrayUnsigned().CopyTo(signature, 32 - rs[0].ToByteArrayUnsigned().Length);
        s.ToByteArrayUnsigned().CopyTo(signature, 64 - s.ToByteArrayUnsigned().Length);
        return signature;
    }

    /// <summary>A chain for a card: the card's certificate by <paramref name="issuer"/>, then the certificates above it.</summary>
    public static byte[] Chain(params byte[][] certificates)
    {
        var chain = new byte[1 + certificates.Length * CertificateFormat.Size];
        chain[0] = (byte)certificates.Length;
        for (var i = 0; i < certificates.Length; i++)
        {
            certificates[i].CopyTo(chain, 1 + i * CertificateFormat.Size);
        }

        return chain;
    }
}
