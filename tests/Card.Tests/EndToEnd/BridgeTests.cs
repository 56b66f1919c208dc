using CardFirmware.Card.Session;
using CardFirmware.Host.Tcp;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>
/// The real firmware on the simulated board, served on the loopback TCP bridge as a phone-app developer
/// uses it (<c>dotnet run --project tools/CardSim -- --bridge</c>): pairing, commands, a bonded reconnect
/// and a refused stranger, all through <see cref="TcpCardLink"/>.
/// </summary>
public class BridgeTests
{
    [Fact]
    public void Firmware_OverLoopbackTcp_BondsThePhone_ReconnectsIt_AndRefusesAStranger()
    {
        var harness = new CardHarness();
        using var server = new LinkBridgeServer(harness.Board.Link);
        var simulation = new Thread(server.Run) { IsBackground = true };
        simulation.Start();
        var owner = CardHarness.NewPhoneKey();

        for (int session = 0; session < 2; session++)
        {
            using var tcp = new TcpCardLink(server.Port);
            Assert.True(tcp.ConnectAndWait(185, 10_000), $"session {session}: no connection");
            using var phone = new Host.PhoneChannel(tcp, owner, harness.CardKey, CardHarness.Prologue, timeoutMilliseconds: 20_000);
            phone.Handshake();
            var client = new CardClient(phone);
            Assert.Equal(harness.CardKey, client.GetInfo().IdentityPublicKey);
            Assert.Equal(new byte[] { 9, 8, 7 }, client.Ping([9, 8, 7]));
            tcp.Disconnect();
        }

        using (var tcp = new TcpCardLink(server.Port))
        {
            Assert.True(tcp.ConnectAndWait(185, 10_000));
            using var stranger = new Host.PhoneChannel(tcp, CardHarness.NewPhoneKey(), harness.CardKey, CardHarness.Prologue, timeoutMilliseconds: 5_000);
            stranger.Handshake();
            Assert.ThrowsAny<Exception>(() => new CardClient(stranger).GetInfo());
        }

        server.Dispose();
        Assert.True(simulation.Join(10_000));
        Assert.Equal(SessionEnd.NotBonded, harness.Card.Firmware.LastSessionEnd);
        Assert.True(harness.Board.Link.Connections >= 3);
    }
}
