using System.Security.Cryptography;
using CardFirmware.Card.Hybrid;
using CardFirmware.Channel.Relay;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host.Hybrid;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// Runs the 2-of-3 flows with a card party (1) and a phone party (2) in this process, built from
/// <see cref="DkgParty"/> and <see cref="SignParty"/>, and the provider (3) behind any <see cref="IProviderParty"/>,
/// relaying round by round as the phone does. The card's messages to and from the provider are sealed end to end
/// under its identity key and the provider's static key (firmware/Channel/Relay/RelaySeal), as the card seals them; its
/// approvals are the card's statement (firmware/Card/Hybrid/CardApproval) signed by its identity key, with the
/// wallet's approval counter. A flow that fails aborts its session on the provider, as the phone does
/// (<c>HybridPhone</c>); if the abort finds the session finished, the provider committed its last round before the
/// failure, and the flow completes from the provider's stored reply instead.
/// </summary>
public sealed class TwoOfThreeDriver(IArithmeticBackend backend)
{
    private static readonly IRandomSource Random = SystemRandomSource.Instance;

    /// <summary>Creates the wallet under <paramref name="policy"/>; the provider is reached as the wallet's phone.</summary>
    public void Create(IProviderParty provider, DriverWallet w, ProviderPolicy policy)
    {
        var s = new ProviderSession(NewHandle(), ProviderProtocol.CreateWallet, w.Id, [1, 2, 3],
            Enrollment: new ProviderEnrollment(w.Phone.PublicKey, w.Card.PublicKey, policy));
        var shares = RunDkg(provider, s, w.Card, JointSessionId.ForKeyGeneration, sid => new()
        {
            [1] = new DkgParty(backend, 3, 1, sid, Random),
            [2] = new DkgParty(backend, 3, 2, sid, Random),
        });
        (w.CardShare, w.PhoneShare) = (shares[1], shares[2]);
        w.PublicKey = shares[1].PublicKey();
        w.ChainCode = (byte[])shares[1].ChainCode.Clone();
    }

    /// <summary>Phone and provider sign <paramref name="tx"/>'s hash; returns r ‖ s.</summary>
    public byte[] SignPhoneAndProvider(IProviderParty provider, DriverWallet w, ProviderTransaction tx, uint[]? path = null, byte[]? handle = null)
    {
        var encoded = tx.Encode();
        var s = new ProviderSession(handle ?? NewHandle(), ProviderProtocol.Sign, w.Id, [2, 3], Hash: ProviderTransaction.Hash(encoded), Path: path, Transaction: encoded);
        return RunSign(provider, s, w.PhoneShare!);
    }

    /// <summary>Card and provider sign <paramref name="hash"/>, the card's messages sealed to the provider (whoever relays them).</summary>
    public byte[] SignCardAndProvider(IProviderParty provider, DriverWallet w, byte[] hash, uint[]? path = null)
    {
        var s = new ProviderSession(NewHandle(), ProviderProtocol.Sign, w.Id, [1, 3], Hash: hash, Path: path);
        return RunSign(provider, s, w.CardShare!, w.Card);
    }

    /// <summary>
    /// The card's approval (139 bytes) of <paramref name="kind"/> for <paramref name="subject"/> under the wallet's key, with
    /// the wallet's next approval counter (as the card raises its counter before every approval).
    /// </summary>
    public static byte[] Approve(DriverWallet w, int kind, byte[] subject)
    {
        var statement = CardApproval.Statement(kind, ++w.ApprovalCounter, w.PublicKey, subject, 0);
        return [.. statement, .. w.Card.Sign(CardApproval.Hash(statement, 0))];
    }

