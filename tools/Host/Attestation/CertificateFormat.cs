using System.Security.Cryptography;
using System.Text;

namespace CardFirmware.Host.Attestation;

/// <summary>
/// The phone's own reading of the card certificate format (firmware/Card/Attestation/CardCertificate.cs,
/// documented in tools/Host/README.md "Attestation"), written apart from the card's code so that each
/// checks the other: version(1) | role(1) | subject key(33) | issuer signature r | s (64) over
/// SHA-256("CardFirmware/cert/1" | the first 35 bytes); a chain is count(1) | certificates, card first.
/// </summary>
public static class CertificateFormat
{
    public const byte Version = 1;
    public const byte RoleCard = 1;
    public const byte RoleIntermediate = 2;
    public const int SignedLength = 35;
    public const int Size = 99;
    public const int MaxChainLength = 3;
    public const int NonceLength = 32;
    public const int SignatureLength = 64;

    /// <summary>The hash an issuer signs for one certificate.</summary>
    public static byte[] SignedHash(ReadOnlySpan<byte> certificate) =>
        SHA256.HashData([.. Encoding.ASCII.GetBytes("CardFirmware/cert/1"), .. certificate[..SignedLength]]);

    /// <summary>The hash the card signs to answer a challenge: SHA-256("CardFirmware/attest/1" | card key | nonce).</summary>
    public static byte[] ChallengeHash(byte[] cardKey, byte[] nonce) =>
        SHA256.HashData([.. Encoding.ASCII.GetBytes("CardFirmware/attest/1"), .. cardKey, .. nonce]);
}
