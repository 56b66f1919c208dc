using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;

namespace CardFirmware.Card.Tests.Hybrid;

/// <summary>
/// Every 2-of-3 flow end to end with the card's firmware handlers, the phone's orchestration and the provider
/// service over HTTP (<see cref="ServiceRig"/>): the service seals the card's slot with the card's relay seal and takes
/// the card's own approvals. Runs once per database backend (<see cref="ServiceFlowSqliteTests"/>, <see cref="ServiceFlowPostgresTests"/>).
/// </summary>
[Trait("Category", "Slow")]
public abstract class ServiceFlowSuite
{
    private static readonly uint[] Path = [44, 0, 3];

    protected abstract bool Postgres { get; }

    [SkippableFact]
    public void EveryPairSigns_ThroughTheService_WithinPolicy_AndNoSinglePartySigns()
    {
        using var rig = new ServiceRig(Postgres);
        var (encoded, hash) = Transaction(900);

        rig.Card.Finger.TouchEnrolled();
        var cardPhone = rig.Phone.SignWithPhone(hash, Path);
        rig.Card.Finger.TouchEnrolled();
        var cardProvider = rig.Phone.SignWithProvider(rig.WalletId, rig.Xpub, hash, Path);
        var phoneProvider = rig.Phone.SignWithoutCard(hash, Path, encoded);

        var key = XpubChild.PublicKey(rig.Xpub, Path);
        Assert.True(BouncyCastleEcdsa.Verify(key, hash, cardPhone));
        Assert.True(BouncyCastleEcdsa.Verify(key, hash, cardProvider));
        Assert.True(BouncyCastleEcdsa.Verify(key, hash, phoneProvider));
        Assert.Equal(rig.Xpub[..33], rig.ProviderShare().PublicKey());

        // The provider joins no session alone, twice, or one it is not in; phone and provider stay within the policy.
        var party = rig.Party(rig.PhoneKey);
        foreach (int[] signers in new[] { new[] { 3 }, new[] { 3, 3 }, new[] { 1, 2 } })
        {
            Assert.Equal("policy.signers", Assert.Throws<ProviderRefusedException>(() => party.Open(new ProviderSession(
                RandomNumberGenerator.GetBytes(16), ProviderProtocol.Sign, rig.WalletId, signers, Hash: hash))).Reason);
        }

        var (over, overHash) = Transaction(1_001);
        Assert.Equal("policy.per-transaction", Assert.Throws<ProviderRefusedException>(() => rig.Phone.SignWithoutCard(overHash, Path, over)).Reason);
    }

    [SkippableFact]
    public void RefreshThenLostPhoneThenLostCard_ThroughTheService_KeepTheKey_AndOldSharesSignNothing()
    {
        using var rig = new ServiceRig(Postgres);
        var (encoded, hash) = Transaction(100);
        var firstPhone = rig.Phone.Share!;
        var firstProvider = rig.ProviderShare();

        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(rig.Xpub, rig.Phone.Refresh());
        Assert.Equal(ThresholdError.KeyMismatch, HybridFlowTests.OldPairRefuses(firstPhone, rig.ProviderShare()));
        Assert.Equal(ThresholdError.KeyMismatch, HybridFlowTests.OldPairRefuses(rig.Phone.Share!, firstProvider));

        // The phone is lost: a new phone with a new key, the owner's approval on the card, then the card's touch.
        var refreshedPhone = rig.Phone.Share!;
        var newKey = PhoneKey.Generate();
        var newPhone = rig.NewPhone(rig.Card, newKey);
        rig.Card.Finger.TouchEnrolled();
        rig.Card.Finger.TouchEnrolled();
        Assert.Equal(rig.Xpub, newPhone.RecoverPhone(rig.WalletId));
        Assert.True(BouncyCastleEcdsa.Verify(XpubChild.PublicKey(rig.Xpub, Path), hash, newPhone.SignWithoutCard(hash, Path, encoded)));
        Assert.Equal(ThresholdError.KeyMismatch, HybridFlowTests.OldPairRefuses(refreshedPhone, rig.ProviderShare()));
        Assert.Equal("auth.not-enrolled", Assert.Throws<ProviderRefusedException>(() => rig.Phone.SignWithoutCard(hash, Path, encoded)).Reason);

        // The card is lost: the new phone and the provider re-issue its share onto a new card its owner enrolled.
        var recoveredPhone = newPhone.Share!;
        var newCard = new HybridCard();
        var onNewCard = rig.NewPhone(newCard, newKey, newPhone.Share, rig.WalletId);
        newCard.Finger.TouchEnrolled();
        Assert.Equal(rig.Xpub, onNewCard.RecoverCard(newCard.Client));
        newCard.Finger.TouchEnrolled();
        Assert.True(BouncyCastleEcdsa.Verify(XpubChild.PublicKey(rig.Xpub, Path), hash, onNewCard.SignWithPhone(hash, Path)));
        newCard.Finger.TouchEnrolled();
        onNewCard.SignWithProvider(rig.WalletId, rig.Xpub, hash, Path);
        Assert.Equal(ThresholdError.KeyMismatch, HybridFlowTests.OldPairRefuses(recoveredPhone, rig.ProviderShare()));

        // The lost card (with its owner's finger) gets nothing from the provider: the service seals to the new card now.
        rig.Card.Finger.TouchEnrolled();
        Assert.ThrowsAny<Exception>(() => rig.NewPhone(rig.Card, newKey).SignWithProvider(rig.WalletId, rig.Xpub, hash, Path));
    }

