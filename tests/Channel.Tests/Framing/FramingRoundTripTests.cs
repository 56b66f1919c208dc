using CardFirmware.Channel.Framing;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Channel.Tests.Framing;

public class FramingRoundTripTests
{
    private const int Max = 4096;

    public static TheoryData<int> Mtus => new() { 23, 185, 247, 517 };

    [Theory]
    [MemberData(nameof(Mtus))]
    public void EverySizeUpToMax_RoundTrips(int mtu)
    {
        var clock = new VirtualClock();
        var sender = new FrameSender(Max);
        var assembler = new FrameAssembler(clock, Max, 1000);
        assembler.SetMtu(mtu);
        var sink = new PacketQueue(mtu);
        var random = new Random(mtu);
        var message = new byte[Max];
        random.NextBytes(message);
        for (int size = 0; size <= Max; size++)
        {
            sender.Begin(message, 0, size);
            Assert.True(sender.Pump(sink));
            Assert.Equal(FrameFormat.PacketCount(size, mtu - 3), sink.Packets.Count);
            int completed = 0;
            while (sink.Packets.TryDequeue(out var packet))
            {
                if (assembler.Accept(packet, 0, packet.Length))
                {
                    completed++;
                    Assert.Empty(sink.Packets);
                    Assert.Equal(size, assembler.CompletedLength);
                    Assert.True(message.AsSpan(0, size).SequenceEqual(assembler.CompletedMessage.AsSpan(0, size)));
                }
            }

            Assert.Equal(1, completed);
        }
    }

    [Fact]
    public void Header_IsThreeBytesOnStartAndOneOnContinuation()
    {
        var sender = new FrameSender(Max);
        var sink = new PacketQueue(23);
        var message = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        sender.Begin(message, 0, message.Length);
        sender.Pump(sink);
        var packets = sink.Packets.ToArray();
        Assert.Equal(3, packets.Length);
        Assert.Equal(new byte[] { 0x80, 0x00, 40 }, packets[0][..3]);
        Assert.Equal(20, packets[0].Length);
        Assert.Equal(0x01, packets[1][0]);
        Assert.Equal(20, packets[1].Length);
        Assert.Equal(0x02, packets[2][0]);
        Assert.Equal(5, packets[2].Length);

        sender.Begin(message, 0, 1);
        sender.Pump(sink);
        Assert.Equal(new byte[] { 0x81, 0x00, 0x01, 0x00 }, sink.Packets.Last());
    }

    [Fact]
    public void FragmentIndex_WrapsAfter127()
    {
        var clock = new VirtualClock();
        const int big = 19 * 300;
        var sender = new FrameSender(8192);
        var assembler = new FrameAssembler(clock, 8192, 1000);
        var sink = new PacketQueue(23);
        var message = new byte[big];
        new Random(7).NextBytes(message);
        sender.Begin(message, 0, big);
        sender.Pump(sink);
        Assert.True(sink.Packets.Count > 256);
        bool done = false;
        while (sink.Packets.TryDequeue(out var packet))
        {
            done = assembler.Accept(packet, 0, packet.Length);
        }

        Assert.True(done);
        Assert.True(message.AsSpan().SequenceEqual(assembler.CompletedMessage.AsSpan(0, big)));
    }

    [Fact]
    public void Sender_RespectsBackPressure_AndResumesWithTheSamePacket()
    {
        var clock = new VirtualClock();
        var sender = new FrameSender(Max);
        var assembler = new FrameAssembler(clock, Max, 1000);
        var sink = new PacketQueue(23, capacity: 2);
        var message = new byte[500];
        new Random(3).NextBytes(message);
        sender.Begin(message, 0, message.Length);
        int ticks = 0;
        bool done = false;
        while (!done)
        {
            Assert.True(ticks++ < 1000);
            bool sent = sender.Pump(sink);
            Assert.InRange(sink.Packets.Count, 0, 2);
            while (sink.Packets.TryDequeue(out var packet))
            {
                done = assembler.Accept(packet, 0, packet.Length);
            }

            Assert.Equal(done, sent);
        }

        Assert.True(sink.Refusals > 0);
        Assert.True(message.AsSpan().SequenceEqual(assembler.CompletedMessage.AsSpan(0, 500)));
    }

    [Fact]
    public void Sender_RefusesASecondMessageWhileBusy_AndOversizedMessages()
    {
        var sender = new FrameSender(100);
        var sink = new PacketQueue(23, capacity: 0);
        sender.Begin(new byte[50], 0, 50);
        Assert.False(sender.Pump(sink));
        Assert.Equal(FramingError.SenderBusy, Assert.Throws<FramingException>(() => sender.Begin(new byte[5], 0, 5)).Error);
        sender.Reset();
        Assert.Equal(FramingError.MessageTooLarge, Assert.Throws<FramingException>(() => sender.Begin(new byte[101], 0, 101)).Error);
    }

    [Fact]
    public void Assembler_RejectsInvalidConfiguration()
    {
        var clock = new VirtualClock();
        Assert.Equal(FramingError.InvalidConfiguration, Assert.Throws<FramingException>(() => new FrameAssembler(clock, 70000, 10)).Error);
        var assembler = new FrameAssembler(clock, 100, 10);
        Assert.Equal(FramingError.InvalidConfiguration, Assert.Throws<FramingException>(() => assembler.SetMtu(22)).Error);
        Assert.Equal(FramingError.InvalidConfiguration, Assert.Throws<FramingException>(() => assembler.SetMtu(518)).Error);
    }

    [Fact]
    public void MtuChangeMidMessage_StillReassembles()
    {
        var clock = new VirtualClock();
        var sender = new FrameSender(Max);
        var assembler = new FrameAssembler(clock, Max, 1000);
        assembler.SetMtu(247);
        var small = new PacketQueue(23, capacity: 3);
        var message = new byte[1000];
        new Random(5).NextBytes(message);
        sender.Begin(message, 0, message.Length);
        Assert.False(sender.Pump(small));
        var large = new PacketQueue(247);
        Assert.True(sender.Pump(large));
        bool done = false;
        foreach (var packet in small.Packets.Concat(large.Packets))
        {
            done = assembler.Accept(packet, 0, packet.Length);
        }

        Assert.True(done);
        Assert.True(message.AsSpan().SequenceEqual(assembler.CompletedMessage.AsSpan(0, 1000)));
    }
}
