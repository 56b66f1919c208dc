using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Hybrid;

/// <summary>Every 2-of-3 flow end to end: the card's firmware handlers, the phone's orchestration, the in-process provider.</summary>
[Trait("Category", "Slow")]
public class HybridFlowTests
{
    private static readonly uint[] Path = [44, 0, 3];

    [Fact]
    public void Create_ThenEveryPairSigns_AndTheSignaturesVerifyIndependently()
    {
        var rig = new HybridRig();
        var hash = RandomNumberGenerator.GetBytes(32);

        rig.Card.Finger.TouchEnrolled();
        var cardPhone = rig.Phone.SignWithPhone(hash, Path);
        rig.Card.Finger.TouchEnrolled();
        var cardProvider = rig.Phone.SignWithProvider(rig.Phone.WalletId!, rig.Xpub, hash, Path);
        var phoneProvider = rig.Phone.SignWithoutCard(hash, Path);

        var key = XpubChild.PublicKey(rig.Xpub, Path);
        Assert.Equal(key, rig.Phone.PublicKey(Path));
        Assert.True(BouncyCastleEcdsa.Verify(key, hash, cardPhone));
        Assert.True(BouncyCastleEcdsa.Verify(key, hash, cardProvider));
        Assert.True(BouncyCastleEcdsa.Verify(key, hash, phoneProvider));
        Assert.Equal(rig.Xpub, rig.Card.Client.Exchange(CommandCode.GetPublicKey, []));
        Assert.Equal(rig.Provider.ShareOf(rig.Phone.WalletId!).PublicKey(), rig.Xpub[..33]);
    }

