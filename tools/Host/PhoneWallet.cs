using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
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
        var (cardContribution, card1) = SplitContribution(card.Exchange(CommandCode.CreateWallet, Round(1, contribution)));
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
        if (!reply.AsSpan(0, 33).SequenceEqual(share.PublicKey()) || !reply.AsSpan(33).SequenceEqual(share.ChainCode))
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
        var (cardContribution, card1) = SplitContribution(card.Exchange(CommandCode.Refresh, Round(1, contribution)));
        var party = DkgParty.ForRefresh(share, JointSessionId.ForRefresh([cardContribution, contribution]), _random);
        var phone1 = party.Start()[0];
        var card2 = card.Exchange(CommandCode.Refresh, Round(2, phone1));
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.Refresh, Round(3, phone2));
        var phone3 = party.Round3([card2])[0];
        var refreshed = party.Finish([card3]);
        var reply = card.Exchange(CommandCode.Refresh, Round(4, phone3));
        if (!reply.AsSpan(0, 33).SequenceEqual(refreshed.PublicKey()) || !reply.AsSpan(33).SequenceEqual(refreshed.ChainCode))
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
        var (cardContribution, card1) = SplitContribution(card.Exchange(CommandCode.Sign, Round(1, SignRoundOne(contribution, hash, path))));
        var sessionId = JointSessionId.ForSigning([cardContribution, contribution]);
        var party = new SignParty(share, [1, 2], sessionId, path.Length == 0 ? null : path, hash, _random);
        var phone1 = party.Start()[0];
        var card2 = card.Exchange(CommandCode.Sign, Round(2, phone1));
        var phone2 = party.Round2([card1])[0];
        var card3 = card.Exchange(CommandCode.Sign, Round(3, phone2));
        party.Presign([card2]);
        party.SignHash(hash);
        return party.Combine([card3]);
    }

    /// <summary>
    /// The body of a signing request's round 1: the phone's session-id contribution(32) | hash(32) | depth(1) |
    /// path (4 bytes big-endian per index).
    /// </summary>
    public static byte[] SignRoundOne(byte[] contribution, byte[] hash, uint[] path)
    {
        var begin = new byte[32 + 32 + 1 + (4 * path.Length)];
        contribution.CopyTo(begin, 0);
        hash.CopyTo(begin, 32);
        begin[64] = (byte)path.Length;
        for (var i = 0; i < path.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(begin.AsSpan(65 + (4 * i)), path[i]);
        }

        return begin;
    }

    /// <summary>Splits the card's first reply of a protocol into its session-id contribution(32) and its round-1 message.</summary>
    public static (byte[] Contribution, byte[] Message) SplitContribution(byte[] reply)
    {
        if (reply.Length <= JointSessionId.ContributionBytes)
        {
            throw new InvalidDataException("The card's first reply is too short.");
        }

        return (reply[..JointSessionId.ContributionBytes], reply[JointSessionId.ContributionBytes..]);
    }

    /// <summary>The public key (33 bytes) a signature under <paramref name="path"/> verifies with.</summary>
    public byte[] PublicKey(uint[] path) =>
        (Share ?? throw new InvalidOperationException("No wallet on this phone.")).ChildPublicKey(path);

    private static byte[] Round(int round, byte[] body)
    {
        var payload = new byte[1 + body.Length];
        payload[0] = (byte)round;
        body.CopyTo(payload, 1);
        return payload;
    }
}
