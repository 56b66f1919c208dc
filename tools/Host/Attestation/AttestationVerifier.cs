namespace CardFirmware.Host.Attestation;

/// <summary>
/// The phone's check of a card's attestation reply (chain | signature over the phone's nonce)
/// against the card key it ran the channel with and the vendor root it pins, on BouncyCastle's
/// curve (independent of the card's code). Every field is checked before any signature.
/// </summary>
public static class AttestationVerifier
{
    /// <summary>Judges <paramref name="reply"/> for the challenge <paramref name="nonce"/>.</summary>
    public static AttestationVerdict Verify(byte[] reply, byte[] cardKey, byte[] nonce, byte[] pinnedRoot)
    {
        if (reply.Length < 1 + CertificateFormat.SignatureLength)
        {
            return AttestationVerdict.Malformed;
        }

        int count = reply[0];
        var chainLength = 1 + count * CertificateFormat.Size;
        if (count < 1 || count > CertificateFormat.MaxChainLength || reply.Length != chainLength + CertificateFormat.SignatureLength)
        {
            return AttestationVerdict.Malformed;
        }

        for (var i = 0; i < count; i++)
        {
            var certificate = reply.AsSpan(1 + i * CertificateFormat.Size, CertificateFormat.Size);
            var role = i == 0 ? CertificateFormat.RoleCard : CertificateFormat.RoleIntermediate;
            if (certificate[0] != CertificateFormat.Version || certificate[1] != role)
            {
                return AttestationVerdict.Malformed;
            }
        }

        if (!reply.AsSpan(3, 33).SequenceEqual(cardKey))
        {
            return AttestationVerdict.WrongCardKey;
        }

        for (var i = 0; i < count; i++)
        {
            var certificate = reply.AsSpan(1 + i * CertificateFormat.Size, CertificateFormat.Size);
            var issuer = i + 1 < count ? reply.AsSpan(1 + (i + 1) * CertificateFormat.Size + 2, 33).ToArray() : pinnedRoot;
            if (!SafeVerify(issuer, CertificateFormat.SignedHash(certificate), certificate[CertificateFormat.SignedLength..].ToArray()))
            {
                return AttestationVerdict.UntrustedChain;
            }
        }

        var signature = reply.AsSpan(chainLength).ToArray();
        return SafeVerify(cardKey, CertificateFormat.ChallengeHash(cardKey, nonce), signature)
            ? AttestationVerdict.Genuine
            : AttestationVerdict.BadChallengeSignature;
    }

    private static bool SafeVerify(byte[] key, byte[] hash, byte[] signature)
    {
        try
        {
            return BouncyCastleEcdsa.Verify(key, hash, signature);
        }
        catch (ArgumentException)
        {
            // A subject key that is not a curve point (BouncyCastle's DecodePoint refuses it).
            return false;
        }
    }
}
