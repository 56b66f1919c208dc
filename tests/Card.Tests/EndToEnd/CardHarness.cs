using System.Security.Cryptography;
using CardFirmware.Card;
using CardFirmware.HalSim.Board;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>A simulated card (its arithmetic, the channel's curve included, on <see cref="CardConfig.Arithmetic"/>) and helpers to open phone sessions to it.</summary>
internal sealed class CardHarness
{
    public static readonly byte[] Prologue = "CardFirmware/1"u8.ToArray();

    public CardHarness(SimBoard? board = null, CardConfig? config = null)
    {
        Board = board ?? new SimBoard();
        Card = new SimulatedCard.SimulatedCard(Board, config ?? new CardConfig());
        CardKey = Card.Firmware.IdentityPublicKey();
    }

    public SimBoard Board { get; }

    public SimulatedCard.SimulatedCard Card { get; }

    public byte[] CardKey { get; }

    public static byte[] NewPhoneKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>Connects and runs the handshake; the caller disposes the channel.</summary>
    public PhoneChannel Open(byte[] phoneKey, int mtu = 247)
    {
        Assert.True(Board.Link.Phone.ConnectAndWait(mtu), "phone could not connect");
        var channel = new PhoneChannel(new SimCardLink(Board.Link), phoneKey, CardKey, Prologue);
        channel.Handshake();
        return channel;
    }

    /// <summary>Lets <paramref name="milliseconds"/> of card time pass.</summary>
    public void Run(int milliseconds) => Board.Clock.Advance(milliseconds);
}
