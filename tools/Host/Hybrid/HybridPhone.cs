using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The phone's side of a 2-of-3 wallet (card = party 1, phone = 2, provider = 3): it runs party 2, opens each
/// session with the provider and relays every message between the card and the provider, round by round. The
/// card's messages for the provider and the provider's for the card are sealed end to end (the phone forwards
/// them unread); the phone's own messages go plain to each. Every new share is taken only after the card's
/// last reply, so a run cut anywhere leaves the phone its old share.
/// </summary>
public sealed class HybridPhone(CardClient card, IProviderParty provider, KeyShare? share = null, byte[]? walletId = null)
{
    private readonly IRandomSource _random = new PhoneRandom();

    /// <summary>The phone's share (null when it has none, e.g. a new phone before its recovery).</summary>
    public KeyShare? Share { get; private set; } = share;

    /// <summary>The wallet's id at the provider (16 random bytes chosen at creation).</summary>
    public byte[]? WalletId { get; private set; } = walletId;

    /// <summary>
    /// The phone's static key (33) as the provider knows it; a phone recovery's approval binds it. With the provider
    /// service it must be the public key of the <see cref="PhoneKey"/> its <see cref="HttpProviderParty"/> signs with.
    /// </summary>
    public byte[] StaticKey { get; init; } = NewStaticKey();

    /// <summary>The wallet's policy at the provider, enrolled by <see cref="Create"/> (the service requires one).</summary>
    public ProviderPolicy? Policy { get; init; }

    /// <summary>Creates the wallet: key generation with the card and the provider; the card asks for a touch at the end. Returns public key(33) | chain code(32).</summary>
    public byte[] Create()
    {
        var identity = card.GetInfo().IdentityPublicKey;
        var walletId = RandomNumberGenerator.GetBytes(16);
        var session = new ProviderSession(Handle(), ProviderProtocol.CreateWallet, walletId, [1, 2, 3], CardIdentity: identity, PhoneKey: StaticKey,
            Enrollment: new ProviderEnrollment(StaticKey, identity, Policy));
        var result = RunKeyProtocol(CommandCode.HybridCreateWallet, session, (phone, prov) => new HybridCreateBegin(phone, prov, provider.PublicKey).Encode(),
            sid => new DkgParty(3, 2, sid, _random), JointSessionId.ForKeyGeneration);
        WalletId = walletId;
        return result;
    }

    /// <summary>Refreshes all three shares (same key, fresh base OTs); the card asks for a touch on the first request.</summary>
    public byte[] Refresh()
    {
        var share = Share ?? throw new InvalidOperationException("No wallet on this phone.");
        var session = new ProviderSession(Handle(), ProviderProtocol.Refresh, Wallet(), [1, 2, 3], PhoneKey: StaticKey);
        return RunKeyProtocol(CommandCode.HybridRefresh, session, (phone, prov) => new HybridRefreshBegin(phone, prov).Encode(), sid => DkgParty.ForRefresh(share, sid, _random), JointSessionId.ForRefresh);
    }

    /// <summary>
    /// Puts the wallet on a new card (the old one lost): this phone and the provider re-issue the card's share onto
    /// <paramref name="newCard"/>, whose owner enrolled a finger and touches it at the end. Old shares sign nothing afterwards.
    /// </summary>
    public byte[] RecoverCard(CardClient newCard)
    {
        var share = Share ?? throw new InvalidOperationException("No wallet on this phone.");
        var identity = newCard.GetInfo().IdentityPublicKey;
        var session = new ProviderSession(Handle(), ProviderProtocol.Recover, Wallet(), [1, 2, 3], Lost: 1, CardIdentity: identity, PhoneKey: StaticKey);
        return RunKeyProtocol(CommandCode.HybridRecover, session,
            (phone, prov) => new HybridRecoverBegin(phone, prov, provider.PublicKey, new WalletKey(share.PublicKey(), share.ChainCode)).Encode(), sid => DkgParty.ForRecovery(share, 1, sid, _random),
            JointSessionId.ForRecovery, newCard);
    }

    /// <summary>
    /// Makes this (new) phone a party of the wallet again after the old phone was lost: the owner approves on the
    /// card (one touch), then the card and the provider re-issue the phone's share (a second touch opens the card's).
    /// </summary>
    public byte[] RecoverPhone(byte[] walletId)
    {
        var xpub = card.Exchange(CommandCode.GetPublicKey, []);
        var handle = Handle();
        var subject = CardApprovalCheck.PhoneRecoverySubject(handle, StaticKey);
        var approval = Approve(CardApprovalCheck.PhoneRecovery, subject);
        var session = new ProviderSession(handle, ProviderProtocol.Recover, walletId, [1, 2, 3], Lost: 2, CardApproval: approval, PhoneKey: StaticKey);
        var result = RunKeyProtocol(CommandCode.HybridRecover, session, (phone, prov) => new HybridRecoverBegin(phone, prov).Encode(), sid => DkgParty.ForLostParty(3, 2, xpub[..33], xpub[33..], sid, _random),
            JointSessionId.ForRecovery);
        WalletId = walletId;
        return result;
    }

