using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Hybrid;

/// <summary>
/// A malicious phone against the 2-of-3 commands: every bad message gets a typed refusal, the card's stored wallet
/// records stay byte for byte as they were, and the wallet still signs afterwards.
/// </summary>
[Trait("Category", "Slow")]
public class HybridTamperTests
{
    // Request layout: version(1) | command(1) | request id(2) | round(1) | body.
    private const int Body = 5;

    [Theory]
    [InlineData(CommandCode.HybridRefresh, 2, Frame.Provider)]
    [InlineData(CommandCode.HybridRefresh, 3, Frame.Phone)]
    [InlineData(CommandCode.HybridRefresh, 4, Frame.Provider)]
    [InlineData(CommandCode.HybridRefresh, 4, Frame.Lengths)]
    [InlineData(CommandCode.HybridSign, 2, Frame.Whole)]
    [InlineData(CommandCode.HybridSign, 4, Frame.Whole)]
    public void TamperedRelayedMessage_IsRefusedTyped_AndLeavesTheWalletAsItWas(CommandCode command, int round, Frame frame)
    {
        var rig = new HybridRig();
        var before = rig.Card.WalletRecords();
        rig.Card.Tamper = request => request[1] == (byte)command && request[4] == round ? Corrupt(request, frame) : request;
        var hash = RandomNumberGenerator.GetBytes(32);

        rig.Card.Finger.TouchEnrolled();
        var refused = Assert.Throws<CardRefusedException>(() =>
        {
            if (command == CommandCode.HybridRefresh)
            {
                rig.Phone.Refresh();
            }
            else
            {
                rig.Phone.SignWithProvider(rig.Phone.WalletId!, rig.Xpub, hash, []);
            }
        });

        Assert.Equal(WireStatus.ProtocolAborted, refused.Status);
        Assert.Equal(before, rig.Card.WalletRecords());
        rig.Card.Tamper = request => request;
        rig.Card.Finger.TouchEnrolled();
        Assert.True(CardFirmware.Host.BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), hash, rig.Phone.SignWithPhone(hash, [])));
    }

    [Fact]
    public void MalformedFirstRounds_AreRefusedBeforeAnyTouch_AndChangeNothing()
    {
        var rig = new HybridRig();
        var before = rig.Card.WalletRecords();
        var reads = rig.Card.Finger.Reads;
        var client = rig.Card.Client;
        var contribution = new byte[64];
        byte[] badKey = [0x02, .. Enumerable.Repeat((byte)0xFF, 32)];

        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => client.Exchange(CommandCode.HybridSign, [1, 9, .. new byte[65]])));
        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => client.Exchange(CommandCode.HybridSign, [1, 3, .. new byte[64]])));
        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => client.Exchange(CommandCode.HybridRefresh, [1, .. new byte[63]])));
        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => client.Exchange(CommandCode.HybridRecover, [1, 3, .. contribution])));
        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => client.Exchange(CommandCode.HybridApprove, [9, .. new byte[32]])));
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => client.Exchange(CommandCode.HybridRefresh, [3, .. new byte[8]])));
        Assert.Equal(WireStatus.WalletState, Refusal(() => client.Exchange(CommandCode.HybridCreateWallet, [1, .. contribution, .. rig.Provider.PublicKey])));
        Assert.Equal(reads, rig.Card.Finger.Reads);
        Assert.Equal(before, rig.Card.WalletRecords());

        // A new card refuses a provider key that is not a point, and an xpub that is not one.
        var fresh = new HybridCard();
        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => fresh.Client.Exchange(CommandCode.HybridCreateWallet, [1, .. contribution, .. badKey])));
        Assert.Equal(WireStatus.MalformedRequest, Refusal(() => fresh.Client.Exchange(CommandCode.HybridRecover,
            [1, 1, .. contribution, .. rig.Provider.PublicKey, .. badKey, .. new byte[32]])));
        Assert.Empty(fresh.WalletRecords().SelectMany(record => record));
    }

    [Fact]
    public void NewCard_GivenAnotherWalletsKeyToRecover_AbortsAndStoresNothing()
    {
        var rig = new HybridRig();
        var other = new HybridRig();
        var newCard = new HybridCard();
        newCard.Finger.TouchEnrolled();

        // The phone lies about the xpub: it names another wallet's key; the survivors rebuild this one's.
        var liar = new LyingPhone(rig, other.Xpub);
        Assert.Equal(WireStatus.ProtocolAborted, Refusal(() => liar.Recover(newCard)));
        Assert.Empty(newCard.WalletRecords().SelectMany(record => record));
        Assert.False(newCard.Info.HasWallet);
    }

    public enum Frame
    {
        Phone,
        Provider,
        Lengths,
        Whole,
    }

    private static byte[] Corrupt(byte[] request, Frame frame)
    {
        var copy = (byte[])request.Clone();
        switch (frame)
        {
            case Frame.Phone:
                copy[Body + 4 + 60] ^= 0x01;
                break;
            case Frame.Provider:
            case Frame.Whole:
                copy[^1] ^= 0x80;
                break;
            case Frame.Lengths:
                copy[Body + 3] ^= 0x01;
                break;
        }

        return copy;
    }

    private static WireStatus Refusal(Action action) => Assert.Throws<CardRefusedException>(action).Status;

    /// <summary>A phone that hands the new card a wrong xpub in a card recovery.</summary>
    private sealed class LyingPhone(HybridRig rig, byte[] wrongXpub)
    {
        public void Recover(HybridCard newCard)
        {
            newCard.Tamper = request =>
            {
                if (request[1] == (byte)CommandCode.HybridRecover && request[4] == 1 && request.Length == Body + 1 + 64 + 33 + 65)
                {
                    var copy = (byte[])request.Clone();
                    wrongXpub.CopyTo(copy, Body + 1 + 64 + 33);
                    return copy;
                }

                return request;
            };
            rig.Phone.RecoverCard(newCard.Client);
        }
    }
}
