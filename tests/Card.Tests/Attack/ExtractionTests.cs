using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using Org.BouncyCastle.Math;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>The published attack on the card's share, played end to end by a malicious phone.</summary>
public class ExtractionTests
{
    [Fact]
    public void TwoApprovedSignatures_WithTheSameSessionIdAndFlippedChoiceBits_DoNotRevealTheCardShare()
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        var phoneShare = rig.Phone.Share!;
        var card = new CardClient(rig.Dispatcher.Dispatch);
        var sessionId = RandomNumberGenerator.GetBytes(32);

        rig.Finger.TouchEnrolled();
        var (signatureA, cardRound2A) = SignAs(card, phoneShare, sessionId, Hash1, new FlippableRandom(7, false));
        rig.Finger.TouchEnrolled();
        var (signatureB, cardRound2B) = SignAs(card, phoneShare, sessionId, Hash2, new FlippableRandom(7, true));

        var serialized = phoneShare.Serialize();
        var cardPublicShare = serialized[133..166];
        var xCard = ShareExtraction.CandidateShare(cardRound2A, cardRound2B);
        var xPhone = ShareExtraction.Scalar(serialized, 36);
        var hash = RandomNumberGenerator.GetBytes(32);
        var forged = ShareExtraction.SignAlone(xCard, xPhone, hash);

        Assert.True(BouncyCastleEcdsa.Verify(phoneShare.PublicKey(), Hash1, signatureA));
        Assert.True(BouncyCastleEcdsa.Verify(phoneShare.PublicKey(), Hash2, signatureB));
        var extracted = ShareExtraction.IsShareOf(xCard, cardPublicShare);
        var signedAlone = BouncyCastleEcdsa.Verify(phoneShare.PublicKey(), hash, forged);
        Assert.False(extracted || signedAlone, $"x_card*G equals the card's public share: {extracted}; the phone's lone signature verifies under the wallet key: {signedAlone}");
    }

    private static readonly byte[] Hash1 = SHA256.HashData("first approved payment"u8);
    private static readonly byte[] Hash2 = SHA256.HashData("second approved payment"u8);

    /// <summary>One signing run as the phone; returns the signature and the card's round-2 message.</summary>
    private static (byte[] Signature, byte[] CardRound2) SignAs(CardClient card, KeyShare share, byte[] sessionId, byte[] hash, IRandomSource random)
    {
        var party = new SignParty(share, [1, 2], sessionId, null, random);
        var phone1 = party.Start()[0];
        var card1 = card.Exchange(CommandCode.Sign, [1, .. sessionId, .. hash, 0]);
        var card2 = card.Exchange(CommandCode.Sign, [2, .. phone1]);
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.Sign, [3, .. phone2]);
        party.Presign([card2]);
        party.SignHash(hash);
        return (party.Combine([card3]), card2);
    }
}
