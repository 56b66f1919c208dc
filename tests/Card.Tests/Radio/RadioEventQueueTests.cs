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
    public void FullQueue_DropsWritesButKeepsADisconnect()
    {
        var radio = new FakeRadio();
        var queue = new RadioEventQueue(2, new VirtualClock().CreateSignal());
        queue.Attach(radio);

        radio.RaiseWrite([1]);
        radio.RaiseWrite([2]);
        radio.RaiseWrite([3]);
        radio.RaiseConnection(false);

        Assert.Equal(2, queue.DroppedWrites);
        Assert.Equal(RadioEventKind.Write, queue.TryTake(out var first));
        Assert.Equal(new byte[] { 1 }, first);
        Assert.Equal(RadioEventKind.Disconnected, queue.TryTake(out _));
        Assert.Equal(RadioEventKind.None, queue.TryTake(out _));
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
        radio.RaiseWrite([1]);
        var beforeDisconnect = queue.HasPendingDisconnect;
        radio.RaiseConnection(false);
        var waiting = queue.HasPendingDisconnect;

        queue.TryTake(out _);
        queue.TryTake(out _);

        Assert.False(beforeDisconnect);
        Assert.True(waiting);
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
        public bool IsConnected => false;
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
