using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// One signing run driven by a phone that may deviate at any round: it sends the requests itself and keeps
/// the honest phone party beside them, so a test can alter, replay or reorder any message.
/// Message layouts (crypto/Threshold README "Signing"; 41-byte header): the phone's round-1 message is
/// key id(32) | commitment(32) | u columns(192 × 76) | x̃(24) | t̃(24); its round-2 message is
/// R(33) | τ(416 × 3 × 32) | u(32) | ρ(32) | Γ^u(33) | Γ^v(33) | ψ(32).
/// </summary>
internal sealed class MaliciousSign
{
    public const int Header = 41;
    public const int UColumnsAt = Header + 32 + 32;
    public const int ColumnBytes = 608 / 8;
    public const int RhoAt = Header + 33 + (416 * 3 * 32) + 32;
    public const int GammaUAt = RhoAt + 32;
    public const int GammaVAt = GammaUAt + 33;

    private readonly CardClient _card;
    private readonly byte[] _hash;

    private MaliciousSign(CardClient card, byte[] hash, byte[] cardContribution, byte[] card1, SignParty party)
    {
        _card = card;
        _hash = hash;
        CardContribution = cardContribution;
        Card1 = card1;
        Party = party;
        Phone1 = party.Start()[0];
    }

    /// <summary>The card's contribution to the session id, from its first reply.</summary>
    public byte[] CardContribution { get; }

    /// <summary>The card's round-1 message.</summary>
    public byte[] Card1 { get; }

    /// <summary>The honest phone party under the joint session id.</summary>
    public SignParty Party { get; }

    /// <summary>The honest phone's round-1 message (sent in round 2).</summary>
    public byte[] Phone1 { get; }

    /// <summary>The hash this run signs.</summary>
    public byte[] Hash => _hash;

    /// <summary>Round 1: the phone's contribution and the hash; the card takes a touch and contributes its part.</summary>
    public static MaliciousSign Begin(CardClient card, KeyShare share, byte[] contribution, byte[] hash, IRandomSource? random = null)
    {
        var (cardContribution, card1) = PhoneWallet.FirstReply(
            card.Exchange(CommandCode.Sign, [1, .. new SignBegin(contribution, hash, []).Encode()]));
        var sessionId = JointSessionId.ForSigning([cardContribution, contribution]);
        var party = new SignParty(share, [1, 2], sessionId, null, random ?? new PhoneRandom());
        return new MaliciousSign(card, hash, cardContribution, card1, party);
    }

    /// <summary>Sends <paramref name="phone1"/> as round 2; returns the card's round-2 message, joined from its pieces.</summary>
    public byte[] Round2(byte[] phone1) => _card.ExchangePieces(CommandCode.Sign, [2, .. phone1]);

    /// <summary>Sends <paramref name="phone1"/> as round 2; returns only the first piece of the card's round-2 message.</summary>
    public byte[] Round2FirstPiece(byte[] phone1) => _card.Exchange(CommandCode.Sign, [2, .. phone1]);

    /// <summary>Asks for the next piece of the card's round-2 message.</summary>
    public byte[] NextPiece() => _card.Exchange(CommandCode.Sign, [RoundEnvelope.NextPieceRound]);

    /// <summary>The honest phone's round-2 message (the phone party consumes the card's round-1 message).</summary>
    public byte[] Phone2() => Party.Round2([Card1])[0];

    /// <summary>Sends <paramref name="phone2"/> as round 3; returns the card's round-3 message.</summary>
    public byte[] Round3(byte[] phone2) => _card.Exchange(CommandCode.Sign, [3, .. phone2]);

    /// <summary>Runs the honest rest of the run from the card's round-2 message; returns the verified signature.</summary>
    public byte[] Finish(byte[] card2)
    {
        var card3 = Round3(Phone2());
        Party.Presign([card2]);
        Party.SignHash(_hash);
        return Party.Combine([card3]);
    }

    /// <summary>The honest run from round 2 on.</summary>
    public byte[] Complete() => Finish(Round2(Phone1));

    /// <summary>A copy of <paramref name="message"/> with <paramref name="change"/> applied.</summary>
    public static byte[] Altered(byte[] message, Action<byte[]> change)
    {
        var copy = (byte[])message.Clone();
        change(copy);
        return copy;
    }

    /// <summary>A fresh hash to sign.</summary>
    public static byte[] NewHash() => RandomNumberGenerator.GetBytes(32);
}
