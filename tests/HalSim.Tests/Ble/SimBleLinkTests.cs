using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Time;
using Xunit.Abstractions;

namespace CardFirmware.HalSim.Tests.Ble;

public sealed class SimBleLinkTests(ITestOutputHelper output)
{
    private static readonly byte[] Uuid = new byte[16];

    private static (VirtualClock Clock, SimBleLink Link) NewLink(LinkProfile? profile = null, int cardMaxMtu = 517)
    {
        var clock = new VirtualClock();
        var link = new SimBleLink(clock, profile, cardMaxMtu);
        link.Card.StartAdvertising("card", Uuid, Uuid, Uuid, Uuid);
        return (clock, link);
    }

    private static byte[] Numbered(int n, int length)
    {
        var value = new byte[length];
        value[0] = (byte)n;
        value[^1] = (byte)(n >> 8);
        return value;
    }

    [Theory]
    [InlineData(247, 517, 247)]
    [InlineData(247, 185, 185)]
    [InlineData(517, 517, 517)]
    [InlineData(517, 23, 23)]
    [InlineData(185, 247, 185)]
    public void Connect_NegotiatesTheSmallerMtu(int cardMax, int requested, int expected)
    {
        var (_, link) = NewLink(cardMaxMtu: cardMax);
        Assert.Equal(23, link.Card.Mtu);
        Assert.True(link.Phone.ConnectAndWait(requested));
        Assert.Equal(expected, link.Card.Mtu);
        Assert.Equal(expected, link.Phone.Mtu);
        Assert.Equal(expected - 3, link.Phone.MaxValueLength);
    }

    [Fact]
    public void Connect_RaisesConnectionChangedOnTheCard_AfterTheSetupTime()
    {
        var (clock, link) = NewLink();
        var changes = new List<(long, bool)>();
        link.Card.ConnectionChanged += c => changes.Add((clock.UptimeMilliseconds, c));
        link.Phone.Connect(247);
        Assert.False(link.Card.IsConnected);
        clock.Advance(1000);
        Assert.Equal([(LinkProfile.Esp32ToPhone.ConnectSetupMs, true)], changes);
        Assert.Equal(1, link.Connections);
    }

    [Fact]
    public void Connect_ToACardThatIsNotAdvertising_Fails()
    {
        var (_, link) = NewLink();
        link.Card.StopAdvertising();
        var failed = false;
        link.Phone.ConnectFailed += () => failed = true;
        Assert.False(link.Phone.ConnectAndWait(247));
        Assert.True(failed);
    }

    [Fact]
    public void Write_LongerThanMtuMinus3_IsRejected_AndNotifyLikewise()
    {
        var (_, link) = NewLink();
        link.Phone.ConnectAndWait(185);
        Assert.Throws<ArgumentException>(() => link.Phone.Write(new byte[183]));
        Assert.True(link.Phone.Write(new byte[182]));
        Assert.Throws<ArgumentOutOfRangeException>(() => link.Card.Notify(new byte[183], 0, 183));
        Assert.True(link.Card.Notify(new byte[200], 10, 182));
    }

    [Fact]
    public void Writes_ReachTheCardInOrder_OnTheirConnectionEvents()
    {
        var (clock, link) = NewLink();
        link.Phone.ConnectAndWait(247);
        var anchor = clock.UptimeMilliseconds;
        var received = new List<(long At, int N)>();
        link.Card.WriteReceived += v => received.Add((clock.UptimeMilliseconds, v[0]));
        for (var i = 0; i < 9; i++)
        {
            Assert.True(link.Phone.Write(Numbered(i, 244)));
        }

        clock.Advance(200);
        // 4 single-packet PDUs per 15 ms event, +5 ms host latency.
        var expected = Enumerable.Range(0, 9).Select(i => (anchor + (i / 4) * 15 + 5, i)).ToArray();
        Assert.Equal(expected, received);
        Assert.Equal(9 * 244, link.BytesToCard);
    }

