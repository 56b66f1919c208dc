using CardFirmware.Card;
using CardFirmware.HalSim.Board;
using CardFirmware.Host.Tcp;

namespace CardFirmware.CardSim;

/// <summary>
/// <c>--bridge [port]</c>: boots the real firmware on the simulated board and serves its BLE link on
/// 127.0.0.1 (protocol: tools/Host/README.md, "Loopback bridge protocol") so that a phone app under
/// development, in another process, can pair and talk to it. Runs until Ctrl-C.
/// </summary>
internal static class Bridge
{
    public static int Run(string[] args, CardConfig config)
    {
        var port = args.Length > 1 ? int.Parse(args[1]) : 0;
        var board = new SimBoard();
        var card = new SimulatedCard.SimulatedCard(board, config);
        var qr = PairingQr.Payload(card.Firmware.IdentityPublicKey());
        Console.Write(PairingQr.Render(qr));
        Console.WriteLine($"card identity (QR code): {qr}");
        using var server = new LinkBridgeServer(board.Link, port);
        Console.WriteLine($"bridge listening on 127.0.0.1:{server.Port}; Ctrl-C ends it");
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            server.Dispose();
        };
        server.Run();
        Console.WriteLine($"bridge stopped: {board.Link.Connections} connections, sessions wiped {card.Firmware.SessionsWiped}");
        return 0;
    }
}
