using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using Org.BouncyCastle.Asn1.Sec;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// Key generation under a failed card generator (issue: hedge what the card draws against a failed hardware RNG).
/// The card's constant term a0 is its whole contribution to the wallet key: a phone that can predict it holds the
/// wallet key alone (it knows its own term), without any touch.
/// </summary>
public class KeyGenerationHedgeTests
{
    /// <summary>Offset of C_10 = a0·G in the card's round-2 key-generation message (after the wire header).</summary>
    private const int ConstantCommitmentAt = MaliciousSign.Header;

    [Fact]
    public void CreateWallet_StuckCardRng_ThePhoneCannotPredictTheCardsKeyContribution()
    {
        var rig = new WalletRig(cardRandom: new StuckRandom());
        var client = new CardClient(rig.Dispatcher.Dispatch);
        var phoneContribution = RandomNumberGenerator.GetBytes(32);
        var reply = client.Exchange(CommandCode.CreateWallet, [1, .. phoneContribution]);
        var sessionId = JointSessionId.ForKeyGeneration([reply[..32], phoneContribution]);
        var phone = new DkgParty(2, 2, sessionId, new PhoneRandom());
        var phoneRound1 = phone.Start()[0];
        phone.Round2([reply[32..]]);

        var cardRound2 = client.Exchange(CommandCode.CreateWallet, [2, .. phoneRound1]);

        // What a stuck generator hands out is public: every byte 0x42, so Scalar.Random yields 0x4242…42.
        var curve = SecNamedCurves.GetByName("secp256k1");
        var predicted = curve.G.Multiply(new Org.BouncyCastle.Math.BigInteger(1, Enumerable.Repeat((byte)0x42, 32).ToArray()))
            .Normalize().GetEncoded(true);
        Assert.NotEqual(predicted, cardRound2[ConstantCommitmentAt..(ConstantCommitmentAt + 33)]);
    }
}