    [Fact]
    public void Refresh_KeepsTheKey_OldSharesSignNothing_AndTheOldShareIsGoneFromTheCardsFlash()
    {
        var rig = new HybridRig();
        var oldPhone = rig.Phone.Share!;
        var oldProvider = rig.Provider.ShareOf(rig.Phone.WalletId!);
        var oldWrapped = rig.Card.Log.Get(CardFirmware.Card.Identity.StorageKeys.WrappedShare);

        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(rig.Xpub, rig.Phone.Refresh());

        var hash = RandomNumberGenerator.GetBytes(32);
        rig.Card.Finger.TouchEnrolled();
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), hash, rig.Phone.SignWithPhone(hash, [])));
        Assert.Equal(ThresholdError.KeyMismatch, OldPairRefuses(oldPhone, rig.Provider.ShareOf(rig.Phone.WalletId!)));
        Assert.Equal(ThresholdError.KeyMismatch, OldPairRefuses(rig.Phone.Share!, oldProvider));
        Assert.False(FlashHolds(rig.Card, oldWrapped));

        // The card's new share with an old phone share aborts on the card, typed.
        var stale = new HybridPhone(rig.Card.Client, rig.Provider, oldPhone, rig.Phone.WalletId);
        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(WireStatus.ProtocolAborted, Assert.Throws<CardRefusedException>(() => stale.SignWithPhone(hash, [])).Status);
    }

    [Fact]
    public void LostCard_PhoneAndProviderReissueItsShareOntoANewCard_TheOldCardSignsNothing()
    {
        var rig = new HybridRig();
        var oldProvider = rig.Provider.ShareOf(rig.Phone.WalletId!);
        var newCard = new HybridCard();
        newCard.Finger.TouchEnrolled();

        Assert.Equal(rig.Xpub, rig.Phone.RecoverCard(newCard.Client));

        var hash = RandomNumberGenerator.GetBytes(32);
        var onNewCard = new HybridPhone(newCard.Client, rig.Provider, rig.Phone.Share, rig.Phone.WalletId);
        newCard.Finger.TouchEnrolled();
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey(Path), hash, onNewCard.SignWithPhone(hash, Path)));
        newCard.Finger.TouchEnrolled();
        onNewCard.SignWithProvider(rig.Phone.WalletId!, rig.Xpub, hash, Path);

        // The lost card (found by a thief with the owner's finger) pairs with neither new share.
        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(WireStatus.ProtocolAborted, Assert.Throws<CardRefusedException>(() => rig.Phone.SignWithPhone(hash, Path)).Status);
        rig.Card.Finger.TouchEnrolled();
        Assert.ThrowsAny<Exception>(() => rig.Phone.SignWithProvider(rig.Phone.WalletId!, rig.Xpub, hash, Path));
        Assert.Equal(ThresholdError.KeyMismatch, OldPairRefuses(rig.Phone.Share!, oldProvider));
    }

    [Fact]
    public void LostPhone_CardApprovesAndWithTheProviderReissuesTheShareToANewPhone()
    {
        var rig = new HybridRig();
        var oldPhone = rig.Phone.Share!;
        var newPhone = new HybridPhone(rig.Card.Client, rig.Provider);

        // Before its recovery, the new phone still signs with card and provider: it needs only the xpub.
        var hash = RandomNumberGenerator.GetBytes(32);
        rig.Card.Finger.TouchEnrolled();
        var xpub = rig.Card.Client.Exchange(CommandCode.GetPublicKey, []);
        newPhone.SignWithProvider(rig.Phone.WalletId!, xpub, hash, Path);

        rig.Card.Finger.TouchEnrolled();
        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(rig.Xpub, newPhone.RecoverPhone(rig.Phone.WalletId!));

        rig.Card.Finger.TouchEnrolled();
        Assert.True(BouncyCastleEcdsa.Verify(newPhone.PublicKey(Path), hash, newPhone.SignWithPhone(hash, Path)));
        Assert.True(BouncyCastleEcdsa.Verify(newPhone.PublicKey(Path), hash, newPhone.SignWithoutCard(hash, Path)));
        Assert.Equal(ThresholdError.KeyMismatch, OldPairRefuses(oldPhone, rig.Provider.ShareOf(rig.Phone.WalletId!)));
        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(WireStatus.ProtocolAborted, Assert.Throws<CardRefusedException>(() => rig.Phone.SignWithPhone(hash, Path)).Status);
    }

    [Fact]
    public void PhoneRecovery_WithoutTheCardsApproval_OrWithAReplayedOne_IsRefusedByTheProvider()
    {
        var rig = new HybridRig();
        var walletId = rig.Phone.WalletId!;
        var handle = RandomNumberGenerator.GetBytes(16);
        var thief = new HybridPhone(rig.Card.Client, rig.Provider);

        var none = new ProviderSession(handle, ProviderProtocol.Recover, walletId, [1, 2, 3], Lost: 2, PhoneKey: thief.StaticKey);
        Assert.Equal("auth.approval", Assert.Throws<ProviderRefusedException>(() => rig.Provider.Open(none)).Reason);

        rig.Card.Finger.TouchEnrolled();
        var approval = rig.Phone.Approve(CardApprovalCheck.PhoneRecovery, CardApprovalCheck.PhoneRecoverySubject(handle, thief.StaticKey));
        var forAnotherPhone = none with { CardApproval = approval, PhoneKey = rig.Phone.StaticKey };
        Assert.Equal("auth.approval", Assert.Throws<ProviderRefusedException>(() => rig.Provider.Open(forAnotherPhone)).Reason);
        var tampered = (byte[])approval.Clone();
        tampered[60] ^= 1;
        Assert.Equal("auth.approval", Assert.Throws<ProviderRefusedException>(() => rig.Provider.Open(none with { CardApproval = tampered })).Reason);

        rig.Provider.Open(none with { CardApproval = approval });
        rig.Provider.Abort(handle);
        var replay = new ProviderSession(RandomNumberGenerator.GetBytes(16), ProviderProtocol.Recover, walletId, [1, 2, 3], Lost: 2,
            CardApproval: approval, PhoneKey: thief.StaticKey);
        Assert.Equal("auth.approval", Assert.Throws<ProviderRefusedException>(() => rig.Provider.Open(replay)).Reason);
    }

    [Fact]
    public void Approval_IsSignedByTheCardsIdentity_OverItsCounterWalletAndSubject()
    {
        var rig = new HybridRig();
        var subject = SHA256.HashData("policy v2"u8);

        rig.Card.Finger.TouchEnrolled();
        var first = CardApprovalCheck.Verify(rig.Phone.Approve(CardApprovalCheck.PolicyChange, subject), rig.Card.IdentityPublicKey);
        rig.Card.Finger.TouchEnrolled();
        var second = CardApprovalCheck.Verify(rig.Phone.Approve(CardApprovalCheck.PolicyChange, subject), rig.Card.IdentityPublicKey);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(subject, first.Subject);
        Assert.Equal(rig.Xpub[..33], first.WalletPublicKey);
        Assert.True(second.Counter > first.Counter);
        rig.Card.Finger.Refuse(WireStatus.FingerNotRecognized);
        Assert.Equal(WireStatus.FingerNotRecognized,
            Assert.Throws<CardRefusedException>(() => rig.Phone.Approve(CardApprovalCheck.PolicyChange, subject)).Status);
    }

    [Fact]
    public void NoSingleParty_Signs_AndThePolicyHookCanRefuseThePhoneProviderPair()
    {
        var rig = new HybridRig(session => session.Signers is [2, 3] ? "policy.limit" : null);
        var hash = RandomNumberGenerator.GetBytes(32);
        var walletId = rig.Phone.WalletId!;

        // The provider joins no session of its own alone, nor one that names it twice.
        foreach (int[] signers in new[] { new[] { 3 }, new[] { 3, 3 }, new[] { 1, 2 } })
        {
            Assert.Throws<ProviderRefusedException>(() => rig.Provider.Open(new ProviderSession(RandomNumberGenerator.GetBytes(16),
                ProviderProtocol.Sign, walletId, signers, Hash: hash)));
        }

        // Signing needs two distinct shares: a party with itself as peer is refused before any message.
        Assert.Equal(ThresholdError.InvalidParameters, Assert.Throws<ThresholdException>(() =>
            new SignParty(rig.Phone.Share!, [2, 2], new byte[32], null, new PhoneRandom())).Reason);

        // The card refuses a peer other than the phone or the provider (itself included).
        rig.Card.Finger.TouchEnrolled();
        var body = new SignBegin(new byte[32], hash, []).Encode();
        Assert.Equal(WireStatus.MalformedRequest, Assert.Throws<CardRefusedException>(() =>
            rig.Card.Client.Exchange(CommandCode.HybridSign, [1, 1, .. body])).Status);

        Assert.Equal("policy.limit", Assert.Throws<ProviderRefusedException>(() => rig.Phone.SignWithoutCard(hash, [])).Reason);
    }

    /// <summary>Runs signing between two shares in-process; returns how it aborted.</summary>
    internal static ThresholdError OldPairRefuses(KeyShare a, KeyShare b)
    {
        var random = new PhoneRandom();
        var signers = new[] { a.Index, b.Index }.Order().ToArray();
        var sid = RandomNumberGenerator.GetBytes(32);
        var hash = RandomNumberGenerator.GetBytes(32);
        var pa = new SignParty(a, signers, sid, null, random);
        var pb = new SignParty(b, signers, sid, null, random);
        try
        {
            var a1 = pa.Start();
            var b1 = pb.Start();
            var a2 = pa.Round2(b1);
            var b2 = pb.Round2(a1);
            pa.Presign(b2);
            pb.Presign(a2);
            var a3 = pa.SignHash(hash);
            pb.SignHash(hash);
            pb.Combine(a3);
            return 0;
        }
        catch (ThresholdException e)
        {
            return e.Reason;
        }
    }

    private static bool FlashHolds(HybridCard card, byte[] needle)
    {
        var image = card.Flash.Snapshot();
        return image.AsSpan().IndexOf(needle.AsSpan(13, 64)) >= 0;
    }
}
