using System.Security.Cryptography;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Protocol;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Card.Tests.EndToEnd;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>Enroll, create a wallet and sign through the real sensor driver, emulator and fuzzy extractor.</summary>
public class TapToApproveTests
{
    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void OwnersTouch_SignsAHash_ThatBouncyCastleAccepts(string backend)
    {
        var rig = new FingerRig(CardBackends.Config(backend, FingerRig.FastConfig()));
        rig.Enroll();
        rig.CreateWallet();
        var hash = SHA256.HashData("tap to approve"u8);

        var signature = rig.Sign(hash);

        Assert.True(BouncyCastleEcdsa.Verify(rig.PhoneShare!.PublicKey(), hash, signature));
    }

    [Fact]
    public void Enroll_ReportsProgress_ThenRefusesASecondEnrollment()
    {
        var rig = new FingerRig();

        var steps = rig.Session(client => client.Enroll());
        var again = Assert.Throws<CardRefusedException>(() => rig.Session(client => client.EnrollTouch()));

        Assert.Equal(EnrollOutcome.Complete, steps[^1].Outcome);
        Assert.Equal(Biometrics.FingerKeyExtractor.EnrollmentTouches, steps[^1].Accepted);
        Assert.Equal(Biometrics.FingerKeyExtractor.EnrollmentTouches + EnrollmentConfirmation.Required, steps.Count);
        Assert.All(steps.SkipLast(1), step => Assert.Equal(
            step.IsConfirmation ? EnrollmentConfirmation.Required : Biometrics.FingerKeyExtractor.EnrollmentTouches, step.Required));
        Assert.Equal(WireStatus.AlreadyEnrolled, again.Status);
        Assert.True(rig.Info().Enrolled);
    }

    [Fact]
    public void NoTouch_AnswersNoFinger_AndCostsNoAttempt()
    {
        var rig = new FingerRig();
        rig.Touching(null);

        var refused = Assert.Throws<CardRefusedException>(() => rig.Session(client => client.EnrollTouch()));

        Assert.Equal(WireStatus.NoFinger, refused.Status);
        Assert.False(rig.Info().Enrolled);
    }

    [Fact]
    public void StrangersFinger_NeverSigns_AndLocksTheCardAcrossReboots()
    {
        var config = FingerRig.FastConfig();
        config.MaxFailedTouches = 3;
        var rig = new FingerRig(config);
        rig.Enroll();
        rig.CreateWallet();
        rig.Touching(FingerRig.Stranger);
        var statuses = new List<WireStatus>();

        for (var i = 0; i < 3; i++)
        {
            statuses.Add(Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData([(byte)i]))).Status);
        }

        var rebooted = rig.Reboot();
        var afterReboot = Assert.Throws<CardRefusedException>(() => rebooted.Sign(SHA256.HashData("owner now"u8)));

        Assert.Equal([WireStatus.FingerNotRecognized, WireStatus.FingerNotRecognized, WireStatus.Locked], statuses);
        Assert.Equal(WireStatus.Locked, afterReboot.Status);
    }

    [Fact]
    public void OwnersTouch_ClearsEarlierFailures()
    {
        var config = FingerRig.FastConfig();
        config.MaxFailedTouches = 2;
        var rig = new FingerRig(config);
        rig.Enroll();
        rig.CreateWallet();
        rig.Touching(FingerRig.Stranger);
        Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData("one"u8)));

        rig.Touching(FingerRig.Owner);
        rig.Sign(SHA256.HashData("two"u8));
        rig.Touching(FingerRig.Stranger);
        var third = Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData("three"u8)));

        Assert.Equal(WireStatus.FingerNotRecognized, third.Status);
    }

    [Fact]
    public void NewPhone_IsBondedOnlyAfterTheOwnersTouch()
    {
        var rig = new FingerRig();
        rig.Enroll();
        var second = RandomNumberGenerator.GetBytes(32);
        var third = RandomNumberGenerator.GetBytes(32);

        rig.Touching(FingerRig.Stranger);
        Assert.ThrowsAny<Exception>(() => rig.Session(client => client.GetInfo(), third));
        rig.Touching(null);
        Assert.ThrowsAny<Exception>(() => rig.Session(client => client.GetInfo(), third));
        rig.Touching(FingerRig.Owner);
        var admitted = rig.Session(client => client.GetInfo(), second);
        rig.Touching(null);
        var reconnect = rig.Session(client => client.GetInfo(), second);

        Assert.True(admitted.Enrolled);
        Assert.True(reconnect.Enrolled);
    }

    [Fact]
    public void BeforeEnrollment_ASecondPhoneIsRefused()
    {
        var rig = new FingerRig();
        rig.Info();

        Assert.ThrowsAny<Exception>(() => rig.Session(client => client.GetInfo(), RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public void FactoryReset_AfterTheOwnersTouch_ErasesWalletFingerAndBonds()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.CreateWallet();

        rig.Session(client =>
        {
            client.FactoryReset();
            return 0;
        });
        var stranger = RandomNumberGenerator.GetBytes(32);
        var info = rig.Session(client => client.GetInfo(), stranger);

        Assert.False(info.Enrolled);
        Assert.False(info.HasWallet);
        Assert.Equal(rig.CardKey, info.IdentityPublicKey);
    }

    [Fact]
    public void FactoryReset_WithAStrangersFinger_ChangesNothing()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.CreateWallet();
        rig.Touching(FingerRig.Stranger);

        var refused = Assert.Throws<CardRefusedException>(() => rig.Session(client =>
        {
            client.FactoryReset();
            return 0;
        }));
        rig.Touching(FingerRig.Owner);
        var hash = SHA256.HashData("still here"u8);

        Assert.Equal(WireStatus.FingerNotRecognized, refused.Status);
        Assert.True(BouncyCastleEcdsa.Verify(rig.PhoneShare!.PublicKey(), hash, rig.Sign(hash)));
    }
}
