using CardFirmware.Host;
using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.HalSim.Flash;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Wallet;

public class WalletCommandTests
{
    [Fact]
    public void CreateThenSign_GivesASignatureAnIndependentVerifierAccepts_ForRootAndChildKeys()
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        var xpub = rig.Phone.Create();

        foreach (var path in new[] { Array.Empty<uint>(), new uint[] { 0, 7 }, new uint[] { 44, 0, 0, 1, 5 } })
        {
            var hash = RandomNumberGenerator.GetBytes(32);
            rig.Finger.TouchEnrolled();
            var signature = rig.Phone.Sign(hash, path);

            Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey(path), hash, signature));
        }

        Assert.True(rig.Info.HasWallet);
        Assert.Equal(xpub, new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.GetPublicKey, []));
    }

    [Fact]
    public void Share_SurvivesAReboot_AndStillSigns()
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();

        rig.Rebuild();
        var hash = RandomNumberGenerator.GetBytes(32);
        rig.Finger.TouchEnrolled();
        var signature = rig.Phone.Sign(hash, [1]);

        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([1]), hash, signature));
    }

    [Theory]
    [InlineData(WireStatus.FingerNotRecognized)]
    [InlineData(WireStatus.NoFinger)]
    [InlineData(WireStatus.Locked)]
    public void RefusedTouch_SignsNothing(WireStatus refusal)
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();

        rig.Finger.Refuse(refusal);
        var refused = Assert.Throws<CardRefusedException>(() => rig.Phone.Sign(RandomNumberGenerator.GetBytes(32), []));

        Assert.Equal(refusal, refused.Status);
    }

    [Fact]
    public void WrongFingerKey_OpensNoShare_AndIsReportedAsStorageDamage()
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();

        rig.Finger.TouchOther(RandomNumberGenerator.GetBytes(32));
        var refused = Assert.Throws<CardRefusedException>(() => rig.Phone.Sign(RandomNumberGenerator.GetBytes(32), []));

        Assert.Equal(WireStatus.StorageDamaged, refused.Status);
    }

    [Fact]
    public void CreateWallet_NeedsAnEnrolledFinger_AndRefusesASecondWallet()
    {
        var rig = new WalletRig();
        rig.Finger.IsEnrolled = false;
        Assert.Equal(WireStatus.NotEnrolled, Assert.Throws<CardRefusedException>(() => rig.Phone.Create()).Status);

        rig.Finger.IsEnrolled = true;
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();

        Assert.Equal(WireStatus.WalletState, Assert.Throws<CardRefusedException>(() => rig.Phone.Create()).Status);
    }

    [Fact]
    public void Sign_WithoutAWallet_IsRefusedBeforeAnyTouch()
    {
        var rig = new WalletRig();
        var phone = new PhoneWallet(new CardClient(rig.Dispatcher.Dispatch), ExistingShare());

        Assert.Equal(WireStatus.WalletState,
            Assert.Throws<CardRefusedException>(() => phone.Sign(RandomNumberGenerator.GetBytes(32), [])).Status);
        Assert.Equal(0, rig.Finger.Reads);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void RoundOutOfOrder_IsNotAllowed(int round)
    {
        var rig = new WalletRig();
        var client = new CardClient(rig.Dispatcher.Dispatch);

        Assert.Equal(WireStatus.NotAllowedNow,
            Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.Sign, [(byte)round, 1, 2, 3])).Status);
        Assert.Equal(WireStatus.NotAllowedNow,
            Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.CreateWallet, [(byte)round, 1, 2, 3])).Status);
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { })]
    public void MalformedSignRequests_AreRefused(byte[] body)
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        var client = new CardClient(rig.Dispatcher.Dispatch);

        var hardened = new byte[65 + 4];
        hardened[64] = 1;
        hardened[65] = 0x80;
        foreach (var request in new[] { body, Prefix(1, new byte[64]), Prefix(1, new byte[66]), Prefix(1, hardened) })
        {
            Assert.Equal(WireStatus.MalformedRequest,
                Assert.Throws<CardRefusedException>(() => client.Exchange(CommandCode.Sign, request)).Status);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void TamperedPhoneMessage_YieldsNoSignature(int round)
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        var tamper = new TamperingExchange(rig.Dispatcher.Dispatch, request => request[1] == (byte)CommandCode.Sign && request[4] == round);
        var phone = new PhoneWallet(new CardClient(tamper.Exchange), rig.Phone.Share);

        rig.Finger.TouchEnrolled();
        var failure = Assert.ThrowsAny<Exception>(() => phone.Sign(RandomNumberGenerator.GetBytes(32), []));

        // Either the card's checks abort the run (the altered OT-extension check of round 2 condemns the
        // setup), or the combined signature fails its verification on the phone; in both cases the card holds
        // no signing state afterwards.
        Assert.True(failure is CardRefusedException { Status: WireStatus.ProtocolAborted or WireStatus.SetupCompromised }
            or Crypto.Threshold.ThresholdException, failure.ToString());
        Assert.Equal(WireStatus.NotAllowedNow,
            Assert.Throws<CardRefusedException>(() => new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.Sign, [3, 0])).Status);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void PowerCutAtEveryFlashWriteOfWalletCreation_LeavesNoWalletOrAWholeOne()
    {
        var flash = new SimFlash(4096, 32);
        var reference = new WalletRig(flash);
        var image = flash.Snapshot();
        var before = flash.BytesWritten;
        reference.Finger.TouchEnrolled();
        reference.Phone.Create();
        var bytes = (int)(flash.BytesWritten - before);

        // Each cut costs a full key generation, so the sweep takes 48 cut points spread evenly
        // over the whole write sequence plus its first and last bytes.
        int whole = 0, none = 0;
        var cuts = Enumerable.Range(0, 48).Select(i => (long)i * bytes / 47).Concat([1L, bytes - 1L]).Distinct();
        foreach (var cut in cuts)
        {
            flash.Restore(image);
            flash.PowerOn();
            var rig = new WalletRig(flash);
            flash.ArmCutAfterBytes(cut);
            rig.Finger.TouchEnrolled();
            try
            {
                rig.Phone.Create();
            }
            catch (CardRefusedException)
            {
                // The dispatcher answers a power cut as an internal error; the card is off anyway.
            }

            flash.Disarm();
            flash.PowerOn();
            rig.Rebuild();
            var xpub = TryGetPublicKey(rig);
            if (xpub is null)
            {
                none++;
                rig.Finger.TouchEnrolled();
                rig.Phone.Create();
            }
            else
            {
                whole++;
            }

            var hash = RandomNumberGenerator.GetBytes(32);
            rig.Finger.TouchEnrolled();
            Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), hash, rig.Phone.Sign(hash, [])), $"cut at byte {cut}");
        }

        Assert.True(whole > 0 && none > 0, $"whole {whole}, none {none}");
    }

    private static byte[]? TryGetPublicKey(WalletRig rig)
    {
        try
        {
            return new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.GetPublicKey, []);
        }
        catch (CardRefusedException refused) when (refused.Status == WireStatus.WalletState)
        {
            return null;
        }
    }

    private static Crypto.Threshold.KeyShare ExistingShare()
    {
        var other = new WalletRig();
        other.Finger.TouchEnrolled();
        other.Phone.Create();
        return other.Phone.Share!;
    }

    private static byte[] Prefix(byte round, byte[] body) => [round, .. body];

    private sealed class TamperingExchange(Func<byte[], byte[]> inner, Func<byte[], bool> which)
    {
        public byte[] Exchange(byte[] request)
        {
            if (which(request))
            {
                request = (byte[])request.Clone();
                request[^10] ^= 0x01;
            }

            return inner(request);
        }
    }
}