    [SkippableFact]
    public void CardApprovals_TheServiceTakesTheCardsStatement_AndRefusesTamperedOrReplayedOnes()
    {
        using var rig = new ServiceRig(Postgres);
        var party = rig.Party(rig.PhoneKey);
        var raised = ServiceRig.Policy with { PerTransactionLimit = 2_000, DelayThreshold = 5_000 };
        var subject = SHA256.HashData(raised.Encode());
        rig.Card.Finger.TouchEnrolled();
        var older = rig.Phone.Approve(CardApprovalCheck.PolicyChange, subject);
        rig.Card.Finger.TouchEnrolled();
        var approval = rig.Phone.Approve(CardApprovalCheck.PolicyChange, subject);

        var tampered = (byte[])approval.Clone();
        tampered[50] ^= 1;
        Assert.Equal("approval.invalid", Assert.Throws<ProviderRefusedException>(() => party.SetPolicy(rig.WalletId, 2, raised, tampered)).Reason);
        party.SetPolicy(rig.WalletId, 2, raised, approval);
        Assert.Equal("auth.replay", Assert.Throws<ProviderRefusedException>(() => party.SetPolicy(rig.WalletId, 3, raised, approval)).Reason);
        Assert.Equal("auth.replay", Assert.Throws<ProviderRefusedException>(() => party.SetPolicy(rig.WalletId, 3, raised, older)).Reason);
        var (encoded, hash) = Transaction(1_500);
        Assert.True(BouncyCastleEcdsa.Verify(XpubChild.PublicKey(rig.Xpub, Path), hash, rig.Phone.SignWithoutCard(hash, Path, encoded)));

        // A phone recovery's approval is counter-protected too: an approval the card gave before the last one used is refused.
        var thief = PhoneKey.Generate();
        var handle = RandomNumberGenerator.GetBytes(16);
        rig.Card.Finger.TouchEnrolled();
        var stale = rig.Phone.Approve(CardApprovalCheck.PhoneRecovery, CardApprovalCheck.PhoneRecoverySubject(handle, thief.PublicKey));
        rig.Card.Finger.TouchEnrolled();
        party.SetPolicy(rig.WalletId, 3, ServiceRig.Policy, rig.Phone.Approve(CardApprovalCheck.PolicyChange, SHA256.HashData(ServiceRig.Policy.Encode())));
        var session = new ProviderSession(handle, ProviderProtocol.Recover, rig.WalletId, [1, 2, 3], Lost: 2, CardApproval: stale, PhoneKey: thief.PublicKey);
        Assert.Equal("auth.replay", Assert.Throws<ProviderRefusedException>(() => rig.Party(thief).Open(session)).Reason);
    }

    private static (byte[] Encoded, byte[] Hash) Transaction(ulong amount)
    {
        var encoded = new ProviderTransaction(amount, "bc1qshop"u8.ToArray()).Encode();
        return (encoded, ProviderTransaction.Hash(encoded));
    }
}

/// <summary>The service flows on the embedded SQLite backend.</summary>
public sealed class ServiceFlowSqliteTests : ServiceFlowSuite
{
    protected override bool Postgres => false;
}

/// <summary>The service flows on PostgreSQL (the cluster `.ci/run` starts).</summary>
public sealed class ServiceFlowPostgresTests : ServiceFlowSuite
{
    protected override bool Postgres => true;
}