    /// <summary>Card and phone sign without the provider (the default flow).</summary>
    public byte[] SignCardAndPhone(DriverWallet w, byte[] hash, uint[]? path = null)
    {
        var c = new[] { RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32) };
        var sid = JointSessionId.ForSigning(c);
        var card = new SignParty(backend, w.CardShare!, [1, 2], sid, path, hash, Random);
        var phone = new SignParty(backend, w.PhoneShare!, [1, 2], sid, path, hash, Random);
        var c1 = card.Start();
        var p1 = phone.Start();
        var c2 = card.Round2(p1);
        var p2 = phone.Round2(c1);
        card.Presign(p2);
        phone.Presign(c2);
        var c3 = card.SignHash(hash);
        phone.SignHash(hash);
        return phone.Combine(c3);
    }

    /// <summary>New shares for all three, same key.</summary>
    public void Refresh(IProviderParty provider, DriverWallet w)
    {
        var s = new ProviderSession(NewHandle(), ProviderProtocol.Refresh, w.Id, [1, 2, 3]);
        var shares = RunDkg(provider, s, w.Card, JointSessionId.ForRefresh, sid => new()
        {
            [1] = DkgParty.ForRefresh(backend, w.CardShare!, sid, Random),
            [2] = DkgParty.ForRefresh(backend, w.PhoneShare!, sid, Random),
        });
        (w.CardShare, w.PhoneShare) = (shares[1], shares[2]);
    }

    /// <summary>Phone and provider re-issue the lost card's share onto <paramref name="newCard"/>, whose seal proves its identity key.</summary>
    public void RecoverCard(IProviderParty provider, DriverWallet w, PhoneKey newCard)
    {
        var s = new ProviderSession(NewHandle(), ProviderProtocol.Recover, w.Id, [1, 2, 3], Lost: 1, Enrollment: new ProviderEnrollment(CardKey: newCard.PublicKey));
        var shares = RunDkg(provider, s, newCard, JointSessionId.ForRecovery, sid => new()
        {
            [1] = DkgParty.ForLostParty(backend, 3, 1, w.PublicKey, w.ChainCode, sid, Random),
            [2] = DkgParty.ForRecovery(backend, w.PhoneShare!, 1, sid, Random),
        });
        (w.CardShare, w.PhoneShare, w.Card, w.ApprovalCounter) = (shares[1], shares[2], newCard, 0);
    }

    /// <summary>Card and provider re-issue the lost phone's share to <paramref name="newPhone"/> (whose provider client is <paramref name="provider"/>), approved by the card.</summary>
    public void RecoverPhone(IProviderParty provider, DriverWallet w, PhoneKey newPhone)
    {
        var handle = NewHandle();
        var s = new ProviderSession(handle, ProviderProtocol.Recover, w.Id, [1, 2, 3], Lost: 2, Enrollment: new ProviderEnrollment(PhoneKey: newPhone.PublicKey),
            CardApproval: Approve(w, CardApprovalCheck.PhoneRecovery, CardApprovalCheck.PhoneRecoverySubject(handle, newPhone.PublicKey)));
        var shares = RunDkg(provider, s, w.Card, JointSessionId.ForRecovery, sid => new()
        {
            [1] = DkgParty.ForRecovery(backend, w.CardShare!, 2, sid, Random),
            [2] = DkgParty.ForLostParty(backend, 3, 2, w.PublicKey, w.ChainCode, sid, Random),
        });
        (w.CardShare, w.PhoneShare, w.Phone) = (shares[1], shares[2], newPhone);
    }

    /// <summary>Card and phone re-issue the provider's lost share.</summary>
    public void RecoverProvider(IProviderParty provider, DriverWallet w)
    {
        var s = new ProviderSession(NewHandle(), ProviderProtocol.Recover, w.Id, [1, 2, 3], Lost: 3);
        var shares = RunDkg(provider, s, w.Card, JointSessionId.ForRecovery, sid => new()
        {
            [1] = DkgParty.ForRecovery(backend, w.CardShare!, 3, sid, Random),
            [2] = DkgParty.ForRecovery(backend, w.PhoneShare!, 3, sid, Random),
        });
        (w.CardShare, w.PhoneShare) = (shares[1], shares[2]);
    }

    /// <summary>A fresh 16-byte session handle.</summary>
    public static byte[] NewHandle() => RandomNumberGenerator.GetBytes(16);

    /// <summary>
    /// Signs with the local <paramref name="share"/> (the session's first signer) and the provider; returns r ‖ s. The
    /// card (signer 1) seals its messages with <paramref name="card"/>'s key.
    /// </summary>
    public byte[] RunSign(IProviderParty provider, ProviderSession s, KeyShare share, PhoneKey? card = null)
    {
        var me = s.Signers[0];
        var contributions = new byte[]?[3];
        contributions[me - 1] = RandomNumberGenerator.GetBytes(32);
        SignParty? local = null;
        RelaySeal? seal = null;
        byte[]?[]? lastInbox = null;
        try
        {
            return Guarded(provider, s.Handle, () =>
            {
                contributions[2] = provider.Open(s);
                var sid = JointSessionId.ForSigning([contributions[me - 1]!, contributions[2]!]);
                seal = me == 1 ? SealOf(card!, provider, sid) : null;
                local = new SignParty(backend, share, s.Signers, sid, s.Path, s.Hash, Random);
                var m1 = local.Start();
                var p1 = FromProvider(seal, 1, provider.Round(s.Handle, 1, contributions));
                var m2 = local.Round2(Present(p1));
                var p2 = FromProvider(seal, 2, provider.Round(s.Handle, 2, ToProvider(seal, 1, From(me, m1[0]))));
                local.Presign(Present(p2));
                local.SignHash(s.Hash!);
                lastInbox = ToProvider(seal, 2, From(me, m2[0]));
                return local.Combine(Present(FromProvider(seal, 3, provider.Round(s.Handle, 3, lastInbox))));
            }, () => local!.Combine(Present(FromProvider(seal, 3, provider.Round(s.Handle, 3, lastInbox!)))));
        }
        finally
        {
            local?.Cancel();
            seal?.Dispose();
        }
    }

    // The DKG's four rounds with the local parties and the provider; returns the local parties' new shares. The
    // card (party 1) is <paramref name="card"/>, its slot sealed. The provider finishes only at round 4, after the
    // local parties have: a session found finished has them.
    private static Dictionary<int, KeyShare> RunDkg(IProviderParty provider, ProviderSession s, PhoneKey card, Func<byte[][], byte[]> sidOf,
        Func<byte[], Dictionary<int, DkgParty>> make)
    {
        var contributions = new byte[]?[] { RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), null };
        Dictionary<int, DkgParty>? local = null;
        Dictionary<int, KeyShare>? shares = null;
        RelaySeal? seal = null;
        try
        {
            return Guarded(provider, s.Handle, () =>
            {
                contributions[2] = provider.Open(s);
                var sid = sidOf([contributions[0]!, contributions[1]!, contributions[2]!]);
                seal = SealOf(card, provider, sid);
                local = make(sid);
                var sent = local.SelectMany(kv => kv.Value.Start()).ToList();
                sent.AddRange(Present(FromProvider(seal, 1, provider.Round(s.Handle, 1, contributions))));
                for (var round = 2; round <= 3; round++)
                {
                    var next = new List<byte[]>();
                    foreach (var (k, party) in local)
                    {
                        next.AddRange(round == 2 ? party.Round2(To(k, sent)) : party.Round3(To(k, sent)));
                    }

                    next.AddRange(Present(FromProvider(seal, round, provider.Round(s.Handle, round, ToProvider(seal, round - 1, SlotsTo(3, sent))))));
                    sent = next;
                }

                shares = local.ToDictionary(kv => kv.Key, kv => kv.Value.Finish(To(kv.Key, sent)));
                provider.Round(s.Handle, 4, ToProvider(seal, 3, SlotsTo(3, sent)));
                return shares;
            }, () => shares!);
        }
        finally
        {
            foreach (var party in local?.Values ?? Enumerable.Empty<DkgParty>())
            {
                party.Cancel();
            }

            seal?.Dispose();
        }
    }

    private static RelaySeal SealOf(PhoneKey card, IProviderParty provider, byte[] sessionId) =>
        card.RelaySeal(provider.PublicKey, sessionId, true) ?? throw new InvalidDataException("The provider's static key is not a point.");

    // The card's message of its round r (slot 1) is sealed with r; the provider's round-r message to the card is opened with r.
    private static byte[]?[] ToProvider(RelaySeal? seal, int cardRound, byte[]?[] slots)
    {
        if (seal is not null && slots[0] is { } fromCard)
        {
            slots[0] = seal.Seal(cardRound, fromCard);
        }

        return slots;
    }

    private static byte[]?[] FromProvider(RelaySeal? seal, int round, byte[]?[] slots)
    {
        if (seal is not null && slots[0] is { } forCard)
        {
            slots[0] = seal.Open(round, forCard) ?? throw new InvalidDataException("The provider's sealed message to the card does not open.");
        }

        return slots;
    }

    // Runs a flow; if it fails, aborts its session and rethrows, unless the abort finds the session finished:
    // then the provider committed its last round and `finished` completes the flow from what it stored.
    private static T Guarded<T>(IProviderParty provider, byte[] handle, Func<T> flow, Func<T> finished)
    {
        try
        {
            return flow();
        }
        catch
        {
            if (!FinishedOnAbort(provider, handle))
            {
                throw;
            }
        }

        return finished();
    }

    // Aborts the session; true if the provider answers that it finished. A session the abort cannot reach (the
    // provider is down, or the phone vanished) is ended by the provider's expiry.
    private static bool FinishedOnAbort(IProviderParty provider, byte[] handle)
    {
        try
        {
            provider.Abort(handle);
            return false;
        }
        catch (ProviderRefusedException e)
        {
            return e.Reason == "session.finished";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    // Wire header: from is byte 3, to is byte 4 (crypto/Threshold README "Wire format").
    private static byte[][] To(int k, List<byte[]> messages) => messages.Where(m => m[4] == k).ToArray();

    private static byte[]?[] SlotsTo(int k, List<byte[]> messages)
    {
        var slots = new byte[]?[3];
        foreach (var m in messages.Where(m => m[4] == k))
        {
            slots[m[3] - 1] = m;
        }

        return slots;
    }

    private static byte[]?[] From(int sender, byte[] message)
    {
        var slots = new byte[]?[3];
        slots[sender - 1] = message;
        return slots;
    }

    private static byte[][] Present(byte[]?[] slots) => slots.Where(m => m is not null).Select(m => m!).ToArray();
}
