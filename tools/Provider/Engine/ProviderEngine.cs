using System.Collections.Concurrent;
using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Policy;
using CardFirmware.Provider.Security;
using CardFirmware.Provider.Sessions;
using CardFirmware.Provider.Storage;

namespace CardFirmware.Provider.Engine;

/// <summary>
/// Party 3 for many wallets: decides who may open which session (enrolled keys, card approvals, the wallet's
/// policy), runs its rounds, and commits each round's reply in the same transaction as its effect. Refusals are
/// <see cref="ProviderRefusedException"/>s with stable codes; every decision is audited.
/// <para>
/// Who may open what: the enrolled phone's key signs refreshes, a card's recovery and phone-and-provider signing
/// (within the policy). The card proves itself through the relay seal (<see cref="ProviderParty"/>): a creation or a
/// card's recovery names the card's identity key, and card-and-provider signing uses the enrolled one; the card's
/// messages open only under that key, and the card releases them only after its owner's touch, so these need no
/// enrolled requester (a lost phone's replacement asks for card-and-provider signing). A phone's recovery and a policy
/// change need the card's signed approval (firmware/Card README "Card approval", 139 bytes) of exactly that request,
/// with a counter above the last one accepted for the wallet.
/// </para>
/// </summary>
/// <remarks>
/// A round is idempotent: the same handle and round number with the same inbox returns the stored reply, a
/// different inbox is refused. The party of a session is kept in memory between rounds on the node that ran the
/// last one; any other node, or this one after a restart, rebuilds it from the session's sealed seed by replaying
/// the committed inboxes (<see cref="SeededRandom"/>) and checks that the replay gives the committed replies.
/// A session ends done, aborted (by its requester, or a failed protocol check) or expired: each committed round
/// moves its deadline <paramref name="sessionTimeout"/> seconds past the commit, and a session whose deadline
/// passes expires on whichever node touches it first (a round, an abort, or <see cref="ExpireOverdue"/>, which
/// every node runs periodically). An aborted or expired session's secret state is wiped from the database, so
/// none of its rounds can be answered or continued again.
/// </remarks>
public sealed class ProviderEngine(IProviderStore store, ShareVault vault, ProviderStaticKey staticKey, IArithmeticBackend backend, TimeProvider time, string node, int sessionTimeout)
{
    /// <summary>How many overdue sessions one <see cref="ExpireOverdue"/> pass reads at a time.</summary>
    private const int ExpiryBatch = 256;

    /// <summary>The deployment's static public key (33), which the card seals its messages to.</summary>
    public byte[] StaticPublicKey => staticKey.PublicKey;

    private const int CachedPartiesMax = 4096;
    private readonly ConcurrentDictionary<string, ProviderParty> _parties = new();

