using CardFirmware.Channel.Framing;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Channel.Tests.Framing;

public class FramingRejectionTests
{
    private readonly VirtualClock _clock = new();
    private readonly FrameAssembler _assembler;

    public FramingRejectionTests()
    {
        _assembler = new FrameAssembler(_clock, 1024, 2000);
        _assembler.SetMtu(23);
    }

    private static List<byte[]> Packets(int length, int mtu = 23, FrameSender? sender = null)
    {
        sender ??= new FrameSender(4096);
        var sink = new PacketQueue(mtu);
        var message = new byte[length];
        new Random(length).NextBytes(message);
        sender.Begin(message, 0, length);
        sender.Pump(sink);
        return sink.Packets.ToList();
    }

    private FramingError Reject(byte[] packet) =>
        Assert.Throws<FramingException>(() => _assembler.Accept(packet, 0, packet.Length)).Error;

    private void AssertStillWorks(FrameSender? sender = null)
    {
        var packets = Packets(100, 23, sender);
        bool done = false;
        foreach (var packet in packets)
        {
            done = _assembler.Accept(packet, 0, packet.Length);
        }

        Assert.True(done);
        Assert.Equal(100, _assembler.CompletedLength);
    }

    [Fact]
    public void EmptyPacket_IsTooShort()
    {
        Assert.Equal(FramingError.PacketTooShort, Reject([]));
        Assert.Equal(FramingError.PacketTooShort, Reject([0x80, 0x00]));
        AssertStillWorks();
    }

    [Fact]
    public void PacketLongerThanMtu_IsTooLong()
    {
        Assert.Equal(FramingError.PacketTooLong, Reject(new byte[21]));
        AssertStillWorks();
    }

    [Fact]
    public void DeclaredLengthAboveMax_IsRefusedBeforeBuffering()
    {
        Assert.Equal(FramingError.MessageTooLarge, Reject([0x80, 0x04, 0x01, 0xAA]));
        Assert.False(_assembler.InProgress);
        AssertStillWorks();
    }

    [Fact]
    public void ContinuationWithoutStart_IsRefused()
    {
        Assert.Equal(FramingError.UnexpectedContinuation, Reject([0x01, 0xAA]));
        AssertStillWorks();
    }

    [Fact]
    public void DuplicateContinuation_IsRefusedAndResets()
    {
        var packets = Packets(100);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        _assembler.Accept(packets[1], 0, packets[1].Length);
        Assert.Equal(FramingError.DuplicateFragment, Reject(packets[1]));
        Assert.False(_assembler.InProgress);
        AssertStillWorks();
    }

    [Fact]
    public void SkippedContinuation_IsOutOfOrder()
    {
        var packets = Packets(100);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        Assert.Equal(FramingError.OutOfOrderFragment, Reject(packets[2]));
        AssertStillWorks();
    }

    [Fact]
    public void NewStartMidMessage_IsRefused()
    {
        var sender = new FrameSender(4096);
        var first = Packets(100, 23, sender);
        var second = Packets(100, 23, sender);
        _assembler.Accept(first[0], 0, first[0].Length);
        Assert.Equal(FramingError.UnexpectedStart, Reject(second[0]));
        Assert.Equal(FramingError.UnexpectedContinuation, Reject(second[1]));
    }

    [Fact]
    public void RepeatedStart_IsDuplicateFragment()
    {
        var packets = Packets(100);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        Assert.Equal(FramingError.DuplicateFragment, Reject(packets[0]));
    }

    [Fact]
    public void ReplayedWholeMessage_IsDuplicateMessage_ThenNextMessageResynchronises()
    {
        var sender = new FrameSender(4096);
        var packet = Packets(10, 23, sender)[0];
        Assert.True(_assembler.Accept(packet, 0, packet.Length));
        Assert.Equal(FramingError.DuplicateMessage, Reject(packet));
        AssertStillWorks(sender);
    }

    [Fact]
    public void SkippedMessageId_IsOutOfOrderMessage()
    {
        var sender = new FrameSender(4096);
        var first = Packets(10, 23, sender)[0];
        Packets(10, 23, sender);
        var third = Packets(10, 23, sender)[0];
        Assert.True(_assembler.Accept(first, 0, first.Length));
        Assert.Equal(FramingError.OutOfOrderMessage, Reject(third));
    }

    [Fact]
    public void FragmentBeyondDeclaredLength_IsLengthMismatch()
    {
        Assert.Equal(FramingError.LengthMismatch, Reject([0x80, 0x00, 0x02, 1, 2, 3]));
        var packets = Packets(30);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        var longer = new byte[20];
        longer[0] = 0x01;
        Assert.Equal(FramingError.LengthMismatch, Reject(longer));
        _assembler.Accept(packets[0], 0, packets[0].Length);
        Assert.Equal(FramingError.LengthMismatch, Reject([0x01]));
        AssertStillWorks();
    }

    [Fact]
    public void StalledMessage_TimesOutOnPoll()
    {
        var packets = Packets(100);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        _clock.Advance(2000);
        _assembler.Poll();
        Assert.True(_assembler.InProgress);
        _clock.Advance(1);
        Assert.Equal(FramingError.ReassemblyTimeout, Assert.Throws<FramingException>(() => _assembler.Poll()).Error);
        Assert.False(_assembler.InProgress);
        AssertStillWorks();
    }

    [Fact]
    public void LateContinuation_IsReportedAsTimeout()
    {
        var packets = Packets(100);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        _clock.Advance(5000);
        Assert.Equal(FramingError.ReassemblyTimeout, Reject(packets[1]));
    }

    [Fact]
    public void NewStartAfterStall_BeginsAfresh()
    {
        var sender = new FrameSender(4096);
        var stale = Packets(100, 23, sender);
        _assembler.Accept(stale[0], 0, stale[0].Length);
        _clock.Advance(5000);
        AssertStillWorks(sender);
    }

    [Fact]
    public void DropMidMessageThenReconnect_DeliversTheResentMessage()
    {
        var sender = new FrameSender(4096);
        var packets = Packets(200, 23, sender);
        _assembler.Accept(packets[0], 0, packets[0].Length);
        _assembler.Accept(packets[1], 0, packets[1].Length);

        // The link drops: both ends reset for the new connection.
        sender.Reset();
        _assembler.Reset();
        Assert.False(_assembler.InProgress);

        var resent = Packets(200, 23, sender);
        Assert.Equal(0x80, resent[0][0]);
        bool done = false;
        foreach (var packet in resent)
        {
            done = _assembler.Accept(packet, 0, packet.Length);
        }

        Assert.True(done);
        Assert.Equal(200, _assembler.CompletedLength);
    }
}
