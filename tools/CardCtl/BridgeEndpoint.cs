using CardFirmware.Host.Tcp;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>
/// A card served by <c>CardSim --bridge</c> in another process: sessions over the TCP bridge in real time.
/// The card's memory stays in CardSim; its holder is CardSim's operator (or its <c>--finger</c>).
/// </summary>
internal sealed class BridgeEndpoint(string host, int port) : ICardEndpoint
{
    /// <summary>A message may wait for a touch (the card waits 30 s) and the card's protocol work.</summary>
    public const int TimeoutMilliseconds = 120_000;

    public long? TouchesEvaluated => null;

    public T Session<T>(byte[] phoneKey, byte[] cardKey, int finger, Action<string> progress, Func<CardClient, T> work)
    {
        TcpCardLink link;
        try
        {
            link = new TcpCardLink(host, port);
        }
        catch (System.Net.Sockets.SocketException failure)
        {
            throw new CardCtlException($"No card bridge at {host}:{port} ({failure.SocketErrorCode}): start it with `CardSim --bridge {port}`.", ExitCodes.StateDamage);
        }

        using (link)
        {
            if (!link.ConnectAndWait(CardHost.Mtu, 10_000))
            {
                throw new CardCtlException($"The card behind {host}:{port} did not accept a BLE connection (is another phone connected?).", ExitCodes.StateDamage);
            }

            try
            {
                return PhoneSessions.Run(link, phoneKey, cardKey, TimeoutMilliseconds, progress, work);
            }
            finally
            {
                if (link.IsConnected)
                {
                    link.Disconnect();
                }
            }
        }
    }

    public void Keep(CardState state)
    {
    }

    public string? CardTimeLine(bool touchesEnroll, int enrollmentsCompleted = 0, int walletCreations = 0, int signatures = 0) => null;
}
