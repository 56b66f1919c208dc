using CardFirmware.Channel.Framing;
using CardFirmware.Fuzz.Rigs;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// BLE transport framing as the card receives it (<see cref="FrameAssembler"/>). Input:
/// <c>mtu(1) | chunks</c>; the ATT MTU is 23 + 2 * mtu (up to 533, so refused values are tried too);
/// each chunk is <c>clock step(1) | packet</c>, the step advancing the clock by 40 ms per unit before
/// the packet (the reassembly timeout is 2 s). Invariants beyond "typed refusals only": a completed
/// message is within the configured maximum, a refusal leaves the assembler idle, and every completed
/// message sent again through the card's <see cref="FrameSender"/> reassembles to the same bytes.
/// </summary>
internal sealed class FramesTarget : FuzzTarget
{
    private const int MaxMessage = 4096;
    private const int TimeoutMilliseconds = 2000;
    private const int MillisecondsPerStep = 40;

    public override string Name => "frames";

    public override string Description => "FrameAssembler: BLE packets, reassembly, sequence and timeout checks";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var clock = new ManualClock();
        var assembler = new FrameAssembler(clock, MaxMessage, TimeoutMilliseconds);
        var mtu = 23 + (2 * input[0]);
        try
        {
            assembler.SetMtu(mtu);
        }
        catch (FramingException)
        {
            // An MTU outside 23..517 is refused; the assembler keeps the ATT minimum.
            mtu = FrameFormat.MinAttMtu;
        }

        foreach (var chunk in Chunks.Split(input, 1))
        {
            if (chunk.Length > 0)
            {
                clock.Advance(chunk[0] * MillisecondsPerStep);
            }

            try
            {
                if (assembler.Accept(chunk, 1, chunk.Length - 1))
                {
                    CheckCompleted(assembler, mtu);
                }
            }
            catch (FramingException)
            {
                if (assembler.InProgress)
                {
                    throw new FuzzFinding("A refused packet left a partial message in progress.");
                }
            }

            try
            {
                assembler.Poll();
            }
            catch (FramingException)
            {
                if (assembler.InProgress)
                {
                    throw new FuzzFinding("A reassembly timeout left a partial message in progress.");
                }
            }
        }
    }

    private static void CheckCompleted(FrameAssembler assembler, int mtu)
    {
        var length = assembler.CompletedLength;
        if (length < 0 || length > MaxMessage || assembler.InProgress)
        {
            throw new FuzzFinding("A completed message has length " + length + " or the assembler is still busy.");
        }

        var message = assembler.CompletedMessage.AsSpan(0, length).ToArray();
        var sender = new FrameSender(MaxMessage);
        var sink = new CollectingSink(mtu - FrameFormat.AttOverhead);
        sender.Begin(message, 0, message.Length);
        if (!sender.Pump(sink))
        {
            throw new FuzzFinding("The sender kept packets back from a sink that takes all.");
        }

        var again = new FrameAssembler(new ManualClock(), MaxMessage, TimeoutMilliseconds);
        again.SetMtu(mtu);
        var completed = false;
        foreach (var packet in sink.Packets)
        {
            completed = again.Accept(packet, 0, packet.Length);
        }

        if (!completed || !again.CompletedMessage.AsSpan(0, again.CompletedLength).SequenceEqual(message))
        {
            throw new FuzzFinding("A message sent again through the card's sender did not reassemble to the same bytes.");
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        foreach (var (mtu, length) in new[] { (23, 5), (23, 60), (247, 600), (517, 1500), (23, 0) })
        {
            var message = new byte[length];
            for (var i = 0; i < length; i++)
            {
                message[i] = (byte)(i * 7);
            }

            var sender = new FrameSender(MaxMessage);
            var sink = new CollectingSink(mtu - FrameFormat.AttOverhead);
            sender.Begin(message, 0, length);
            sender.Pump(sink);
            var chunks = sink.Packets.Select(p => (byte[])[0, .. p]);
            yield return ("mtu" + mtu + "-len" + length, Chunks.Join([(byte)((mtu - 23) / 2)], chunks));
        }
    }

    /// <summary>A radio that takes every packet, keeping copies.</summary>
    private sealed class CollectingSink(int maxPacketSize) : IPacketSink
    {
        public List<byte[]> Packets { get; } = [];

        public int MaxPacketSize => maxPacketSize;

        public bool TrySend(byte[] packet, int offset, int count)
        {
            Packets.Add(packet.AsSpan(offset, count).ToArray());
            return true;
        }
    }
}
