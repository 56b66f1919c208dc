using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Host;

/// <summary>The phone's random source for its protocol party: the operating system's generator.</summary>
public sealed class PhoneRandom : IRandomSource
{
    /// <inheritdoc />
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}

/// <summary>
/// The phone's half of the wallet: it runs party 2 of the DKLs23 key generation and signing with
/// the card (party 1), one command per round, and keeps its own key share.
/// </summary>
public sealed class PhoneWallet(CardClient card, KeyShare? share = null)
{
    private readonly IRandomSource _random = new PhoneRandom();

    /// <summary>The phone's key share after <see cref="Create"/>.</summary>
    public KeyShare? Share { get; private set; } = share;

    /// <summary>Runs key generation; the card asks for a touch before its last reply. Returns public key(33) | chain code(32).</summary>
    public byte[] Create()
    {
        // Each request carries the phone's message of the previous round and returns the card's
        // message of this round, so both parties advance in lock step. The session id is fixed jointly:
        // the card's first reply starts with its contribution, and only then does the phone start its party.
        var contribution = RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes);
        var (cardContribution, card1) = FirstReply(card.Exchange(CommandCode.CreateWallet, Round(1, new KeyGenerationBegin(contribution).Encode())));
        var party = new DkgParty(2, 2, JointSessionId.ForKeyGeneration([cardContribution, contribution]), _random);
        var phone1 = party.Start()[0];
        var card2 = card.Exchange(CommandCode.CreateWallet, Round(2, phone1));
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.CreateWallet, Round(3, phone2));
        var phone3 = party.Round3([card2])[0];

        // The phone checks the card's confirmation (its base-OT seeds) before round 4 lets the card
        // seal and store its share: a base-OT setup that only the phone can see is broken then never
        // leaves the card holding a wallet that cannot sign.
        var share = party.Finish([card3]);
        var reply = card.Exchange(CommandCode.CreateWallet, Round(4, phone3));
        if (!IsWalletKey(reply, share))
        {
            throw new InvalidDataException("The card reports another wallet key than the phone computed.");
        }

        Share = share;
        return reply;
    }

    /// <summary>
    /// Refreshes the wallet with the card: new shares and fresh base OTs for the same key (the way out of a
    /// condemned setup); the card asks for a touch on the first request. The phone takes its new share only
    /// after the card's last reply, which repeats the unchanged public key(33) | chain code(32).
    /// </summary>
    public byte[] Refresh()
    {
        var share = Share ?? throw new InvalidOperationException("No wallet on this phone.");
        var contribution = RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes);
        var (cardContribution, card1) = FirstReply(card.Exchange(CommandCode.Refresh, Round(1, new KeyGenerationBegin(contribution).Encode())));
        var party = DkgParty.ForRefresh(share, JointSessionId.ForRefresh([cardContribution, contribution]), _random);
        var phone1 = party.Start()[0];
        var card2 = card.Exchange(CommandCode.Refresh, Round(2, phone1));
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.Refresh, Round(3, phone2));
        var phone3 = party.Round3([card2])[0];
        var refreshed = party.Finish([card3]);
        var reply = card.Exchange(CommandCode.Refresh, Round(4, phone3));
        if (!IsWalletKey(reply, refreshed))
        {
            throw new InvalidDataException("The card reports another wallet key than the phone computed.");
        }

        Share = refreshed;
        return reply;
    }

    /// <summary>
    /// Signs <paramref name="hash"/> (32 bytes) under the child at <paramref name="path"/> (non-hardened);
    /// the card waits for a touch on the first request. Returns r(32) | s(32), low-S, verified.
    /// </summary>
    public byte[] Sign(byte[] hash, uint[] path)
    {
        var share = Share ?? throw new InvalidOperationException("No wallet on this phone.");
        var contribution = RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes);
        var (cardContribution, card1) = FirstReply(card.Exchange(CommandCode.Sign, Round(1, new SignBegin(contribution, hash, path).Encode())));
        var sessionId = JointSessionId.ForSigning([cardContribution, contribution]);
        var party = new SignParty(share, [1, 2], sessionId, path.Length == 0 ? null : path, hash, _random);
        var phone1 = party.Start()[0];
        var card2 = card.ExchangePieces(CommandCode.Sign, Round(2, phone1));
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.Sign, Round(3, phone2));
        party.Presign([card2]);
        party.SignHash(hash);
        return party.Combine([card3]);
    }

    /// <summary>The card's first reply of a protocol, read as <see cref="FirstRoundReply"/>: its session-id contribution and its round-1 message.</summary>
    public static (byte[] Contribution, byte[] Message) FirstReply(byte[] reply)
    {
        var first = Decode(() => FirstRoundReply.Decode(reply, 0, reply.Length));
        return (first.Contribution, first.Message);
    }

    /// <summary>The public key (33 bytes) a signature under <paramref name="path"/> verifies with.</summary>
    public byte[] PublicKey(uint[] path) =>
        (Share ?? throw new InvalidOperationException("No wallet on this phone.")).ChildPublicKey(path);

    /// <summary>True if the card's last reply of a key generation is <paramref name="share"/>'s wallet key.</summary>
    private static bool IsWalletKey(byte[] reply, KeyShare share)
    {
        var key = Decode(() => WalletKey.Decode(reply, 0, reply.Length));
        return key.PublicKey.AsSpan().SequenceEqual(share.PublicKey()) && key.ChainCode.AsSpan().SequenceEqual(share.ChainCode);
    }

    private static T Decode<T>(Func<T> decode) => CardClient.DecodeReply(decode);

    private static byte[] Round(int round, byte[] body) => new RoundEnvelope(round, body).Encode();
}
