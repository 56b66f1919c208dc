using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Host.Attestation;

namespace CardFirmware.Host.Attestation;

/// <summary>
/// The phone's genuine-card check, run right after the channel's handshake at pairing: a fresh
/// nonce, the card's <see cref="CommandCode.Attest"/> reply, and <see cref="AttestationVerifier"/>
/// against the card key the channel authenticated and the pinned vendor root. A phone keeps a
/// card only on <see cref="AttestationVerdict.Genuine"/>.
/// </summary>
public static class PhoneAttestation
{
    /// <summary>Challenges the card behind <paramref name="card"/> whose channel key is <paramref name="cardKey"/>.</summary>
    public static AttestationVerdict Check(CardClient card, byte[] cardKey, byte[] pinnedRoot) =>
        Check(card, cardKey, pinnedRoot, RandomNumberGenerator.GetBytes(CertificateFormat.NonceLength));

    /// <summary>As <see cref="Check(CardClient, byte[], byte[])"/> with a given nonce (tests replay one).</summary>
    public static AttestationVerdict Check(CardClient card, byte[] cardKey, byte[] pinnedRoot, byte[] nonce)
    {
        byte[] reply;
        try
        {
            reply = card.Attest(nonce);
        }
        catch (CardRefusedException refused) when (refused.Status == WireStatus.NotCertified)
        {
            return AttestationVerdict.NotCertified;
        }

        return AttestationVerifier.Verify(reply, cardKey, nonce, pinnedRoot);
    }
}
