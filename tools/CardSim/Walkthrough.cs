using System.Security.Cryptography;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Card.Session;
using CardFirmware.Channel.Noise;
using CardFirmware.HalSim.Board;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>
/// The scripted walk-through: provision (first boot) -> pair over BLE (Noise XK with the key from
/// the QR code) -> commands -> disconnect and wipe -> a bonded reconnect -> a stranger refused.
/// Each step checks what it expects and reports time and radio bytes.
/// </summary>
internal static class Walkthrough
{
    private const int Mtu = 247;

    public static bool Run(string[] args)
    {
        var board = new SimBoard();
        var timeline = new Timeline(board);
        var curve = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);

        timeline.Step("1. Flash and provision");
        var card = new SimulatedCard.SimulatedCard(board, curve);
        card.Firmware.StateChanged += (state, end) =>
            timeline.Card($"state {state}{(end != SessionEnd.None && state == SessionState.Wiping ? $" (session ended: {end})" : "")}, LED {board.Led.Current}");
        var cardKey = card.Firmware.IdentityPublicKey();
        timeline.Card(card.Firmware.ProvisionedThisBoot
            ? "first boot: identity key and device secret created and stored in flash"
            : "identity loaded from flash");
        var qr = PairingQr.Payload(cardKey);
        timeline.Card($"identity for the sleeve's QR code: {qr}");
        Console.Write(PairingQr.Render(qr));
        timeline.Card($"advertising as \"{board.Link.Card.LocalName}\", LED {board.Led.Current}");

        var phoneKey = RandomNumberGenerator.GetBytes(32);
        var prologue = "CardFirmware/1"u8.ToArray();
        var ok = true;

        timeline.Step("2. Pair: the phone scans the QR code and connects");
        ok &= Session(board, timeline, phoneKey, cardKey, prologue, expectAdmitted: true, ping: 1000);

        timeline.Step("3. Reconnect: the bonded phone needs no touch");
        ok &= Session(board, timeline, phoneKey, cardKey, prologue, expectAdmitted: true, ping: 64);

        timeline.Step("4. A stranger's phone: handshake completes, card refuses it");
        ok &= Session(board, timeline, RandomNumberGenerator.GetBytes(32), cardKey, prologue, expectAdmitted: false, ping: 0);

        timeline.Step("Summary");
        timeline.Card($"sessions wiped: {card.Firmware.SessionsWiped}, main-loop turns: {card.Turns}, state {card.Firmware.State}");
        timeline.Card($"radio: {board.Link.BytesToCard} B phone->card, {board.Link.BytesToPhone} B card->phone, {board.Link.Connections} connections");
        timeline.Card($"flash: {board.Flash.BytesWritten} B written, {board.Flash.Erases} page erases");
        Console.WriteLine(ok ? "\nWalk-through complete: every step behaved as expected." : "\nWalk-through FAILED.");
        return ok;
    }

    private static bool Session(SimBoard board, Timeline timeline, byte[] phoneKey, byte[] cardKey, byte[] prologue,
        bool expectAdmitted, int ping)
    {
        var started = board.Clock.UptimeMilliseconds;
        var bytesBefore = board.Link.BytesToCard + board.Link.BytesToPhone;
        if (!board.Link.Phone.ConnectAndWait(Mtu))
        {
            timeline.Fail("could not connect");
            return false;
        }

        timeline.Phone($"connected, ATT MTU {board.Link.Phone.Mtu}");
        var connected = board.Clock.UptimeMilliseconds;
        var link = new SimCardLink(board.Link);
        using var channel = new PhoneChannel(link, phoneKey, cardKey, prologue);
        try
        {
            channel.Handshake();
            timeline.Phone($"Noise XK handshake done in {board.Clock.UptimeMilliseconds - connected} ms (card key matches the QR code)");
            var client = new CardClient(channel);
            var info = client.GetInfo();
            if (!expectAdmitted)
            {
                timeline.Fail("a stranger's phone was admitted");
                return false;
            }

            timeline.Phone($"GetInfo: firmware {info.FirmwareMajor}.{info.FirmwareMinor}, battery {info.BatteryMillivolts} mV, enrolled {info.Enrolled}, wallet {info.HasWallet}");
            if (!info.IdentityPublicKey.AsSpan().SequenceEqual(cardKey))
            {
                timeline.Fail("GetInfo reports another identity key");
                return false;
            }

            if (ping > 0)
            {
                var payload = RandomNumberGenerator.GetBytes(ping);
                var t0 = board.Clock.UptimeMilliseconds;
                var echo = client.Ping(payload);
                if (!echo.AsSpan().SequenceEqual(payload))
                {
                    timeline.Fail("Ping echo differs");
                    return false;
                }

                timeline.Phone($"Ping {ping} B echoed intact in {board.Clock.UptimeMilliseconds - t0} ms");
            }

            board.Link.Phone.Disconnect();
            link.WaitForActivity(500);
            timeline.Phone($"disconnected; session {board.Clock.UptimeMilliseconds - started} ms, {board.Link.BytesToCard + board.Link.BytesToPhone - bytesBefore} B on the radio");
            return true;
        }
        catch (Exception refused) when (!expectAdmitted && refused is TimeoutException or ChannelException or InvalidDataException or IOException)
        {
            link.WaitForActivity(500);
            timeline.Phone($"refused as expected ({refused.GetType().Name}); link connected: {board.Link.Phone.IsConnected}");
            return !board.Link.Phone.IsConnected;
        }
    }
}
