using System.Security.Cryptography;
using System.Text;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.ProviderLoad;

namespace CardFirmware.Provider.Tests;

/// <summary>
/// The provider's integration suite: one provider node on a test server over a real database, the phone's
/// <see cref="HttpProviderParty"/>, and card and phone parties in this process (<see cref="TwoOfThreeDriver"/>, the
/// card's messages sealed to the provider and its approvals in the card's format).
/// It runs once per backend (<see cref="SqliteProviderTests"/>, <see cref="PostgresProviderTests"/>).
/// </summary>
public abstract partial class ProviderSuite : IDisposable
{
    protected static readonly ProviderPolicy Policy = new(
        PerTransactionLimit: 1_000, DailyLimit: 2_500, DelayThreshold: 1_000, DelaySeconds: 3_600, Allowlist: [], CardProviderAllowed: true);

    private readonly List<IDisposable> _nodes = [];

    protected TwoOfThreeDriver Driver { get; } = new(ManagedArithmeticBackend.Instance);

    protected TestClock Clock { get; } = new();

    protected byte[] ShareKey { get; } = ProviderNode.NewShareKey();

    /// <summary>A fresh database of this suite's backend (skips when the backend is unavailable).</summary>
    protected abstract string NewDatabase();

    private string? _database;

    protected string Database => _database ??= NewDatabase();

    protected ProviderNode Node(int perMinute = 600, string name = "test-node", int sessionTimeout = 300)
    {
        var node = new ProviderNode(Database, ShareKey, Clock, perMinute, name, sessionTimeout);
        _nodes.Add(node);
        return node;
    }

    public void Dispose()
    {
        foreach (var n in _nodes)
        {
            n.Dispose();
        }
    }

    protected DriverWallet NewWallet(ProviderNode node, ProviderPolicy? policy = null)
    {
        var w = new DriverWallet(RandomNumberGenerator.GetBytes(16), PhoneKey.Generate(), PhoneKey.Generate());
        Driver.Create(node.Party(w.Phone), w, policy ?? Policy);
        return w;
    }

    protected static ProviderTransaction Tx(ulong amount, string destination = "bc1qdestination") => new(amount, Encoding.ASCII.GetBytes(destination));

    protected static void AssertSignature(DriverWallet w, byte[] hash, byte[] signature, uint[]? path = null) =>
        Assert.True(BouncyCastleEcdsa.Verify(w.CardShare!.ChildPublicKey(path ?? []), hash, signature), "the signature must verify under the wallet's key");

    protected static string Refused(Action action) => Assert.Throws<ProviderRefusedException>(action).Reason;

    /// <summary>Opens (and so reserves) a phone-and-provider session for <paramref name="tx"/> without running it.</summary>
    protected static ProviderSession OpenPhoneSign(HttpProviderParty party, DriverWallet w, ProviderTransaction tx)
    {
        var encoded = tx.Encode();
        var s = new ProviderSession(TwoOfThreeDriver.NewHandle(), ProviderProtocol.Sign, w.Id, [2, 3], Hash: ProviderTransaction.Hash(encoded), Transaction: encoded);
        Assert.Equal(32, party.Open(s).Length);
        return s;
    }

