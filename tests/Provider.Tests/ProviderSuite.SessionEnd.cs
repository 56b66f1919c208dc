using System.Net;
using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Storage;
using CardFirmware.ProviderLoad;

namespace CardFirmware.Provider.Tests;

/// <summary>How sessions end: abort (idempotent, only by the key that opened the session), expiry at the deadline on any node, and what an ended session keeps.</summary>
public abstract partial class ProviderSuite
{
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Abort_IsIdempotent_WipesTheSession_AndNoneOfItsRoundsIsAnsweredAgain()
    {
        var node = Node();
        var w = NewWallet(node);
        var phone = node.Party(w.Phone);
        var signing = new PhoneSigning(phone, w, Tx(10));
        var handle = signing.Session.Handle;
        signing.Next(phone);
        phone.Abort(handle);
        phone.Abort(handle);

        Assert.Equal("session.aborted", Refused(() => phone.Round(handle, 1, signing.Inbox(1))));
        Assert.Equal("session.aborted", Refused(() => signing.Next(phone)));
        Assert.Equal("session.aborted", Refused(() => Node(name: "b").Party(w.Phone).Round(handle, 2, signing.Inbox(2))));
        var stored = node.Store.Session(handle)!;
        Assert.Equal(SessionState.Aborted, stored.State);
        Assert.Empty(stored.SeedSealed);
        Assert.All(node.Store.Rounds(handle), r => Assert.Equal(0, r.InboxSealed.Length + r.ReplySealed.Length));
        Assert.Equal(0, node.Store.EndedSessionsHoldingSecrets());
        Assert.Equal(["requested", "already aborted"], node.Store.AuditOf(w.Id).Where(a => a.Action == "abort").Select(a => a.Reason));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Abort_RefusedForAnotherWalletsKeyOrAnUnsignedRequest_AndForAFinishedSession()
    {
        var node = Node();
        var w = NewWallet(node);
        var other = NewWallet(node);
        var phone = node.Party(w.Phone);
        var signing = new PhoneSigning(phone, w, Tx(10));
        var handle = signing.Session.Handle;
        signing.Next(phone);

        Assert.Equal("auth.not-enrolled", Refused(() => node.Party(other.Phone).Abort(handle)));
        using (var unsigned = node.Http().PostAsync(ProviderApi.SessionPath(handle) + "/abort", new StringContent("{}")).GetAwaiter().GetResult())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        Assert.Equal(SessionState.Open, node.Store.Session(handle)!.State);
        signing.Next(phone);
        AssertSignature(w, signing.Hash, signing.Next(phone)!);

        // The provider's last round is committed: the abort comes too late, and the lost reply can still be fetched.
        Assert.Equal("session.finished", Refused(() => phone.Abort(handle)));
        Assert.Equal(SessionState.Done, node.Store.Session(handle)!.State);
        Assert.NotNull(phone.Round(handle, 3, signing.Inbox(3))[1]);
        Assert.Equal(0, node.Store.EndedSessionsHoldingSecrets());
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Expiry_EachCommittedRoundMovesTheDeadline_ARoundAtItIsRefused_AndTheSessionIsWipedAndReleased()
    {
        var node = Node(sessionTimeout: 60);
        var w = NewWallet(node, Policy with { DailyLimit = 1_000, DelayThreshold = 10_000 });
        var phone = node.Party(w.Phone);
        var signing = new PhoneSigning(phone, w, Tx(1_000));
        var handle = signing.Session.Handle;
        Clock.Advance(TimeSpan.FromSeconds(59));
        signing.Next(phone);
        Clock.Advance(TimeSpan.FromSeconds(59));
        signing.Next(phone);
        Assert.Equal("policy.daily-limit", RefusedOpen(phone, w, Tx(1)));

        Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("session.expired", Refused(() => signing.Next(phone)));
        Assert.Equal("session.expired", Refused(() => phone.Round(handle, 2, signing.Inbox(2))));
        var stored = node.Store.Session(handle)!;
        Assert.Equal(SessionState.Expired, stored.State);
        Assert.Empty(stored.SeedSealed);
        Assert.Equal(0, node.Store.EndedSessionsHoldingSecrets());

        // An expired session signed nothing: its amount no longer counts against the daily limit.
        OpenPhoneSign(phone, w, Tx(1_000));
        phone.Abort(handle);
        Assert.Equal(SessionState.Expired, node.Store.Session(handle)!.State);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void ExpireOverdue_OnAnyNode_EndsOnlySessionsPastTheirDeadline()
    {
        var a = Node(name: "a", sessionTimeout: 60);
        var b = Node(name: "b", sessionTimeout: 60);
        var w = NewWallet(a);
        var phone = a.Party(w.Phone);
        var stale = new PhoneSigning(phone, w, Tx(10));
        stale.Next(phone);
        Clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = new PhoneSigning(phone, w, Tx(11));
        Assert.Equal(0, b.Engine.ExpireOverdue());

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, b.Engine.ExpireOverdue());
        Assert.Equal(0, a.Engine.ExpireOverdue());
        Assert.Equal(SessionState.Expired, a.Store.Session(stale.Session.Handle)!.State);
        Assert.Equal("session.expired", Refused(() => stale.Next(phone)));
        Assert.Contains(a.Store.AuditOf(w.Id), e => e.Action == "expire" && e.Reason == "session.expired" && e.Node == "b");

        fresh.Next(phone);
        fresh.Next(phone);
        AssertSignature(w, fresh.Hash, fresh.Next(phone)!);
    }

    /// <summary>The phone's side of a phone-and-provider signature, one provider round at a time.</summary>
    private sealed class PhoneSigning
    {
        private readonly SignParty _phone;
        private readonly List<byte[]?[]> _inboxes = [];
        private readonly byte[][] _m1;
        private byte[][] _m2 = [];

        public PhoneSigning(IProviderParty provider, DriverWallet w, ProviderTransaction tx)
        {
            var encoded = tx.Encode();
            Hash = ProviderTransaction.Hash(encoded);
            Session = new ProviderSession(TwoOfThreeDriver.NewHandle(), ProviderProtocol.Sign, w.Id, [2, 3], Hash: Hash, Transaction: encoded);
            var contribution = provider.Open(Session);
            var mine = RandomNumberGenerator.GetBytes(32);
            _phone = new SignParty(ManagedArithmeticBackend.Instance, w.PhoneShare!, [2, 3], JointSessionId.ForSigning([mine, contribution]), null, Hash, SystemRandomSource.Instance);
            _m1 = _phone.Start();
            _inboxes.Add([null, mine, contribution]);
        }

        public ProviderSession Session { get; }

        public byte[] Hash { get; }

        /// <summary>The inbox the phone sent (or will send) in <paramref name="round"/>.</summary>
        public byte[]?[] Inbox(int round) => _inboxes[round - 1];

        /// <summary>Sends the next round and takes the reply; after round 3 returns the signature.</summary>
        public byte[]? Next(IProviderParty provider)
        {
            var round = _inboxes.Count;
            var reply = provider.Round(Session.Handle, round, _inboxes[^1]);
            switch (round)
            {
                case 1:
                    _m2 = _phone.Round2([reply[1]!]);
                    _inboxes.Add([null, _m1[0], null]);
                    return null;
                case 2:
                    _phone.Presign([reply[1]!]);
                    _phone.SignHash(Hash);
                    _inboxes.Add([null, _m2[0], null]);
                    return null;
                default:
                    return _phone.Combine([reply[1]!]);
            }
        }
    }
}
