using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Tests.Framing;
using CardFirmware.Channel.Tests.Link;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;

namespace CardFirmware.Channel.Tests.Fuzz;

/// <summary>A phone wired straight to a <see cref="CardChannel"/> through packet queues (no link timing).</summary>
internal sealed class DirectPhone
{
    private readonly CardChannel _card;
    private readonly PacketQueue _toPhone;
    private readonly FrameSender _sender = new(4096);
    private readonly FrameAssembler _assembler;
    private readonly PacketQueue _toCard;
    private NoiseTransport? _transport;

    public DirectPhone(CardChannel card, PacketQueue toPhone, VirtualClock clock, int mtu)
    {
        _card = card;
        _toPhone = toPhone;
        _toCard = new PacketQueue(mtu);
        _assembler = new FrameAssembler(clock, 4096, 1000);
        _assembler.SetMtu(mtu);
    }

    public List<ChannelEvent> CardEvents { get; } = [];

    /// <summary>Runs the whole handshake; returns true if the card reported it complete.</summary>
    public bool Handshake(int seed) => Handshake(seed, null);

    /// <summary>Runs the whole handshake, passing act three through <paramref name="mutateActThree"/> (null: as written).</summary>
    public bool Handshake(int seed, Func<byte[], byte[]>? mutateActThree)
    {
        var ephemeral = new byte[32];
        new Random(seed).NextBytes(ephemeral);
        var initiator = new NoiseInitiator(TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, new BouncyCastleCurve(), ephemeral);
        var actOne = new byte[50];
        initiator.WriteActOne(actOne, 0);
        Deliver(actOne);
        var actTwo = Collect() ?? throw new InvalidOperationException("no act two");
        var actThree = new byte[66];
        _transport = initiator.ReadActTwo(actTwo, 0, actTwo.Length, actThree, 0);
        Deliver(mutateActThree is null ? actThree : mutateActThree(actThree));
        return CardEvents.Contains(ChannelEvent.HandshakeComplete);
    }

    /// <summary>Sends one message through the transport; returns the card's event for its last packet.</summary>
    public ChannelEvent Send(byte[] message)
    {
        var framed = new byte[message.Length + NoiseConstants.TransportOverhead];
        _transport!.Encrypt(message, 0, message.Length, framed, 0);
        return Deliver(framed);
    }

    /// <summary>Reads the card's next message through the transport.</summary>
    public byte[] Receive()
    {
        var framed = Collect() ?? throw new InvalidOperationException("no message");
        var plain = new byte[framed.Length];
        var length = _transport!.Decrypt(framed, 0, framed.Length, plain, 0);
        return plain[..length];
    }

    public ChannelEvent Deliver(byte[] message)
    {
        _sender.Begin(message, 0, message.Length);
        _sender.Pump(_toCard);
        var last = ChannelEvent.None;
        while (_toCard.Packets.TryDequeue(out var packet))
        {
            last = _card.OnPacket(packet, 0, packet.Length);
            if (last != ChannelEvent.None)
            {
                CardEvents.Add(last);
            }
        }

        return last;
    }

    private byte[]? Collect()
    {
        _card.Pump();
        while (_toPhone.Packets.TryDequeue(out var packet))
        {
            if (_assembler.Accept(packet, 0, packet.Length))
            {
                return _assembler.CompletedMessage[.._assembler.CompletedLength];
            }
        }

        return null;
    }
}
