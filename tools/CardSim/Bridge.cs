using CardFirmware.Card;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Efuse;
using CardFirmware.Host.Tcp;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>
/// <c>--bridge [port]</c>: boots the real firmware on a new simulated card and serves its BLE link on
/// 127.0.0.1 (protocol: tools/Host/README.md, "Loopback bridge protocol") so that a phone in another
/// process (cardctl --bridge, a phone app under development) can pair and talk to it, while the
/// operator is the card's holder (<see cref="BridgeHolder"/>). Each card is new: its eFuse key and
/// RNG from the OS, or from <c>--seed</c>.
/// </summary>
internal sealed class BridgeCard : IDisposable
{
    private readonly LinkBridgeServer _server;

    public BridgeCard(SimOptions options, CardConfig config, Action<string> log)
    {
        var boardOptions = new SimBoardOptions { EntropySeed = options.Seed };
        Board = new SimBoard(boardOptions, SimEfuse.ProvisionFromSeed(options.Seed, boardOptions.CounterBits));
        Card = new SimulatedCard.SimulatedCard(Board, config);
        Holder = new BridgeHolder(Board, Card.Sensor, options.Finger, log);
        PairingCode = PairingQr.Payload(Card.Firmware.IdentityPublicKey());
        _server = new LinkBridgeServer(Board.Link, options.Port);
    }

    public SimBoard Board { get; }

    public SimulatedCard.SimulatedCard Card { get; }

    public BridgeHolder Holder { get; }

    /// <summary>The sleeve's pairing code.</summary>
    public string PairingCode { get; }

    /// <summary>The TCP port listened on.</summary>
    public int Port => _server.Port;

    /// <summary>Runs the simulation until <see cref="Dispose"/> (on the calling thread).</summary>
    public void Run() => _server.Run();

    /// <summary>Hands an operator command to the simulation thread; its answer goes to <paramref name="answer"/>.</summary>
    public void Command(string line, Action<string> answer) => Board.Clock.Post(() =>
    {
        var reply = Holder.Command(line);
        if (reply.Length > 0)
        {
            answer(reply);
        }
    });

    public void Dispose() => _server.Dispose();
}

/// <summary>CardSim's bridge mode on the console: the card, its pairing code, and the operator's commands from <c>input</c>.</summary>
internal static class Bridge
{
    public static int Run(SimOptions options, CardConfig config, TextReader input, TextWriter output)
    {
        var gate = new object();
        void Log(string line)
        {
            lock (gate)
            {
                output.WriteLine(line);
            }
        }

        using var bridge = new BridgeCard(options, config, Log);
        output.Write(PairingQr.Render(bridge.PairingCode));
        output.WriteLine($"qr: {bridge.PairingCode}");
        if (options.Seed is { } seed)
        {
            output.WriteLine($"seeded with {seed}: a reproducible card, not for funds");
        }

        output.WriteLine($"bridge listening on 127.0.0.1:{bridge.Port} (cardctl --bridge 127.0.0.1:{bridge.Port}); Ctrl-C or `quit` ends it");
        output.WriteLine(options.Finger is { } finger
            ? $"the holder touches with finger {finger} whenever the card asks"
            : "when the card asks for a touch, type `touch N` (synthetic finger N); `help` lists the commands");
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            bridge.Dispose();
        };
        var operatorThread = new Thread(() =>
        {
            string? line;
            while ((line = input.ReadLine()) is not null)
            {
                if (line.Trim() == "quit")
                {
                    bridge.Dispose();
                    return;
                }

                bridge.Command(line, Log);
            }
        })
        { IsBackground = true, Name = "cardsim-operator" };
        operatorThread.Start();
        bridge.Run();
        Log($"bridge stopped: {bridge.Board.Link.Connections} connections, {bridge.Holder.Touches} touches, sessions wiped {bridge.Card.Firmware.SessionsWiped}");
        return 0;
    }
}
