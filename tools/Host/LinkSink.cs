using CardFirmware.Channel.Framing;

namespace CardFirmware.Host;

/// <summary>Adapts an <see cref="ICardLink"/>'s writes to the framing layer's <see cref="IPacketSink"/>.</summary>
internal sealed class LinkSink(ICardLink link) : IPacketSink
{
    public int MaxPacketSize => Math.Clamp(link.Mtu, FrameFormat.MinAttMtu, FrameFormat.MaxAttMtu) - FrameFormat.AttOverhead;

    public bool TrySend(byte[] packet, int offset, int count) => link.TryWrite(packet, offset, count);
}
