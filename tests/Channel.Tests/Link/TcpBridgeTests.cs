using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;
using CardFirmware.Host.Tcp;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Channel.Tests.Link;

/// <summary>The phone over the loopback TCP bridge to a simulated card running on its own thread.</summary>
public class TcpBridgeTests
{
    [Fact]
    public void PhoneOverLoopbackTcp_HandshakesAndExchangesMessages()
    {
        var link = new SimBleLink(new VirtualClock());
        using var card = new SimulatedChannelCard(link, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get("card"),
            new TestKeys.SeededEntropy(5), m => m.Reverse().ToArray());
        using var server = new LinkBridgeServer(link);
        var simulation = new Thread(server.Run) { IsBackground = true };
        simulation.Start();

        using (var tcp = new TcpCardLink(server.Port))
        {
            Assert.True(tcp.ConnectAndWait(247, 10_000));
            Assert.Equal(247, tcp.Mtu);
            using var phone = new PhoneChannel(tcp, TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, timeoutMilliseconds: 20_000);
            phone.Handshake();
            foreach (var size in new[] { 0, 5, 600, 4000 })
            {
                var message = new byte[size];
                new Random(size).NextBytes(message);
                Assert.Equal(message.Reverse().ToArray(), phone.Exchange(message));
            }

            tcp.Disconnect();
        }

        server.Dispose();
        Assert.True(simulation.Join(10_000));
        Assert.Equal(TestKeys.PhonePublic, card.LastRemoteStaticKey);
    }

    [Fact]
    public void Client_ReconnectsRightAfterDisconnecting_AndANewClientRightAfterTheLastLeft()
    {
        var link = new SimBleLink(new VirtualClock());
        using var card = new SimulatedChannelCard(link, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get("card"),
            new TestKeys.SeededEntropy(6), m => m);
        using var server = new LinkBridgeServer(link);
        var simulation = new Thread(server.Run) { IsBackground = true };
        simulation.Start();

        for (int client = 0; client < 2; client++)
        {
            using var tcp = new TcpCardLink(server.Port);
            for (int session = 0; session < 2; session++)
            {
                // The connect arrives while the previous connection is still closing; it must wait, not be lost.
                Assert.True(tcp.ConnectAndWait(185, 10_000), $"client {client} session {session}");
                using var phone = new PhoneChannel(tcp, TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, timeoutMilliseconds: 20_000);
                phone.Handshake();
                Assert.Equal(new byte[] { 4, 5 }, phone.Exchange([4, 5]));
                tcp.Disconnect();
            }
        }

        server.Dispose();
        Assert.True(simulation.Join(10_000));
        Assert.Equal(4, card.Events.Count(e => e == CardFirmware.Channel.ChannelEvent.HandshakeComplete));
    }

    [Fact]
    public void Bridge_ListensOnLoopbackOnly()
    {
        var link = new SimBleLink(new VirtualClock());
        using var server = new LinkBridgeServer(link);
        var listeners = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();
        var ours = listeners.Where(l => l.Port == server.Port).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, l => Assert.True(System.Net.IPAddress.IsLoopback(l.Address)));
    }
}
