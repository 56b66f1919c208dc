using System.Security.Cryptography;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// The published attack on the card's share, played end to end by a malicious phone: two signing runs the
/// owner approves, the phone's choice bits all flipped in the second, the same phone contribution to the
/// session id in both. On the reviewed code (phone-chosen session id) it recovered x_card, x_card·G equal to
/// the card's public share, and a signature by the phone alone; the card's own contribution now gives the two
/// runs different ids, so the OT pads do not swap and the recovered value is wrong.
/// </summary>
public class ExtractionTests
{
    private static readonly byte[] Hash1 = SHA256.HashData("first approved payment"u8);
    private static readonly byte[] Hash2 = SHA256.HashData("second approved payment"u8);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoApprovedSignatures_WithTheSamePhoneContributionAndFlippedChoiceBits_DoNotRevealTheCardShare(bool stuckCardRng)
    {
        // A stuck generator and a reboot between the runs: the card's persistent session counter alone
        // must keep the two session ids apart.
        var rig = new WalletRig(cardRandom: stuckCardRng ? new StuckRandom() : null);
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        var phoneShare = rig.Phone.Share!;
        var contribution = RandomNumberGenerator.GetBytes(32);

        rig.Finger.TouchEnrolled();
        var (signatureA, cardRound2A) = SignAs(new CardClient(rig.Dispatcher.Dispatch), phoneShare, contribution, Hash1, new FlippableRandom(7, false));
        rig.Rebuild();
        rig.Finger.TouchEnrolled();
        var (signatureB, cardRound2B) = SignAs(new CardClient(rig.Dispatcher.Dispatch), phoneShare, contribution, Hash2, new FlippableRandom(7, true));

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

    /// <summary>
    /// One signing run as the phone, which sends <paramref name="contribution"/> as its part of the session id
    /// (the same in both runs); returns the signature and the card's round-2 message.
    /// </summary>
    private static (byte[] Signature, byte[] CardRound2) SignAs(CardClient card, KeyShare share, byte[] contribution, byte[] hash, IRandomSource random)
    {
        var run = MaliciousSign.Begin(card, share, contribution, hash, random);
        var card2 = run.Round2(run.Phone1);
        return (run.Finish(card2), card2);
    }
}