    /// <summary>The card's signed approval (139 bytes) of <paramref name="subject"/> (32) for <paramref name="kind"/>; the card asks for a touch.</summary>
    public byte[] Approve(int kind, byte[] subject) => card.Exchange(CommandCode.HybridApprove, [(byte)kind, .. subject]);

    /// <summary>Card and phone sign (the default; the provider is not asked). Returns r(32) | s(32), verified.</summary>
    public byte[] SignWithPhone(byte[] hash, uint[] path)
    {
        var share = Share ?? throw new InvalidOperationException("No wallet on this phone.");
        var contribution = RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes);
        var (cardContribution, card1) = PhoneWallet.FirstReply(card.Exchange(CommandCode.HybridSign, Round(1, [2, .. new SignBegin(contribution, hash, path).Encode()])));
        var party = new SignParty(share, [1, 2], JointSessionId.ForSigning([cardContribution, contribution]), Path(path), hash, _random);
        var phone1 = party.Start()[0];
        var card2 = card.ExchangePieces(CommandCode.HybridSign, Round(2, phone1));
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.HybridSign, Round(3, phone2));
        party.Presign([card2]);
        party.SignHash(hash);
        return party.Combine([card3]);
    }

    /// <summary>
    /// Card and provider sign, relayed by this phone (the way when the phone's share is lost: the phone needs only
    /// the xpub). The provider judges <paramref name="transaction"/> by its policy; the card combines. Returns r | s,
    /// checked here under the child key derived from <paramref name="xpub"/>.
    /// </summary>
    public byte[] SignWithProvider(byte[] walletId, byte[] xpub, byte[] hash, uint[] path, byte[]? transaction = null)
    {
        var handle = Handle();
        var providerContribution = provider.Open(new ProviderSession(handle, ProviderProtocol.Sign, walletId, [1, 3], Hash: hash, Path: path,
            Transaction: transaction, PhoneKey: StaticKey));
        try
        {
            var body = new SignBegin(providerContribution, hash, path).Encode();
            var (cardContribution, card1) = PhoneWallet.FirstReply(card.Exchange(CommandCode.HybridSign, Round(1, [3, .. body])));
            var provider1 = provider.Round(handle, 1, [cardContribution, null, providerContribution]);
            var card2 = card.Exchange(CommandCode.HybridSign, Round(2, provider1[0]!));
            var provider2 = provider.Round(handle, 2, [card1, null, null]);
            // The card's round-3 message is the provider's to combine with; here the card combines, so it stays unused.
            card.Exchange(CommandCode.HybridSign, Round(3, provider2[0]!));
            var provider3 = provider.Round(handle, 3, [card2, null, null]);
            var signature = card.Exchange(CommandCode.HybridSign, Round(4, provider3[0]!));
            if (!BouncyCastleEcdsa.Verify(XpubChild.PublicKey(xpub, path), hash, signature))
            {
                throw new InvalidDataException("The card's signature does not verify under the wallet's child key.");
            }

            return signature;
        }
        catch
        {
            AbortKeepingTheError(handle);
            throw;
        }
    }

    /// <summary>Phone and provider sign without the card, within the provider's policy. Returns r | s, verified.</summary>
    public byte[] SignWithoutCard(byte[] hash, uint[] path, byte[]? transaction = null)
    {
        var share = Share ?? throw new InvalidOperationException("No wallet on this phone.");
        var handle = Handle();
        var providerContribution = provider.Open(new ProviderSession(handle, ProviderProtocol.Sign, Wallet(), [2, 3], Hash: hash, Path: path,
            Transaction: transaction, PhoneKey: StaticKey));
        var contribution = RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes);
        var party = new SignParty(share, [2, 3], JointSessionId.ForSigning([contribution, providerContribution]), Path(path), hash, _random);
        var phone1 = party.Start()[0];
        var provider1 = provider.Round(handle, 1, [null, contribution, providerContribution]);
        var phone2 = party.Round2([provider1[1]!])[0];
        var provider2 = provider.Round(handle, 2, [null, phone1, null]);
        party.Presign([provider2[1]!]);
        party.SignHash(hash);
        var provider3 = provider.Round(handle, 3, [null, phone2, null]);
        return party.Combine([provider3[1]!]);
    }

    /// <summary>The public key (33) a signature under <paramref name="path"/> verifies with.</summary>
    public byte[] PublicKey(uint[] path) => (Share ?? throw new InvalidOperationException("No wallet on this phone.")).ChildPublicKey(path);

    /// <summary>
    /// One key-generation, refresh or recovery run among the card (or <paramref name="target"/>), this phone and the
    /// provider; <paramref name="beginBody"/> builds the card's round-1 body from the phone's and the provider's contributions.
    /// </summary>
    private byte[] RunKeyProtocol(CommandCode command, ProviderSession session, Func<byte[], byte[], byte[]> beginBody, Func<byte[], DkgParty> phoneParty,
        Func<byte[][], byte[]> sessionIdOf, CardClient? target = null)
    {
        var theCard = target ?? card;
        var handle = session.Handle;
        var providerContribution = provider.Open(session);
        try
        {
            var contribution = RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes);
            var (cardContribution, card1) = PhoneWallet.FirstReply(theCard.Exchange(command, Round(1, beginBody(contribution, providerContribution))));
            var party = phoneParty(sessionIdOf([cardContribution, contribution, providerContribution]));
            var phone1 = party.Start();
            var provider1 = provider.Round(handle, 1, [cardContribution, contribution, providerContribution]);
            var (card1Phone, card1Provider) = Split(card1);

            var (card2Phone, card2Provider) = Split(theCard.Exchange(command, Round(2, Join(phone1[0], provider1[0]!))));
            var phone2 = party.Round2([card1Phone, provider1[1]!]);
            var provider2 = provider.Round(handle, 2, [card1Provider, phone1[1], null]);

            var (card3Phone, card3Provider) = Split(theCard.Exchange(command, Round(3, Join(phone2[0], provider2[0]!))));
            var phone3 = party.Round3([card2Phone, provider2[1]!]);
            var provider3 = provider.Round(handle, 3, [card2Provider, phone2[1], null]);

            // The phone checks both confirmations before the card stores; the card stores (after its touch) before the
            // provider does, and the provider's last round is retried on a lost reply (idempotent by handle and round).
            var share = party.Finish([card3Phone, provider3[1]!]);
            var reply = theCard.Exchange(command, Round(4, Join(phone3[0], provider3[0]!)));
            provider.Round(handle, 4, [card3Provider, phone3[1], null]);
            if (!reply.AsSpan(0, 33).SequenceEqual(share.PublicKey()) || !reply.AsSpan(33).SequenceEqual(share.ChainCode))
            {
                throw new InvalidDataException("The card reports another wallet key than the phone computed.");
            }

            Share = share;
            return reply;
        }
        catch
        {
            AbortKeepingTheError(handle);
            throw;
        }
    }

    // An abort that fails (the provider unreachable, or the session already finished or expired) must not replace
    // the flow's own error; the provider's session deadline ends a session the abort could not reach.
    private void AbortKeepingTheError(byte[] handle)
    {
        try
        {
            provider.Abort(handle);
        }
        catch (Exception e) when (e is ProviderRefusedException or HttpRequestException or TaskCanceledException)
        {
        }
    }

    private byte[] Wallet() => WalletId ?? throw new InvalidOperationException("The phone knows no provider wallet.");

    private static byte[] Handle() => RandomNumberGenerator.GetBytes(16);

    private static uint[]? Path(uint[] path) => path.Length == 0 ? null : path;

    /// <summary>A relayed body: length(4, BE) | phone's frame | length(4, BE) | provider's frame (firmware/Card/Hybrid/RelayFrames).</summary>
    public static byte[] Join(byte[] forCard, byte[] fromProvider)
    {
        var body = new byte[8 + forCard.Length + fromProvider.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body, forCard.Length);
        forCard.CopyTo(body, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(4 + forCard.Length), fromProvider.Length);
        fromProvider.CopyTo(body, 8 + forCard.Length);
        return body;
    }

    /// <summary>Splits the card's relayed reply into its message for the phone and its sealed one for the provider.</summary>
    public static (byte[] ForPhone, byte[] ForProvider) Split(byte[] body)
    {
        var first = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body);
        if (first < 0 || body.Length < 8 + first)
        {
            throw new InvalidDataException("The card's relayed reply is malformed.");
        }

        var second = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4 + first));
        if (second < 0 || body.Length != 8 + first + second)
        {
            throw new InvalidDataException("The card's relayed reply is malformed.");
        }

        return (body[4..(4 + first)], body[(8 + first)..]);
    }

    private static byte[] Round(int round, byte[] body) => new RoundEnvelope(round, body).Encode();

    private static byte[] NewStaticKey()
    {
        var curve = new BouncyCastleCurve();
        var secret = RandomNumberGenerator.GetBytes(32);
        var key = new byte[33];
        curve.PublicKey(secret, key);
        CryptographicOperations.ZeroMemory(secret);
        return key;
    }
}