    [Fact]
    public void Notifications_ArriveInOrder_AndFragmentIntoLinkLayerPackets()
    {
        // Conservative profile: 27-byte link-layer packets, so a 182-byte notification needs
        // ceil((182 + 7) / 27) = 7 packets, two per 30 ms event.
        var profile = LinkProfile.Conservative with { CardQueuePackets = 8 };
        var (clock, link) = NewLink(profile);
        link.Phone.ConnectAndWait(185);
        var anchor = clock.UptimeMilliseconds;
        var arrivals = new List<(long At, int N)>();
        link.Phone.NotificationReceived += v => arrivals.Add((clock.UptimeMilliseconds, v[0]));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(link.Card.Notify(Numbered(i, 182), 0, 182));
        }

        clock.Advance(1000);
        // Packets 1-7 end in event 3, 8-14 in event 6, 15-21 in event 10; +10 ms latency.
        Assert.Equal([(anchor + 3 * 30 + 10, 0), (anchor + 6 * 30 + 10, 1), (anchor + 10 * 30 + 10, 2)], arrivals);
        Assert.Equal(21, link.LinkLayerPackets);
        Assert.Equal(3, link.Phone.PendingNotifications);
        Assert.True(link.Phone.TryTakeNotification(out var first));
        Assert.Equal(0, first[0]);
    }

    [Theory]
    [InlineData("Esp32ToPhone", 247)]
    [InlineData("Esp32ToPhone", 185)]
    [InlineData("Conservative", 23)]
    [InlineData("Conservative", 185)]
    [InlineData("Fast", 517)]
    public void Throughput_OfABackPressuredSender_MatchesTheModel(string profileName, int mtu)
    {
        var profile = profileName switch
        {
            "Esp32ToPhone" => LinkProfile.Esp32ToPhone,
            "Conservative" => LinkProfile.Conservative,
            _ => LinkProfile.Fast,
        };
        var (clock, link) = NewLink(profile);
        link.Phone.ConnectAndWait(mtu);
        var size = link.Card.Mtu - 3;
        var arrivals = new List<long>();
        link.Phone.NotificationReceived += _ => arrivals.Add(clock.UptimeMilliseconds);

        // The firmware's way: notify until the radio refuses, then wait a millisecond.
        const int count = 400;
        for (var sent = 0; sent < count;)
        {
            if (link.Card.Notify(Numbered(sent, size), 0, size))
            {
                sent++;
            }
            else
            {
                clock.Delay(1);
            }
        }

        clock.Advance(10_000);
        Assert.Equal(count, arrivals.Count);
        // Steady state from the first delivery to the last: (count - 1) PDUs after the first.
        var perPdu = (arrivals[^1] - arrivals[0]) / (double)(count - 1);
        var measured = size / perPdu * 1000;
        var model = profile.ThroughputBytesPerSecond(size);
        output.WriteLine($"{profileName} MTU {mtu}: {measured:F0} B/s measured, {model:F0} B/s model, " +
            $"{link.Card.NotifyRefusals} refusals (back-pressure)");
        Assert.InRange(measured, model * 0.97, model * 1.03);
        Assert.True(link.Card.NotifyRefusals > 0);
    }

    [Fact]
    public void Notify_WhenTheRadioQueueIsFull_ReturnsFalse_UntilPacketsLeave()
    {
        var (clock, link) = NewLink();
        link.Phone.ConnectAndWait(247);
        clock.Advance(1); // between connection events: nothing leaves before the next one
        for (var i = 0; i < LinkProfile.Esp32ToPhone.CardQueuePackets; i++)
        {
            Assert.True(link.Card.Notify(new byte[100], 0, 100));
        }

        Assert.False(link.Card.Notify(new byte[100], 0, 100));
        Assert.Equal(1, link.Card.NotifyRefusals);
        clock.Advance(15);
        Assert.True(link.Card.Notify(new byte[100], 0, 100));
    }

    [Fact]
    public void Notify_WithoutASubscription_ReturnsFalse()
    {
        var (clock, link) = NewLink();
        link.Phone.Connect(247, subscribe: false);
        clock.Advance(500);
        Assert.True(link.Card.IsConnected);
        Assert.False(link.Card.Notify(new byte[1], 0, 1));
    }

    [Fact]
    public void LinkLoss_MidSequence_DisconnectsBothEndsAfterTheSupervisionTimeout_ThenReconnectWorks()
    {
        var profile = LinkProfile.Esp32ToPhone with { DropAfterPackets = 10, CardQueuePackets = 64 };
        var (clock, link) = NewLink(profile);
        link.Phone.ConnectAndWait(247);
        var anchor = clock.UptimeMilliseconds;
        var received = new List<int>();
        var cardDisconnectedAt = -1L;
        var phoneDisconnectedAt = -1L;
        link.Phone.NotificationReceived += v => received.Add(v[0]);
        link.Card.ConnectionChanged += c => { if (!c) cardDisconnectedAt = clock.UptimeMilliseconds; };
        link.Phone.Disconnected += () => phoneDisconnectedAt = clock.UptimeMilliseconds;

        for (var i = 0; i < 20; i++)
        {
            Assert.True(link.Card.Notify(Numbered(i, 100), 0, 100));
        }

        clock.Advance(10_000);
        Assert.Equal(Enumerable.Range(0, 10), received); // nothing silently skipped, nothing after the loss
        var lossEvent = anchor + (10 / 4) * 15;
        Assert.Equal(lossEvent + profile.SupervisionTimeoutMs, cardDisconnectedAt);
        Assert.Equal(cardDisconnectedAt, phoneDisconnectedAt);
        Assert.Equal(1, link.LinkLosses);
        Assert.False(link.Card.IsConnected);
        Assert.False(link.Card.Notify(new byte[1], 0, 1));
        Assert.Throws<InvalidOperationException>(() => link.Phone.Write([1]));

        Assert.True(link.Phone.ConnectAndWait(247));
        Assert.True(link.Card.Notify(Numbered(77, 10), 0, 10));
        clock.Advance(100);
        Assert.Equal(77, received[^1]);
        Assert.Equal(2, link.Connections);
    }

    [Fact]
    public void Disconnect_ByThePhone_DeliversWhatWasQueued_AndTellsTheCard()
    {
        var (clock, link) = NewLink();
        link.Phone.ConnectAndWait(247);
        var writes = 0;
        var cardSaw = new List<bool>();
        link.Card.WriteReceived += _ => writes++;
        link.Card.ConnectionChanged += cardSaw.Add;
        for (var i = 0; i < 6; i++)
        {
            link.Phone.Write([1, 2, 3]);
        }

        link.Phone.Disconnect();
        clock.Advance(1000);
        Assert.Equal(6, writes);
        Assert.Equal([false], cardSaw);
        Assert.False(link.Phone.IsConnected);
        Assert.Equal(23, link.Card.Mtu);
    }

    [Fact]
    public void Disconnect_ByTheCard_TellsThePhone_AndAdvertisingResumes()
    {
        var (clock, link) = NewLink();
        link.Phone.ConnectAndWait(247);
        var phoneDisconnected = 0;
        link.Phone.Disconnected += () => phoneDisconnected++;
        link.Card.Disconnect();
        clock.Advance(100);
        Assert.Equal(1, phoneDisconnected);
        Assert.True(link.Card.IsAdvertising);
        Assert.True(link.Phone.ConnectAndWait(185));
        Assert.Equal(185, link.Card.Mtu);
    }

    [Fact]
    public void ReadStatus_ReturnsWhatTheCardSet()
    {
        var (_, link) = NewLink();
        Assert.Throws<InvalidOperationException>(() => link.Phone.ReadStatus());
        link.Card.SetStatus([9, 8, 7]);
        link.Phone.ConnectAndWait(247);
        Assert.Equal(new byte[] { 9, 8, 7 }, link.Phone.ReadStatus());
    }

    [Fact]
    public void RandomDrops_AreReproducibleForASeed()
    {
        static List<int> Run()
        {
            var (clock, link) = NewLink(LinkProfile.Esp32ToPhone with { DropProbability = 0.05, Seed = 42, CardQueuePackets = 200 });
            link.Phone.ConnectAndWait(247);
            var received = new List<int>();
            link.Phone.NotificationReceived += v => received.Add(v[0]);
            for (var i = 0; i < 100; i++)
            {
                link.Card.Notify(Numbered(i, 50), 0, 50);
            }

            clock.Advance(20_000);
            return received;
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.InRange(first.Count, 1, 99); // a loss happened, after some deliveries
        Assert.Equal(Enumerable.Range(0, first.Count), first);
    }
}