    /// <summary>Opens a session for <paramref name="requester"/> (the request's verified key) and returns the provider's contribution.</summary>
    public byte[] Open(byte[] requester, OpenRequest r)
    {
        var protocol = (ProviderProtocol)r.Protocol;
        var now = Now();
        if (r.Handle is not { Length: 16 } || r.WalletId is not { Length: > 0 and <= 64 } || !Enum.IsDefined(protocol))
        {
            throw Refuse(r.WalletId ?? [], r.Handle, "open", "request.invalid", "Handle (16 bytes), wallet id (1..64 bytes) and protocol are required.");
        }

        if (store.Session(r.Handle) is { } opened && opened.RequesterKey.AsSpan().SequenceEqual(requester) && opened.WalletId.AsSpan().SequenceEqual(r.WalletId))
        {
            // A retried open (its reply was lost): the same contribution again, without spending its approval twice.
            return opened.Contribution;
        }

        var wallet = store.Wallet(r.WalletId);
        byte[]? policyBytes = null;
        byte[]? newPhone = null;
        byte[]? newCard = null;
        long? approvalCounter = null;
        long amount = 0;
        Func<ISpendLedger, Decision> decide = _ => Decision.Allow;
        int[] signers = [1, 2, 3];
        switch (protocol)
        {
            case ProviderProtocol.CreateWallet:
                if (wallet is not null)
                {
                    throw Refuse(r.WalletId, r.Handle, "open", "wallet.exists", "The wallet exists.");
                }

                if (r.PhoneKey is not { Length: 33 } || !r.PhoneKey.AsSpan().SequenceEqual(requester) || r.CardKey is not { Length: 33 } || r.Policy is null)
                {
                    throw Refuse(r.WalletId, r.Handle, "open", "request.invalid", "A new wallet enrolls the requester's key as the phone's, the card's identity key and a policy.");
                }

                policyBytes = DecodePolicy(r.WalletId, r.Handle, r.Policy).Encode();
                (newPhone, newCard) = (r.PhoneKey, r.CardKey);
                break;
            case ProviderProtocol.Sign:
                RequireWallet(wallet, r);
                signers = r.Signers ?? [];
                if (signers.Length != 2 || signers[0] >= signers[1] || signers[0] < 1 || signers[1] != ProviderParty.Me || r.Hash is not { Length: 32 })
                {
                    throw Refuse(r.WalletId, r.Handle, "open", "policy.signers", "The provider signs only as the second of two signers (1 or 2, then 3) with a 32-byte hash.");
                }

                if (wallet!.NeedsRefresh)
                {
                    throw Refuse(r.WalletId, r.Handle, "open", "wallet.needs-refresh", "A failed secret-dependent check retired this share's setup; refresh first.");
                }

                var walletPolicy = ProviderPolicy.Decode(wallet.Policy);
                if (signers[0] == 1)
                {
                    if (!walletPolicy.CardProviderAllowed)
                    {
                        throw Refuse(r.WalletId, r.Handle, "open", "policy.signers", "This wallet's policy does not let card and provider sign.");
                    }
                }
                else
                {
                    RequireKey(requester, wallet.PhoneKey, r);
                    var tx = DecodeTransaction(r);
                    amount = (long)tx.Amount;
                    decide = ledger => PolicyRules.JudgePhoneAndProvider(walletPolicy, tx, r.Hash, now, ledger);
                }

                break;
            case ProviderProtocol.Refresh:
                RequireWallet(wallet, r);
                RequireKey(requester, wallet!.PhoneKey, r);
                break;
            default:
                RequireWallet(wallet, r);
                switch (r.Lost)
                {
                    case 1:
                        RequireKey(requester, wallet!.PhoneKey, r);
                        if (r.CardKey is not { Length: 33 })
                        {
                            throw Refuse(r.WalletId, r.Handle, "open", "request.invalid", "A card's recovery enrolls the new card's identity key.");
                        }

                        newCard = r.CardKey;
                        break;
                    case 2:
                        if (r.PhoneKey is not { Length: 33 } || !r.PhoneKey.AsSpan().SequenceEqual(requester))
                        {
                            throw Refuse(r.WalletId, r.Handle, "open", "request.invalid", "A phone's recovery enrolls the requester's key as the new phone's.");
                        }

                        approvalCounter = RequireApproval(wallet!, r.WalletId, r.Handle, "open", r.CardApproval, CardApprovalCheck.PhoneRecovery,
                            CardApprovalCheck.PhoneRecoverySubject(r.Handle, r.PhoneKey));
                        newPhone = r.PhoneKey;
                        break;
                    case 3:
                        RequireKey(requester, wallet!.PhoneKey, r);
                        break;
                    default:
                        throw Refuse(r.WalletId, r.Handle, "open", "request.invalid", "The lost party is 1, 2 or 3.");
                }

                break;
        }

        var seed = RandomNumberGenerator.GetBytes(32);
        var record = new SessionRecord(
            r.Handle, r.WalletId, (int)protocol, signers, r.Lost, r.Hash, r.Path, requester, vault.Seal("seed", r.Handle, seed),
            RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes), wallet?.ShareVersion ?? 0, newPhone, newCard, policyBytes,
            amount, 1, SessionState.Open, now + sessionTimeout, approvalCounter);
        CryptographicOperations.ZeroMemory(seed);
        var decision = store.OpenSession(record, decide, Entry(r.WalletId, r.Handle, "open:" + protocol + Describe(r), true, "allowed"));
        if (!decision.Allowed)
        {
            if (decision.Reason == "session.exists" && store.Session(r.Handle) is { } existing && existing.RequesterKey.AsSpan().SequenceEqual(requester))
            {
                // A retried open: the same contribution again.
                return existing.Contribution;
            }

            throw new ProviderRefusedException(decision.Reason, decision.Message);
        }

