using CardFirmware.HalSim.Board;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>
/// One connection of the scripted phone: BLE connect at the walkthrough's MTU, Noise XK handshake
/// with the key from the QR code, then commands; disposing it disconnects and lets the card wipe.
/// Tracks the step's virtual time and radio bytes for the timeline.
/// </summary>
internal sealed class PhoneSession : IDisposable
{
    public const int Mtu = 247;
    private static readonly byte[] Prologue = "CardFirmware/1"u8.ToArray();

    private readonly SimBoard _board;
    private readonly SimCardLink _link;
    private readonly PhoneChannel _channel;

    private PhoneSession(SimBoard board, SimCardLink link, PhoneChannel channel)
    {
        _board = board;
        _link = link;
        _channel = channel;
        Client = new CardClient(channel);
    }

    public CardClient Client { get; }

    /// <summary>Connects and runs the handshake (the card may ask for a touch to admit a new phone).</summary>
    public static PhoneSession Open(SimBoard board, byte[] phoneKey, byte[] cardKey)
    {
        if (!board.Link.Phone.ConnectAndWait(Mtu))
        {
            throw new IOException("The phone could not connect.");
        }

        var link = new SimCardLink(board.Link);
        var channel = new PhoneChannel(link, phoneKey, cardKey, Prologue, timeoutMilliseconds: 45_000);
        try
        {
            channel.Handshake();
            return new PhoneSession(board, link, channel);
        }
        catch
        {
            channel.Dispose();
            if (board.Link.Phone.IsConnected)
            {
                board.Link.Phone.Disconnect();
            }

            link.WaitForActivity(500);
            throw;
        }
    }

    public void Dispose()
    {
        if (_board.Link.Phone.IsConnected)
        {
            _board.Link.Phone.Disconnect();
        }

        _link.WaitForActivity(500);
        _channel.Dispose();
    }
}