    protected static string RefusedOpen(HttpProviderParty party, DriverWallet w, ProviderTransaction tx) => Refused(() => OpenPhoneSign(party, w, tx));

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void CreateThenPhoneAndProviderSign_WithinPolicy_SignatureVerifiesUnderTheWalletKey()
    {
        var node = Node();
        var w = NewWallet(node);
        var tx = Tx(1_000);
        uint[] path = [0, 7];
        var signature = Driver.SignPhoneAndProvider(node.Party(w.Phone), w, tx, path);
        AssertSignature(w, ProviderTransaction.Hash(tx.Encode()), signature, path);
        Assert.Equal(w.PublicKey, node.Store.Wallet(w.Id)!.PublicKey);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void CardAndPhone_SignWithoutTheProvider_AndTheProviderRefusesToBeLeftOut()
    {
        var node = Node();
        var w = NewWallet(node);
        var hash = SHA256.HashData("card and phone"u8.ToArray());
        AssertSignature(w, hash, Driver.SignCardAndPhone(w, hash));
        var s = new ProviderSession(TwoOfThreeDriver.NewHandle(), ProviderProtocol.Sign, w.Id, [1, 2], Hash: hash);
        Assert.Equal("policy.signers", Refused(() => node.Party(w.Phone).Open(s)));
        var alone = s with { Signers = [3, 3] };
        Assert.Equal("policy.signers", Refused(() => node.Party(w.Phone).Open(alone)));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void CardAndProvider_SignForAnyRelayingPhone_ButOnlyTheEnrolledCardsSealedMessagesAreTaken()
    {
        var node = Node();
        var w = NewWallet(node);
        var newPhone = PhoneKey.Generate();
        var hash = SHA256.HashData("phone lost"u8.ToArray());
        AssertSignature(w, hash, Driver.SignCardAndProvider(node.Party(newPhone), w, hash));

        // Another card's key: its round-1 message, sealed under that key, does not open at the provider, which aborts.
        var party = node.Party(newPhone);
        var s = new ProviderSession(TwoOfThreeDriver.NewHandle(), ProviderProtocol.Sign, w.Id, [1, 3], Hash: hash);
        var contributions = new byte[]?[] { RandomNumberGenerator.GetBytes(32), null, party.Open(s) };
        var sid = JointSessionId.ForSigning([contributions[0]!, contributions[2]!]);
        var card = new SignParty(ManagedArithmeticBackend.Instance, w.CardShare!, [1, 3], sid, null, hash, SystemRandomSource.Instance);
        var m1 = card.Start()[0];
        party.Round(s.Handle, 1, contributions);
        using var impostor = PhoneKey.Generate().RelaySeal(party.PublicKey, sid, true)!;
        Assert.Equal("protocol.MalformedMessage", Refused(() => party.Round(s.Handle, 2, [impostor.Seal(1, m1), null, null])));
        Assert.Equal("session.aborted", Refused(() => party.Round(s.Handle, 2, [impostor.Seal(1, m1), null, null])));
        card.Cancel();
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Refresh_NewSharesSign_AndAnOldShareWithANewOneDoesNot()
    {
        var node = Node();
        var w = NewWallet(node);
        var oldPhone = w.PhoneShare!;
        Driver.Refresh(node.Party(w.Phone), w);
        Assert.Equal(2, node.Store.Wallet(w.Id)!.ShareVersion);
        var tx = Tx(10);
        AssertSignature(w, ProviderTransaction.Hash(tx.Encode()), Driver.SignPhoneAndProvider(node.Party(w.Phone), w, tx));

        w.PhoneShare = oldPhone;
        var e = Assert.Throws<ThresholdException>(() => Driver.SignPhoneAndProvider(node.Party(w.Phone), w, Tx(11)));
        Assert.Equal(ThresholdError.KeyMismatch, e.Reason);
        Assert.Equal(3, e.Culprit);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void RecoverLostCard_PhoneAndProviderReissueIt_TheNewCardSignsWithPhoneAndWithProvider()
    {
        var node = Node();
        var w = NewWallet(node);
        var newCard = PhoneKey.Generate();
        Driver.RecoverCard(node.Party(w.Phone), w, newCard);
        Assert.Equal(newCard.PublicKey, node.Store.Wallet(w.Id)!.CardKey);
        var hash = SHA256.HashData("new card"u8.ToArray());
        AssertSignature(w, hash, Driver.SignCardAndPhone(w, hash));
        AssertSignature(w, hash, Driver.SignCardAndProvider(node.Party(w.Phone), w, hash));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void RecoverLostPhone_ApprovedByTheCard_TheNewPhoneIsEnrolledAndTheOldOneRefused()
    {
        var node = Node();
        var w = NewWallet(node);
        var oldPhone = w.Phone;
        var newPhone = PhoneKey.Generate();
        Driver.RecoverPhone(node.Party(newPhone), w, newPhone);
        Assert.Equal(newPhone.PublicKey, node.Store.Wallet(w.Id)!.PhoneKey);
        var tx = Tx(20);
        AssertSignature(w, ProviderTransaction.Hash(tx.Encode()), Driver.SignPhoneAndProvider(node.Party(newPhone), w, tx));
        Assert.Equal("auth.not-enrolled", RefusedOpen(node.Party(oldPhone), w, Tx(21)));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void RecoverProvidersShare_CardAndPhoneReissueIt_AndTheProviderSignsAgain()
    {
        var node = Node();
        var w = NewWallet(node);
        var before = node.Store.Wallet(w.Id)!.KeyId;
        Driver.RecoverProvider(node.Party(w.Phone), w);
        Assert.NotEqual(before, node.Store.Wallet(w.Id)!.KeyId);
        var tx = Tx(30);
        AssertSignature(w, ProviderTransaction.Hash(tx.Encode()), Driver.SignPhoneAndProvider(node.Party(w.Phone), w, tx));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void PolicyEdges_EachLimitAcceptsItsValueAndRefusesOneMore()
    {
        var node = Node();
        var w = NewWallet(node, Policy with { DelayThreshold = 10_000 });
        var phone = node.Party(w.Phone);
        Assert.Equal("policy.per-transaction", RefusedOpen(phone, w, Tx(1_001)));
        OpenPhoneSign(phone, w, Tx(1_000));
        OpenPhoneSign(phone, w, Tx(1_000));
        Assert.Equal("policy.daily-limit", RefusedOpen(phone, w, Tx(501)));
        OpenPhoneSign(phone, w, Tx(500));
        Assert.Equal("policy.daily-limit", RefusedOpen(phone, w, Tx(1)));

        // The window slides: a second before 24 hours have passed the spends still count, at 24 hours they do not.
        Clock.Advance(TimeSpan.FromSeconds(24 * 3600 - 1));
        Assert.Equal("policy.daily-limit", RefusedOpen(phone, w, Tx(1)));
        Clock.Advance(TimeSpan.FromSeconds(1));
        OpenPhoneSign(phone, w, Tx(1_000));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void AbortedSession_ReleasesItsAmount()
    {
        var node = Node();
        var w = NewWallet(node, Policy with { DailyLimit = 1_000, DelayThreshold = 10_000 });
        var phone = node.Party(w.Phone);
        var s = OpenPhoneSign(phone, w, Tx(1_000));
        Assert.Equal("policy.daily-limit", RefusedOpen(phone, w, Tx(1)));
        phone.Abort(s.Handle);
        phone.Abort(s.Handle);
        OpenPhoneSign(phone, w, Tx(1_000));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Allowlist_ListedDestinationAccepted_AnyOtherRefused()
    {
        var node = Node();
        var w = NewWallet(node, Policy with { Allowlist = [Encoding.ASCII.GetBytes("bc1qlisted")] });
        var phone = node.Party(w.Phone);
        OpenPhoneSign(phone, w, Tx(100, "bc1qlisted"));
        Assert.Equal("policy.destination", RefusedOpen(phone, w, Tx(100, "bc1qlisteD")));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void TimeDelay_AtTheThresholdNone_AboveItTheSameTransactionWaitsExactlyTheDelay()
    {
        var node = Node();
        var w = NewWallet(node, Policy with { DelayThreshold = 500 });
        var phone = node.Party(w.Phone);
        OpenPhoneSign(phone, w, Tx(500));
        var above = Tx(501);
        Assert.Equal("policy.time-delay", RefusedOpen(phone, w, above));
        Clock.Advance(TimeSpan.FromSeconds(3_599));
        Assert.Equal("policy.time-delay", RefusedOpen(phone, w, above));
        Assert.Equal("policy.time-delay", RefusedOpen(phone, w, Tx(501, "bc1qother")));
        Clock.Advance(TimeSpan.FromSeconds(1));
        OpenPhoneSign(phone, w, above);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void CardAndProvider_RefusedWhenThePolicyForbidsIt()
    {
        var node = Node();
        var w = NewWallet(node, Policy with { CardProviderAllowed = false });
        var hash = SHA256.HashData("x"u8.ToArray());
        Assert.Equal("policy.signers", Refused(() => Driver.SignCardAndProvider(node.Party(w.Phone), w, hash)));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void PolicyChange_OnlyWithTheCardsApprovalOfThatPolicy_ANewerCounter_AndTheNextVersion()
    {
        var node = Node();
        var w = NewWallet(node);
        var phone = node.Party(w.Phone);
        var raised = Policy with { PerTransactionLimit = 2_000, DelayThreshold = 5_000 };
        var subject = SHA256.HashData(raised.Encode());
        var byPhone = TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, subject);
        w.Phone.Sign(CardFirmware.Card.Hybrid.CardApproval.Hash(byPhone, 0)).CopyTo(byPhone, 75);
        Assert.Equal("approval.invalid", Refused(() => phone.SetPolicy(w.Id, 2, raised, byPhone)));
        Assert.Equal("approval.invalid", Refused(() => phone.SetPolicy(w.Id, 2, raised, TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, SHA256.HashData(Policy.Encode())))));
        Assert.Equal("approval.invalid", Refused(() => phone.SetPolicy(w.Id, 2, raised, TwoOfThreeDriver.Approve(w, CardApprovalCheck.PhoneRecovery, subject))));
        var tampered = TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, subject);
        tampered[9] ^= 1;
        Assert.Equal("approval.invalid", Refused(() => phone.SetPolicy(w.Id, 2, raised, tampered)));
        Assert.Equal("approval.missing", Refused(() => phone.SetPolicy(w.Id, 2, raised, null!)));
        Assert.Equal("policy.version", Refused(() => phone.SetPolicy(w.Id, 3, raised, TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, subject))));
        Assert.Equal("policy.per-transaction", RefusedOpen(phone, w, Tx(1_500)));
        var approval = TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, subject);
        phone.SetPolicy(w.Id, 2, raised, approval);
        OpenPhoneSign(phone, w, Tx(1_500));

        // The same approval again is a replay, even for the next version; so is an older counter's approval.
        Assert.Equal("auth.replay", Refused(() => phone.SetPolicy(w.Id, 3, raised, approval)));
        w.ApprovalCounter -= 2;
        Assert.Equal("auth.replay", Refused(() => phone.SetPolicy(w.Id, 3, raised, TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, subject))));
        w.ApprovalCounter += 5;
        phone.SetPolicy(w.Id, 3, raised, TwoOfThreeDriver.Approve(w, CardApprovalCheck.PolicyChange, subject));
        var audit = node.Store.AuditOf(w.Id);
        Assert.Contains(audit, a => a.Allowed && a.Action == "policy v2");
        Assert.Contains(audit, a => a.Allowed && a.Action == "policy v3");
        Assert.Contains(audit, a => !a.Allowed && a.Reason == "approval.invalid");
        Assert.Contains(audit, a => !a.Allowed && a.Reason == "auth.replay");
        Assert.Contains(audit, a => !a.Allowed && a.Reason == "policy.per-transaction");
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void RecoverLostPhone_ApprovalForAnotherSessionOrPhone_TamperedOrReplayed_IsRefused()
    {
        var node = Node();
        var w = NewWallet(node);
        var newPhone = PhoneKey.Generate();
        var party = node.Party(newPhone);
        ProviderSession Recovery(Func<byte[], byte[]> approve)
        {
            var handle = TwoOfThreeDriver.NewHandle();
            return new ProviderSession(handle, ProviderProtocol.Recover, w.Id, [1, 2, 3], Lost: 2, CardApproval: approve(handle),
                Enrollment: new ProviderEnrollment(PhoneKey: newPhone.PublicKey));
        }

        byte[] Approve(byte[] handle, byte[] phoneKey) => TwoOfThreeDriver.Approve(w, CardApprovalCheck.PhoneRecovery, CardApprovalCheck.PhoneRecoverySubject(handle, phoneKey));
        Assert.Equal("approval.missing", Refused(() => party.Open(Recovery(_ => null!))));
        Assert.Equal("approval.invalid", Refused(() => party.Open(Recovery(_ => Approve(TwoOfThreeDriver.NewHandle(), newPhone.PublicKey)))));
        Assert.Equal("approval.invalid", Refused(() => party.Open(Recovery(h => Approve(h, PhoneKey.Generate().PublicKey)))));
        Assert.Equal("approval.invalid", Refused(() => party.Open(Recovery(h =>
        {
            var a = Approve(h, newPhone.PublicKey);
            a[^1] ^= 1;
            return a;
        }))));

        // Accepted once; a retried open of the same session is the same session, not a second use.
        var accepted = Recovery(h => Approve(h, newPhone.PublicKey));
        var contribution = party.Open(accepted);
        Assert.Equal(contribution, party.Open(accepted));
        Assert.Equal("approval.invalid", Refused(() => party.Open(accepted with { Handle = TwoOfThreeDriver.NewHandle() })));
        w.ApprovalCounter--;
        Assert.Equal("auth.replay", Refused(() => party.Open(Recovery(h => Approve(h, newPhone.PublicKey)))));
        party.Abort(accepted.Handle);
    }

    [SkippableFact]
    public void StaticKey_OnePerDeployment_SealedAtRest_AndAnotherConfiguredKeyRefused()
    {
        var store = ProviderApp.Store(Database);
        store.Migrate();
        using var vault = new Security.ShareVault(ShareKey);
        var configured = new byte[32];
        configured[31] = 7;
        using var first = Security.ProviderStaticKey.Load(store, vault, configured);
        using var second = Security.ProviderStaticKey.Load(store, vault, null);
        Assert.Equal(first.PublicKey, second.PublicKey);
        Assert.Equal(Convert.FromHexString("025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc"), first.PublicKey);
        var (publicKey, sealedKey) = store.StaticKey()!.Value;
        Assert.Equal(first.PublicKey, publicKey);
        Assert.True(sealedKey.AsSpan().IndexOf(configured.AsSpan(16)) < 0, "the private key is stored sealed");
        var other = (byte[])configured.Clone();
        other[31] = 8;
        Assert.Throws<InvalidOperationException>(() => Security.ProviderStaticKey.Load(store, vault, other));
        using var wrongVault = new Security.ShareVault(ProviderNode.NewShareKey());
        Assert.Throws<AuthenticationTagMismatchException>(() => Security.ProviderStaticKey.Load(store, wrongVault, null));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void RoundRetry_GivesTheStoredReply_AnotherInboxIsRefused_AndAnotherNodeResumesTheSession()
    {
        var node = Node(name: "a");
        var other = Node(name: "b");
        var w = NewWallet(node);
        var tx = Tx(42);
        var encoded = tx.Encode();
        var hash = ProviderTransaction.Hash(encoded);
        var s = new ProviderSession(TwoOfThreeDriver.NewHandle(), ProviderProtocol.Sign, w.Id, [2, 3], Hash: hash, Transaction: encoded);
        var a = node.Party(w.Phone);
        var b = other.Party(w.Phone);
        var contribution = a.Open(s);
        Assert.Equal(contribution, b.Open(s));

        var contributions = new byte[]?[] { null, RandomNumberGenerator.GetBytes(32), contribution };
        var sid = JointSessionId.ForSigning([contributions[1]!, contribution]);
        var phone = new SignParty(ManagedArithmeticBackend.Instance, w.PhoneShare!, [2, 3], sid, null, hash, SystemRandomSource.Instance);
        var m1 = phone.Start();
        var p1 = a.Round(s.Handle, 1, contributions);
        Assert.Equal(p1, b.Round(s.Handle, 1, contributions));
        var changed = new byte[]?[] { null, RandomNumberGenerator.GetBytes(32), contribution };
        Assert.Equal("round.conflict", Refused(() => a.Round(s.Handle, 1, changed)));
        Assert.Equal("round.out-of-order", Refused(() => a.Round(s.Handle, 3, [null, m1[0], null])));

        // Node b never ran this session: it rebuilds the provider's party from the stored seed and inboxes.
        var m2 = phone.Round2([p1[1]!]);
        var p2 = b.Round(s.Handle, 2, [null, m1[0], null]);
        phone.Presign([p2[1]!]);
        phone.SignHash(hash);
        var p3 = a.Round(s.Handle, 3, [null, m2[0], null]);
        AssertSignature(w, hash, phone.Combine([p3[1]!]));
        Assert.Equal(p3, b.Round(s.Handle, 3, [null, m2[0], null]));
        Assert.Equal("session.finished", Refused(() => a.Round(s.Handle, 4, [null, m2[0], null])));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Requests_TamperedReplayedStaleOrUnenrolled_AreRefused()
    {
        var node = Node();
        var w = NewWallet(node);
        var http = node.Http();
        var body = Encoding.UTF8.GetBytes("{\"handle\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"protocol\":3,\"walletId\":\"" + Convert.ToBase64String(w.Id) + "\",\"signers\":[1,2,3],\"lost\":0}");
        HttpRequestMessage Request(byte[] content, long time, byte[]? nonce = null, PhoneKey? key = null)
        {
            key ??= w.Phone;
            nonce ??= RandomNumberGenerator.GetBytes(16);
            var m = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions") { Content = new ByteArrayContent(content) };
            m.Headers.Add(ProviderApi.KeyHeader, Convert.ToHexString(key.PublicKey));
            m.Headers.Add(ProviderApi.NonceHeader, Convert.ToHexString(nonce));
            m.Headers.Add(ProviderApi.TimeHeader, time.ToString(System.Globalization.CultureInfo.InvariantCulture));
            m.Headers.Add(ProviderApi.SignatureHeader, Convert.ToHexString(key.Sign(ProviderDigests.Request("POST", "/v1/sessions", key.PublicKey, nonce, time, body))));
            return m;
        }

        string Reason(HttpRequestMessage m)
        {
            using var r = http.SendAsync(m).GetAwaiter().GetResult();
            return r.IsSuccessStatusCode ? "ok" : System.Text.Json.JsonDocument.Parse(r.Content.ReadAsStream()).RootElement.GetProperty("reason").GetString()!;
        }

        var now = Clock.Now.ToUnixTimeSeconds();
        var tampered = (byte[])body.Clone();
        tampered[^2] = (byte)'3';
        Assert.Equal("auth.signature", Reason(Request(tampered, now)));
        Assert.Equal("auth.stale", Reason(Request(body, now - 301)));
        Assert.Equal("auth.not-enrolled", Reason(Request(body, now, key: PhoneKey.Generate())));
        var nonce = RandomNumberGenerator.GetBytes(16);
        Assert.Equal("ok", Reason(Request(body, now, nonce)));
        Assert.Equal("auth.replay", Reason(Request(body, now, nonce)));
        Assert.Equal("ok", Reason(Request(body, now - 300)));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void RateLimit_RefusesTheRequestOverTheLimitPerKeyAndMinute()
    {
        var node = Node(perMinute: 3);
        var key = PhoneKey.Generate();
        var party = node.Party(key);
        var handle = TwoOfThreeDriver.NewHandle();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("session.unknown", Refused(() => party.Abort(handle)));
        }

        Assert.Equal("rate-limited", Refused(() => party.Abort(handle)));
        Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("session.unknown", Refused(() => party.Abort(handle)));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void StoredShare_IsSealed_AndDoesNotOpenUnderAnotherOperatorKey()
    {
        var node = Node();
        var w = NewWallet(node);
        var stored = node.Store.Wallet(w.Id)!;
        using var right = new Security.ShareVault(ShareKey);
        using var wrong = new Security.ShareVault(ProviderNode.NewShareKey());
        byte[] owner = [.. w.Id, .. stored.KeyId];
        var share = KeyShare.Deserialize(right.Open("share", owner, stored.ShareSealed));
        Assert.Equal(3, share.Index);
        Assert.Throws<AuthenticationTagMismatchException>(() => wrong.Open("share", owner, stored.ShareSealed));
        Assert.Throws<AuthenticationTagMismatchException>(() => right.Open("share", [.. RandomNumberGenerator.GetBytes(16), .. stored.KeyId], stored.ShareSealed));
    }
}

/// <summary>The suite on the embedded SQLite backend.</summary>
public sealed class SqliteProviderTests : ProviderSuite
{
    protected override string NewDatabase() => Databases.Sqlite();
}

/// <summary>The suite on PostgreSQL (the cluster `.ci/run` starts).</summary>
public sealed class PostgresProviderTests : ProviderSuite
{
    protected override string NewDatabase() => Databases.Postgres();
}