        return record.Contribution;
    }

    /// <summary>Runs (or repeats) round <paramref name="round"/> of the session <paramref name="handle"/>.</summary>
    public byte[]?[] Round(byte[] requester, byte[] handle, int round, byte[]?[] inbox)
    {
        var session = store.Session(handle) ?? throw new ProviderRefusedException("session.unknown", "No such session.");
        RequireSessionKey(requester, session, "round " + round);
        if (inbox is not { Length: 3 } || round < 1)
        {
            throw Refuse(session.WalletId, handle, "round", "request.invalid", "An inbox has three slots; rounds count from 1.");
        }

        var inboxBytes = Slots.Encode(inbox);
        var inboxHash = SHA256.HashData(inboxBytes);
        while (true)
        {
            // An ended session answers nothing, not even a committed round: its replies are wiped.
            switch (session.State)
            {
                case SessionState.Aborted:
                    throw new ProviderRefusedException("session.aborted", "The session was aborted.");
                case SessionState.Expired:
                    throw new ProviderRefusedException("session.expired", "The session's deadline passed.");
                case SessionState.Open when session.ExpiresAt <= Now():
                    Expire(session);
                    session = store.Session(handle)!;
                    continue;
            }

            if (store.Round(handle, round) is { } done)
            {
                if (!CryptographicOperations.FixedTimeEquals(done.InboxHash, inboxHash))
                {
                    throw Refuse(session.WalletId, handle, "round " + round, "round.conflict", "This round was answered for another inbox.");
                }

                return Slots.Decode(vault.Open("reply", Owner(handle, round), done.ReplySealed));
            }

            session = store.Session(handle)!;
            if (session.State != SessionState.Open || session.ExpiresAt <= Now())
            {
                // Ended (or overdue) since the first look: decide again from the new state.
                if (session.State == SessionState.Done)
                {
                    throw new ProviderRefusedException("session.finished", "The session is Done.");
                }

                continue;
            }

            if (round != session.NextRound)
            {
                throw new ProviderRefusedException("round.out-of-order", "The session's next round is " + session.NextRound + ".");
            }

            var party = TakeParty(session, round);
            byte[]?[] outbox;
            try
            {
                outbox = party.Run(inbox);
            }
            catch (ThresholdException e)
            {
                party.Dispose();
                var burn = e.Reason is ThresholdError.OtExtensionCheckFailed or ThresholdError.MultiplicationCheckFailed or ThresholdError.ConsistencyCheckFailed;
                var reason = "protocol." + e.Reason;
                store.EndSession(handle, SessionState.Aborted, burn && session.Protocol == (int)ProviderProtocol.Sign, Entry(session.WalletId, handle, "round " + round, false, reason + " culprit " + e.Culprit));
                throw new ProviderRefusedException(reason, "The protocol aborted (" + e.Reason + ", culprit " + e.Culprit + ").");
            }

            var protocol = (ProviderProtocol)session.Protocol;
            var last = round == ProviderParty.LastRound(protocol);
            var share = party.NewShare is { } s ? ShareOf(session, s) : null;
            var committed = store.CommitRound(
                new RoundRecord(handle, round, inboxHash, vault.Seal("inbox", Owner(handle, round), inboxBytes), vault.Seal("reply", Owner(handle, round), Slots.Encode(outbox))),
                last ? SessionState.Done : SessionState.Open,
                share,
                Now() + sessionTimeout,
                Entry(session.WalletId, handle, "round " + round + " " + protocol + (last ? " done" : ""), true, share is null ? "committed" : "share " + Convert.ToHexStringLower(share.KeyId)));
            if (!committed)
            {
                // Another node (or a concurrent retry) committed this round first, or the session ended meanwhile:
                // answer from the store or refuse, after a fresh look.
                party.Dispose();
                session = store.Session(handle)!;
                continue;
            }

            if (last || _parties.Count >= CachedPartiesMax || !_parties.TryAdd(Key(handle), party))
            {
                party.Dispose();
            }

            return outbox;
        }
    }

    /// <summary>
    /// Abandons the session for the key that opened it: marks it aborted and wipes its party, here and in the
    /// database. Idempotent: aborting an aborted or expired session succeeds again. A session that finished before
    /// the abort stays finished (<c>session.finished</c>): its last reply, and any share it stored, stand.
    /// </summary>
    public void Abort(byte[] requester, byte[] handle)
    {
        var session = store.Session(handle) ?? throw new ProviderRefusedException("session.unknown", "No such session.");
        RequireSessionKey(requester, session, "abort");
        DropParty(handle);
        if (store.EndSession(handle, SessionState.Aborted, false, Entry(session.WalletId, handle, "abort", true, "requested")) == SessionState.Done)
        {
            throw new ProviderRefusedException("session.finished", "The session finished before the abort.");
        }
    }

    /// <summary>Expires every open session whose deadline has passed; returns how many it expired. Every node runs this periodically.</summary>
    public int ExpireOverdue()
    {
        var expired = 0;
        int batch;
        do
        {
            var overdue = store.OverdueSessions(Now(), ExpiryBatch);
            batch = 0;
            foreach (var handle in overdue)
            {
                if (store.Session(handle) is { State: SessionState.Open } session && Expire(session))
                {
                    batch++;
                }
            }

            expired += batch;
        }
        while (batch == ExpiryBatch);

        // A session another node ended leaves this node's cached party behind; it holds the session's secrets.
        foreach (var key in _parties.Keys)
        {
            if (store.Session(Convert.FromHexString(key)) is not { State: SessionState.Open })
            {
                DropParty(Convert.FromHexString(key));
            }
        }

        return expired;
    }

    /// <summary>Replaces the wallet's policy, with the card's approval of exactly this version and policy.</summary>
    public void SetPolicy(byte[] requester, byte[] walletId, PolicyRequest p)
    {
        var wallet = store.Wallet(walletId) ?? throw Refuse(walletId, null, "policy", "wallet.unknown", "No such wallet.");
        if (!requester.AsSpan().SequenceEqual(wallet.PhoneKey))
        {
            throw Refuse(walletId, null, "policy", "auth.not-enrolled", "The request's key is not this wallet's phone.");
        }

        var policy = DecodePolicy(walletId, null, p.Policy).Encode();
        var counter = RequireApproval(wallet, walletId, null, "policy", p.CardApproval, CardApprovalCheck.PolicyChange, SHA256.HashData(policy));
        var decision = store.SetPolicy(walletId, p.Version, policy, counter, Entry(walletId, null, "policy v" + p.Version, true, "card-approved"));
        if (!decision.Allowed)
        {
            throw new ProviderRefusedException(decision.Reason, decision.Message);
        }
    }

    // The cached party if this node ran the previous round, else one rebuilt by replaying the committed rounds.
    private ProviderParty TakeParty(SessionRecord session, int round)
    {
        if (_parties.TryRemove(Key(session.Handle), out var cached))
        {
            if (cached.Completed == round - 1)
            {
                return cached;
            }

            cached.Dispose();
        }

        var party = new ProviderParty(Setup(session));
        try
        {
            foreach (var done in store.Rounds(session.Handle).Where(d => d.Round < round))
            {
                var inbox = vault.Open("inbox", Owner(session.Handle, done.Round), done.InboxSealed);
                var replayed = Slots.Encode(party.Run(Slots.Decode(inbox)));
                var committed = vault.Open("reply", Owner(session.Handle, done.Round), done.ReplySealed);
                CryptographicOperations.ZeroMemory(inbox);
                var same = CryptographicOperations.FixedTimeEquals(replayed, committed);
                CryptographicOperations.ZeroMemory(replayed);
                CryptographicOperations.ZeroMemory(committed);
                if (!same)
                {
                    throw new InvalidOperationException("Replaying a committed round gave another reply.");
                }
            }
        }
        catch
        {
            party.Dispose();
            throw;
        }

        return party;
    }

    private SessionSetup Setup(SessionRecord s)
    {
        var protocol = (ProviderProtocol)s.Protocol;
        KeyShare? share = null;
        WalletRecord? wallet = null;
        if (protocol != ProviderProtocol.CreateWallet)
        {
            wallet = store.Wallet(s.WalletId)!;
            if (wallet.ShareVersion != s.ShareVersion)
            {
                store.EndSession(s.Handle, SessionState.Aborted, false, Entry(s.WalletId, s.Handle, "round", false, "session.stale-share"));
                throw new ProviderRefusedException("session.stale-share", "The wallet's share changed since this session opened.");
            }

            if (!(protocol == ProviderProtocol.Recover && s.Lost == ProviderParty.Me))
            {
                share = LoadShare(wallet);
            }
        }

        var seed = vault.Open("seed", s.Handle, s.SeedSealed);
        var random = new SeededRandom(seed);
        CryptographicOperations.ZeroMemory(seed);
        var cardTakesPart = protocol != ProviderProtocol.Sign || s.Signers[0] == 1;
        var cardKey = cardTakesPart ? s.NewCardKey ?? wallet?.CardKey : null;
        return new SessionSetup(backend, protocol, s.Signers, s.Lost, s.Hash, s.Path, s.Contribution, random, share, wallet?.PublicKey, wallet?.ChainCode,
            cardKey, staticKey);
    }

    private KeyShare LoadShare(WalletRecord wallet)
    {
        var bytes = vault.Open("share", ShareOwner(wallet.Id, wallet.KeyId), wallet.ShareSealed);
        try
        {
            return KeyShare.Deserialize(backend, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private ShareUpdate ShareOf(SessionRecord s, KeyShare share)
    {
        var bytes = share.Serialize();
        try
        {
            var keyId = (byte[])share.KeyId.Clone();
            return new ShareUpdate(keyId, vault.Seal("share", ShareOwner(s.WalletId, keyId), bytes), share.PublicKey(), (byte[])share.ChainCode.Clone(),
                s.NewPhoneKey, s.NewCardKey, s.Policy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            share.Clear();
        }
    }

    // The card's approval of exactly this request: signed by the enrolled card, of this kind, under this wallet's key,
    // for this subject. Returns its counter; the store refuses one not above the wallet's last (a replay).
    private long RequireApproval(WalletRecord wallet, byte[] walletId, byte[]? handle, string action, byte[]? approval, int kind, byte[] subject)
    {
        if (approval is null)
        {
            throw Refuse(walletId, handle, action, "approval.missing", "This request needs the card's approval (HybridApprove, a touch).");
        }

        VerifiedApproval? verified;
        try
        {
            verified = CardApprovalCheck.Verify(approval, wallet.CardKey);
        }
        catch (ArgumentException)
        {
            verified = null;
        }

        if (verified is null || verified.Kind != kind || !verified.WalletPublicKey.AsSpan().SequenceEqual(wallet.PublicKey)
            || !CryptographicOperations.FixedTimeEquals(verified.Subject, subject))
        {
            throw Refuse(walletId, handle, action, "approval.invalid", "The card's approval does not verify for this request.");
        }

        if (verified.Counter <= wallet.ApprovalCounter)
        {
            throw Refuse(walletId, handle, action, "auth.replay", "The card's approval was used before (its counter is not above the last one accepted).");
        }

        return verified.Counter;
    }

    private void RequireWallet(WalletRecord? wallet, OpenRequest r)
    {
        if (wallet is null)
        {
            throw Refuse(r.WalletId, r.Handle, "open", "wallet.unknown", "No such wallet.");
        }
    }

    private void RequireKey(byte[] requester, byte[] enrolled, OpenRequest r)
    {
        if (!requester.AsSpan().SequenceEqual(enrolled))
        {
            throw Refuse(r.WalletId, r.Handle, "open", "auth.not-enrolled", "The request's key is not this wallet's phone.");
        }
    }

    private void RequireSessionKey(byte[] requester, SessionRecord session, string action)
    {
        if (!requester.AsSpan().SequenceEqual(session.RequesterKey))
        {
            throw Refuse(session.WalletId, session.Handle, action, "auth.not-enrolled", "The request's key did not open this session.");
        }
    }

    // Ends an overdue session as expired (the store re-checks the deadline under the row lock); true if it did.
    private bool Expire(SessionRecord session)
    {
        DropParty(session.Handle);
        return store.EndSession(session.Handle, SessionState.Expired, false, Entry(session.WalletId, session.Handle, "expire", false, "session.expired")) == SessionState.Expired;
    }

    private void DropParty(byte[] handle)
    {
        if (_parties.TryRemove(Key(handle), out var party))
        {
            party.Dispose();
        }
    }

    private ProviderPolicy DecodePolicy(byte[] walletId, byte[]? handle, byte[] policy)
    {
        try
        {
            return ProviderPolicy.Decode(policy);
        }
        catch (FormatException)
        {
            throw Refuse(walletId, handle, "policy", "request.invalid", "Not a policy.");
        }
    }

    private ProviderTransaction DecodeTransaction(OpenRequest r)
    {
        ProviderTransaction tx;
        try
        {
            tx = ProviderTransaction.Decode(r.Transaction ?? []);
        }
        catch (FormatException)
        {
            throw Refuse(r.WalletId, r.Handle, "open", "policy.transaction", "Phone and provider sign only a transaction the policy can judge.");
        }

        if (!ProviderTransaction.Hash(r.Transaction!).AsSpan().SequenceEqual(r.Hash) || tx.Amount > long.MaxValue)
        {
            throw Refuse(r.WalletId, r.Handle, "open", "policy.transaction", "The hash is not the transaction's.");
        }

        return tx;
    }

    private ProviderRefusedException Refuse(byte[] walletId, byte[]? handle, string action, string reason, string message)
    {
        store.Audit(Entry(walletId, handle, action, false, reason));
        return new ProviderRefusedException(reason, message);
    }

    private AuditEntry Entry(byte[] walletId, byte[]? handle, string action, bool allowed, string reason) =>
        new(Now(), walletId, handle, action, allowed, reason, node);

    private static string Describe(OpenRequest r) =>
        r.Protocol == (int)ProviderProtocol.Sign ? " signers " + string.Join("+", r.Signers ?? []) : r.Protocol == (int)ProviderProtocol.Recover ? " lost " + r.Lost : "";

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    private static string Key(byte[] handle) => Convert.ToHexString(handle);

    private static byte[] Owner(byte[] handle, int round) => [.. handle, (byte)round];

    private static byte[] ShareOwner(byte[] walletId, byte[] keyId) => [.. walletId, .. keyId];
}
