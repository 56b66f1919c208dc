using CardFirmware.Channel.Framing;

namespace CardFirmware.Channel.Tests.Framing;

/// <summary>A test sink: records packets; refuses once <see cref="Capacity"/> packets are queued.</summary>
internal sealed class PacketQueue(int mtu, int capacity = int.MaxValue) : IPacketSink
{
    public Queue<byte[]> Packets { get; } = new();

    public int Capacity { get; set; } = capacity;

    public int Refusals { get; private set; }

    public int MaxPacketSize => mtu - FrameFormat.AttOverhead;

    public bool TrySend(byte[] packet, int offset, int count)
    {
        Assert.InRange(count, 1, MaxPacketSize);
        if (Packets.Count >= Capacity)
        {
            Refusals++;
            return false;
        }

        Packets.Enqueue(packet.AsSpan(offset, count).ToArray());
        return true;
    }
}
