using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// A malicious phone against the card, round by round (DESIGN "Threshold protocol rules"): selective-failure
/// probes of the card's checks, replays of earlier rounds and sessions, rounds out of order and round-1
/// replays with the same contribution. The extraction itself is in <see cref="ExtractionTests"/>.
/// </summary>
public class MaliciousPhoneTests
{
    /// <summary>The secp256k1 generator, compressed: a valid point to put where the phone sends one.</summary>
    private static readonly byte[] Generator = Convert.FromHexString("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");

    private static WalletRig WalletWithFinger(IRandomSource? cardRandom = null)
    {
        var rig = new WalletRig(cardRandom: cardRandom);
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        return rig;
    }

    private static CardClient Client(WalletRig rig) => new(rig.Dispatcher.Dispatch);

    private static MaliciousSign Begin(WalletRig rig, byte[]? contribution = null)
    {
        rig.Finger.TouchEnrolled();
        return MaliciousSign.Begin(Client(rig), rig.Phone.Share!, contribution ?? RandomNumberGenerator.GetBytes(32), MaliciousSign.NewHash());
    }

    private static WireStatus Refusal(Action action) => Assert.Throws<CardRefusedException>(action).Status;

    /// <summary>An honest signature still works (nothing was condemned, no run is stuck).</summary>
    private static void AssertStillSigns(WalletRig rig)
    {
        var hash = MaliciousSign.NewHash();
        rig.Finger.TouchEnrolled();
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), hash, rig.Phone.Sign(hash, [])));
    }

    /// <summary>The next signing request is refused as condemned before any touch, now and after a reboot.</summary>
    private static void AssertSigningRefusedUntilRefresh(WalletRig rig)
    {
        var reads = rig.Finger.Reads;
        Assert.Equal(WireStatus.SetupCompromised, Refusal(() => rig.Phone.Sign(MaliciousSign.NewHash(), [])));
        rig.Rebuild();
        Assert.Equal(WireStatus.SetupCompromised, Refusal(() => rig.Phone.Sign(MaliciousSign.NewHash(), [])));
        Assert.Equal(reads, rig.Finger.Reads);
    }

    /// <summary>The condemnation is on flash: a fresh mount of the flash (what the card reads after a reboot) sees it.</summary>
    private static bool CondemnedOnFlash(WalletRig rig) =>
        RecordLog.Mount(rig.Flash, 0, rig.Flash.PageCount).Contains(StorageKeys.CompromisedSetup);

    [Fact]
    public void SelectiveFailure_FlippedUColumns_IsRecordedBeforeTheReply_AndEverySignAfterIsRefused()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);

        // One bit flipped in each of the 192 columns of u, in a different row each: Alice's rows change by
        // Δ_k in column k, so whether the KOS check passes depends on bits of the card's long-term Δ.
        var probe = MaliciousSign.Altered(run.Phone1, m =>
        {
            for (var k = 0; k < 192; k++)
            {
                m[MaliciousSign.UColumnsAt + (k * MaliciousSign.ColumnBytes) + (k / 8)] ^= (byte)(1 << (k % 8));
            }
        });

        var status = Refusal(() => run.Round2(probe));

        Assert.Equal(WireStatus.SetupCompromised, status);
        Assert.True(CondemnedOnFlash(rig));
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.Round3(new byte[10])));
        AssertSigningRefusedUntilRefresh(rig);
    }

    [Fact]
    public void MultiplicationCheckFailure_AlteredRho_CondemnsTheSetup()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        run.Round2(run.Phone1);

        var status = Refusal(() => run.Round3(MaliciousSign.Altered(run.Phone2(), m => m[MaliciousSign.RhoAt] ^= 0x01)));

        Assert.Equal(WireStatus.SetupCompromised, status);
        Assert.True(CondemnedOnFlash(rig));
        AssertSigningRefusedUntilRefresh(rig);
    }

    [Theory]
    [InlineData(MaliciousSign.GammaUAt)]
    [InlineData(MaliciousSign.GammaVAt)]
    public void ConsistencyCheckFailure_AnotherValidGamma_CondemnsTheSetup(int gammaAt)
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        run.Round2(run.Phone1);

        // The generator G in place of Γ^u or Γ^v: a valid point, so only DKLs23's consistency check can refuse it.
        var status = Refusal(() => run.Round3(MaliciousSign.Altered(run.Phone2(), m => Generator.CopyTo(m, gammaAt))));

        Assert.Equal(WireStatus.SetupCompromised, status);
        AssertSigningRefusedUntilRefresh(rig);
    }

    [Fact]
    public void CondemnedSetup_FactoryResetStillWorks_AndANewWalletSigns()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        run.Round2(run.Phone1);
        Refusal(() => run.Round3(MaliciousSign.Altered(run.Phone2(), m => m[MaliciousSign.RhoAt] ^= 0x01)));
        rig.Rebuild();

        FactoryReset.Run(rig.Log);
        rig.Rebuild();
        Assert.False(CondemnedOnFlash(rig));
        Assert.Equal(WireStatus.WalletState, Refusal(() => rig.Phone.Sign(MaliciousSign.NewHash(), [])));
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();

        AssertStillSigns(rig);
    }

    [Fact]
    public void CondemnedSetup_ARefreshLiftsIt_TheSameKeySignsAgain_AndTheOldPhoneShareNoLonger()
    {
        var rig = WalletWithFinger();
        var xpub = new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.GetPublicKey, []);
        var oldShare = rig.Phone.Share!;
        var run = Begin(rig);
        run.Round2(run.Phone1);
        Refusal(() => run.Round3(MaliciousSign.Altered(run.Phone2(), m => m[MaliciousSign.RhoAt] ^= 0x01)));
        rig.Rebuild();

        rig.Finger.TouchEnrolled();
        var refreshed = rig.Phone.Refresh();

        Assert.Equal(xpub, refreshed);
        Assert.False(CondemnedOnFlash(rig));
        Assert.NotEqual(oldShare.KeyId, rig.Phone.Share!.KeyId);
        AssertStillSigns(rig);
        rig.Finger.TouchEnrolled();
        Assert.Equal(WireStatus.ProtocolAborted,
            Refusal(() => new PhoneWallet(Client(rig), oldShare).Sign(MaliciousSign.NewHash(), [])));
    }

    [Fact]
    public void AlteredNonceOpening_AbortsWithoutCondemning()
    {
        // R_phone (here G) does not match its commitment: a check on public values only, so it tells the phone
        // nothing secret and is not a reason to condemn the setup.
        var rig = WalletWithFinger();
        var run = Begin(rig);
        run.Round2(run.Phone1);

        var status = Refusal(() => run.Round3(MaliciousSign.Altered(run.Phone2(), m => Generator.CopyTo(m, MaliciousSign.Header))));

        Assert.Equal(WireStatus.ProtocolAborted, status);
        Assert.False(CondemnedOnFlash(rig));
        AssertStillSigns(rig);
    }

    [Fact]
    public void ReplayedRoundOneMessage_OfAnEarlierSession_IsRefused()
    {
        var rig = WalletWithFinger();
        var earlier = Begin(rig);
        earlier.Complete();

        var run = Begin(rig);
        var status = Refusal(() => run.Round2(earlier.Phone1));

        Assert.Equal(WireStatus.ProtocolAborted, status);
        Assert.False(CondemnedOnFlash(rig));
        AssertStillSigns(rig);
    }

    [Fact]
    public void ReplayedRoundTwoMessage_OfAnEarlierSession_IsRefused()
    {
        var rig = WalletWithFinger();
        var earlier = Begin(rig);
        earlier.Round2(earlier.Phone1);
        var earlierPhone2 = earlier.Phone2();
        earlier.Round3(earlierPhone2);

        var run = Begin(rig);
        run.Round2(run.Phone1);
        var status = Refusal(() => run.Round3(earlierPhone2));

        Assert.Equal(WireStatus.ProtocolAborted, status);
        AssertStillSigns(rig);
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 4)]
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    [InlineData(2, 4)]
    [InlineData(2, 1)]
    public void RoundOutOfOrder_IsRefused_AndTheRunInProgressIsNotAdvanced(int roundsDone, int sent)
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        var card2 = roundsDone >= 2 ? run.Round2(run.Phone1) : null;

        byte[] body = sent == 1 ? new SignBegin(RandomNumberGenerator.GetBytes(32), MaliciousSign.NewHash(), []).Encode() : run.Phone1;
        var status = Refusal(() => Client(rig).Exchange(CommandCode.Sign, [(byte)sent, .. body]));

        if (sent == 1)
        {
            // A new round 1 starts a new run (here no finger comes): the one in progress is dropped, never resumed.
            Assert.Equal(WireStatus.NoFinger, status);
            Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.Round3(run.Phone2())));
        }
        else
        {
            Assert.Equal(WireStatus.NotAllowedNow, status);
            var signature = card2 is null ? run.Complete() : run.Finish(card2);
            Assert.Equal(64, signature.Length);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundOneReplay_WithTheSameContribution_GetsANewCardContributionAndSessionId(bool stuckCardRng)
    {
        var rig = WalletWithFinger(stuckCardRng ? new StuckRandom() : null);
        var contribution = RandomNumberGenerator.GetBytes(32);
        var first = Begin(rig, contribution);
        rig.Rebuild();

        var second = Begin(rig, contribution);

        Assert.NotEqual(first.CardContribution, second.CardContribution);
        Assert.NotEqual(first.Card1[5..37], second.Card1[5..37]);
        Assert.Equal(WireStatus.ProtocolAborted, Refusal(() => second.Round2(first.Phone1)));
    }

    [Fact]
    public void StuckCardRng_SameContributionAndHash_TheCardsNoncesDiffer()
    {
        var rig = WalletWithFinger(new StuckRandom());
        var contribution = RandomNumberGenerator.GetBytes(32);
        var hash = MaliciousSign.NewHash();

        rig.Finger.TouchEnrolled();
        var first = MaliciousSign.Begin(Client(rig), rig.Phone.Share!, contribution, hash);
        var firstR = first.Round2(first.Phone1)[MaliciousSign.Header..(MaliciousSign.Header + 33)];
        rig.Rebuild();
        rig.Finger.TouchEnrolled();
        var second = MaliciousSign.Begin(Client(rig), rig.Phone.Share!, contribution, hash);
        var secondR = second.Round2(second.Phone1)[MaliciousSign.Header..(MaliciousSign.Header + 33)];

        Assert.NotEqual(firstR, secondR);
    }

    [Fact]
    public void CreateWalletRoundOneReplay_WithTheSameContribution_GetsANewCardContribution()
    {
        var rig = new WalletRig(cardRandom: new StuckRandom());
        var client = Client(rig);
        var contribution = RandomNumberGenerator.GetBytes(32);

        var first = client.Exchange(CommandCode.CreateWallet, [1, .. contribution]);
        rig.Rebuild();
        var second = Client(rig).Exchange(CommandCode.CreateWallet, [1, .. contribution]);

        Assert.NotEqual(first[..32], second[..32]);
        Assert.NotEqual(first[(32 + 5)..(32 + 37)], second[(32 + 5)..(32 + 37)]);
    }
}
