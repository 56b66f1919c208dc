using CardFirmware.Card.Radio;
using CardFirmware.Hal;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Card.Tests.Radio;

public class RadioEventQueueTests
{
    [Fact]
    public void Events_ComeOutInArrivalOrder_AndSetTheSignal()
    {
        var clock = new VirtualClock();
        var signal = clock.CreateSignal();
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(4, signal);
        queue.Attach(radio);

        radio.RaiseConnection(true);
        radio.RaiseWrite([1, 2]);

        Assert.True(signal.Wait(0));
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out var none));
        Assert.Null(none);
        Assert.Equal(RadioEventKind.Write, queue.TryTake(out var bytes));
        Assert.Equal(new byte[] { 1, 2 }, bytes);
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    [Fact]
    public void FullQueue_DropsOnlyTheWriteThatFindsItFull_AndKeepsADisconnect()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(2, new VirtualClock().CreateSignal());
        queue.Attach(radio);

        radio.RaiseConnection(true);
        radio.RaiseWrite([1]);
        radio.RaiseWrite([2]);
        radio.RaiseWrite([3]);
        radio.RaiseConnection(false);

        Assert.Equal(1, queue.DroppedWrites);
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Write, queue.TryTake(out var first));
        Assert.Equal(new byte[] { 1 }, first);
        Assert.Equal(RadioEventKind.Write, queue.TryTake(out var second));
        Assert.Equal(new byte[] { 2 }, second);
        Assert.Equal(RadioEventKind.Disconnected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    [Fact]
    public void ConnectionChanges_BeyondTheRingsCapacity_AreAllDeliveredInOrder()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(1, new VirtualClock().CreateSignal());
        queue.Attach(radio);

        radio.RaiseConnection(true);
        radio.RaiseWrite([1]);
        radio.RaiseConnection(false);
        radio.RaiseConnection(true);
        radio.RaiseConnection(false);
        radio.RaiseConnection(true);

        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Write, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Disconnected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Disconnected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    [Fact]
    public void ARepeatedReportOfTheLinksState_IsNoEvent()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(4, new VirtualClock().CreateSignal());
        queue.Attach(radio);

        radio.RaiseConnection(false);
        radio.RaiseConnection(true);
        radio.RaiseConnection(true);

        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    [Fact]
    public void AttachedWhileConnected_TheFirstChangeIsADisconnection()
    {
        var radio = new FakeRadio { Connected = true };
        var queue = new RadioEventQueue(4, new VirtualClock().CreateSignal());
        queue.Attach(radio);

        radio.RaiseConnection(false);
        radio.RaiseConnection(true);

        Assert.True(queue.HasPendingDisconnect);
        Assert.Equal(RadioEventKind.Disconnected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
    }

    [Fact]
    public void RandomInterleavings_MatchAQueueModel()
    {
        var random = new Random(14);
        for (var run = 0; run < 200; run++)
        {
            var capacity = random.Next(1, 6);
            var radio = new FakeRadio();
            var queue = new RadioEventQueue(capacity, new VirtualClock().CreateSignal());
            queue.Attach(radio);
            var model = new List<(RadioEventKind Kind, byte[]? Payload)>();
            var modelUp = false;
            var modelDropped = 0;
            for (var step = 0; step < 300; step++)
            {
                var action = random.Next(10);
                if (action < 4)
                {
                    var payload = new byte[] { (byte)step, (byte)(step >> 8) };
                    radio.RaiseWrite(payload);
                    if (model.Count(e => e.Kind == RadioEventKind.Write) == capacity)
                    {
                        modelDropped++;
                    }
                    else
                    {
                        model.Add((RadioEventKind.Write, payload));
                    }
                }
                else if (action < 6)
                {
                    var up = random.Next(2) == 0;
                    radio.RaiseConnection(up);
                    if (up != modelUp)
                    {
                        modelUp = up;
                        model.Add((up ? RadioEventKind.Connected : RadioEventKind.Disconnected, null));
                    }
                }
                else if (action < 9)
                {
                    var kind = queue.TryTake(out var payload);
                    if (model.Count == 0)
                    {
                        Assert.Equal(RadioEventKind.None, kind);
                    }
                    else
                    {
                        Assert.Equal(model[0].Kind, kind);
                        Assert.Same(model[0].Payload, payload);
                        model.RemoveAt(0);
                    }
                }
                else
                {
                    var expectedDown = false;
                    while (model.Count > 0 && model[0].Kind != RadioEventKind.Connected)
                    {
                        expectedDown |= model[0].Kind == RadioEventKind.Disconnected;
                        model.RemoveAt(0);
                    }

                    Assert.Equal(expectedDown, queue.DiscardSessionEvents());
                }

                Assert.Equal(model.Any(e => e.Kind == RadioEventKind.Disconnected), queue.HasPendingDisconnect);
                Assert.Equal(modelDropped, queue.DroppedWrites);
            }
        }
    }

    [Fact]
    public void Detach_StopsDelivery()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(4, new VirtualClock().CreateSignal());
        queue.Attach(radio);
        radio.RaiseWrite([9]);
        queue.Detach(radio);
        radio.RaiseWrite([8]);

        Assert.Equal(RadioEventKind.Write, queue.TryTake(out var kept));
        Assert.Equal(new byte[] { 9 }, kept);
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    [Fact]
    public void DiscardSessionEvents_DropsTheEndedSessionsEvents_ButKeepsAReconnectAndWhatFollowsIt()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(6, new VirtualClock().CreateSignal());
        queue.Attach(radio);
        radio.RaiseConnection(true);
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        radio.RaiseWrite([1]);
        radio.RaiseConnection(false);
        radio.RaiseConnection(true);
        radio.RaiseWrite([2]);

        var linkDown = queue.DiscardSessionEvents();

        Assert.True(linkDown);
        Assert.Equal(RadioEventKind.Connected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.Write, queue.TryTake(out var write));
        Assert.Equal(new byte[] { 2 }, write);
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    [Fact]
    public void HasPendingDisconnect_IsTrueOnlyWhileADisconnectionWaits()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(4, new VirtualClock().CreateSignal());
        queue.Attach(radio);
        radio.RaiseConnection(true);
        radio.RaiseWrite([1]);
        var beforeDisconnect = queue.HasPendingDisconnect;
        radio.RaiseConnection(false);
        var waiting = queue.HasPendingDisconnect;

        queue.TryTake(out _);
        queue.TryTake(out _);
        var stillWaiting = queue.HasPendingDisconnect;
        queue.TryTake(out _);

        Assert.False(beforeDisconnect);
        Assert.True(waiting);
        Assert.True(stillWaiting);
        Assert.False(queue.HasPendingDisconnect);
    }

    [Fact]
    public void DiscardSessionEvents_WithTheLinkStillUp_DropsPendingWritesAndSaysSo()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(4, new VirtualClock().CreateSignal());
        queue.Attach(radio);
        radio.RaiseWrite([1]);
        radio.RaiseWrite([2]);

        var linkDown = queue.DiscardSessionEvents();

        Assert.False(linkDown);
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
    }

    private sealed class FakeRadio : IBlePeripheral
    {
        public event BleConnectionHandler? ConnectionChanged;
        public event BleWriteHandler? WriteReceived;
        public bool Connected { get; set; }
        public bool IsConnected => Connected;
        public int Mtu => 23;
        public void RaiseConnection(bool connected) => ConnectionChanged?.Invoke(connected);
        public void RaiseWrite(byte[] value) => WriteReceived?.Invoke(value);
        public void StartAdvertising(string localName, byte[] serviceUuid, byte[] writeCharacteristicUuid,
            byte[] notifyCharacteristicUuid, byte[] statusCharacteristicUuid) { }
        public void StopAdvertising() { }
        public bool Notify(byte[] value, int offset, int count) => false;
        public void SetStatus(byte[] value) { }
        public void Disconnect() { }
    }
}
