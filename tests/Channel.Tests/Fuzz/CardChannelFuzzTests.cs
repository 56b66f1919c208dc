using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Tests.Framing;
using CardFirmware.Channel.Tests.Link;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;

namespace CardFirmware.Channel.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the card's framing and channel: random and mutated packets and handshake
/// messages. Properties: no exception escapes (only typed events), every call returns (no hang),
/// the card's buffers never grow, and a good phone still gets through afterwards wherever the
/// protocol allows (framing junk leaves a session alone; a bad whole message ends it, and the next
/// connection works).
/// </summary>
public class CardChannelFuzzTests
{
    private const int Mtu = 23;
    private const int MaxMessage = 1024;

    private static (CardChannel Card, PacketQueue ToPhone, VirtualClock Clock) NewCard(string curve = "reference")
    {
        var clock = new VirtualClock();
        var toPhone = new PacketQueue(Mtu);
        var card = new CardChannel(toPhone, clock, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get(curve),
            Curves.Arithmetic(curve), new TestKeys.SeededEntropy(3), MaxMessage, 500);
        card.OnConnected(Mtu);
        return (card, toPhone, clock);
    }

    private static byte[] RandomPacket(Random random)
    {
        var packet = new byte[random.Next(0, 24)];
        random.NextBytes(packet);
        if (packet.Length > 0 && random.Next(4) == 0)
        {
            // Bias towards plausible start packets with small declared lengths.
            packet[0] |= FrameFormat.StartFlag;
            if (packet.Length > 2)
            {
                packet[1] = 0;
            }
        }

        return packet;
    }

    [Fact]
    public void RandomPackets_BeforeHandshake_OnlyTypedEvents_ThenAGoodPhoneConnects()
    {
        var (card, toPhone, clock) = NewCard();
        var random = new Random(1234);
        var counts = new Dictionary<ChannelEvent, int>();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5000; i++)
        {
            var packet = RandomPacket(random);
            var e = card.OnPacket(packet, 0, packet.Length);
            counts[e] = counts.GetValueOrDefault(e) + 1;
            if (random.Next(50) == 0)
            {
                clock.Advance(random.Next(1000));
                card.Pump();
            }

            if (card.State == ChannelState.Failed)
            {
                card.OnConnected(Mtu);
            }

            toPhone.Packets.Clear();
        }

        long perPacket = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 5000;
        Assert.True(perPacket < 2048, $"{perPacket} bytes allocated per junk packet");
        Assert.True(counts.GetValueOrDefault(ChannelEvent.PacketRejected) > 1000);
        Assert.Equal(MaxMessage - NoiseConstants.TransportOverhead, card.MaxPlaintextSize);

        card.OnConnected(Mtu);
        var phone = new DirectPhone(card, toPhone, clock, Mtu);
        Assert.True(phone.Handshake(1));
        Assert.Equal(ChannelEvent.MessageReceived, phone.Send("after the junk"u8.ToArray()));
    }

    [Fact]
    public void FramingJunk_DuringASession_LeavesItUsable()
    {
        var (card, toPhone, clock) = NewCard();
        var phone = new DirectPhone(card, toPhone, clock, Mtu);
        Assert.True(phone.Handshake(2));
        var random = new Random(99);
        int messages = 0;
        for (int round = 0; round < 300; round++)
        {
            // Junk that cannot complete a message: continuations with no start, empty packets,
            // oversize declarations, over-long packets.
            for (int j = 0; j < 10; j++)
            {
                byte[] junk = random.Next(4) switch
                {
                    0 => [],
                    1 => [(byte)random.Next(0x80), 1, 2, 3],
                    2 => [(byte)(0x80 | random.Next(0x80)), 0xFF, 0xFF, 9],
                    _ => new byte[21 + random.Next(10)],
                };
                Assert.Equal(ChannelEvent.PacketRejected, card.OnPacket(junk, 0, junk.Length));
            }

            var message = new byte[random.Next(0, 200)];
            random.NextBytes(message);
            Assert.Equal(ChannelEvent.MessageReceived, phone.Send(message));
            Assert.Equal(message, card.ReceivedMessage[card.ReceivedOffset..(card.ReceivedOffset + card.ReceivedLength)]);
            messages++;
        }

        Assert.Equal(300, messages);
        Assert.Equal(ChannelState.Established, card.State);

        card.OnDisconnected();
        Assert.Equal(ChannelState.Disconnected, card.State);
        Assert.All(card.ReceivedMessage, b => Assert.Equal(0, b));
        Assert.Null(card.RemoteStaticKey());
    }

    [Fact]
    public void MutatedHandshakeMessages_NeverEstablish_AndTheNextConnectionWorks()
    {
        var (card, toPhone, clock) = NewCard();
        var random = new Random(4321);
        var good = new byte[50];
        using (var initiator = new NoiseInitiator(TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, new BouncyCastleCurve(), Hex.Decode(Bolt8Vectors.InitiatorEphemeralPrivate)))
        {
            initiator.WriteActOne(good, 0);
        }

        var phone = new DirectPhone(card, toPhone, clock, Mtu);
        for (int i = 0; i < 200; i++)
        {
            var act = Mutate(good, random, 80);

            if (act.AsSpan().SequenceEqual(good))
            {
                continue;
            }

            var e = phone.Deliver(act);
            Assert.True(e is ChannelEvent.Failed or ChannelEvent.None, $"case {i}: {e}");
            Assert.NotEqual(ChannelState.Established, card.State);
            if (e == ChannelEvent.None)
            {
                // A zero-length act cannot even be framed as a complete act; nothing changes.
                Assert.Equal(ChannelState.AwaitingActOne, card.State);
            }

            card.OnConnected(Mtu);
            toPhone.Packets.Clear();
        }

        Assert.True(new DirectPhone(card, toPhone, clock, Mtu).Handshake(3));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void MutatedActThree_NeverEstablishes_AndTheNextConnectionWorks()
    {
        var (card, toPhone, clock) = NewCard();
        var random = new Random(8765);
        int cases = 0;
        for (int i = 0; i < 200; i++)
        {
            var phone = new DirectPhone(card, toPhone, clock, Mtu);
            bool changed = false;
            bool established = phone.Handshake(100 + i, good =>
            {
                var act = Mutate(good, random, 100);

                changed = !act.AsSpan().SequenceEqual(good);
                return act;
            });
            if (changed)
            {
                cases++;
                Assert.False(established, $"case {i}");
                Assert.NotEqual(ChannelState.Established, card.State);
                Assert.Null(card.RemoteStaticKey());
            }

            card.OnConnected(Mtu);
            toPhone.Packets.Clear();
        }

        Assert.True(cases > 150, $"{cases} cases");
        Assert.True(new DirectPhone(card, toPhone, clock, Mtu).Handshake(4));
    }

    [Fact]
    public void RandomWholeMessagesAfterHandshake_EndTheSession_WithATypedReason()
    {
        var random = new Random(77);
        for (int i = 0; i < 40; i++)
        {
            var (card, toPhone, clock) = NewCard();
            var phone = new DirectPhone(card, toPhone, clock, Mtu);
            Assert.True(phone.Handshake(10 + i));
            var junk = new byte[random.Next(0, 120)];
            random.NextBytes(junk);
            Assert.Equal(ChannelEvent.Failed, phone.Deliver(junk));
            Assert.Equal(ChannelState.Failed, card.State);
            Assert.True(card.LastChannelError is ChannelError.TransportBadLength or ChannelError.TransportBadLengthTag);
            Assert.Null(card.RemoteStaticKey());
        }
    }

    [Fact]
    public void RandomPacketsIntoTheAssembler_TensOfThousands_OnlyFramingExceptions()
    {
        var clock = new VirtualClock();
        var assembler = new FrameAssembler(clock, 512, 100);
        assembler.SetMtu(185);
        var random = new Random(555);
        int completed = 0;
        for (int i = 0; i < 30000; i++)
        {
            var packet = new byte[random.Next(0, 190)];
            random.NextBytes(packet);
            if (packet.Length > 3 && random.Next(3) == 0)
            {
                packet[0] = (byte)(0x80 | random.Next(4));
                packet[1] = (byte)random.Next(3);
            }

            try
            {
                if (assembler.Accept(packet, 0, packet.Length))
                {
                    completed++;
                    Assert.InRange(assembler.CompletedLength, 0, 512);
                }
            }
            catch (FramingException e)
            {
                Assert.True(Enum.IsDefined(e.Error));
                Assert.False(assembler.InProgress);
            }

            if (random.Next(100) == 0)
            {
                clock.Advance(random.Next(200));
            }
        }

        Assert.True(completed > 0);
    }

    // One to three mutations of a handshake act: a flipped bit, a replaced byte, or a new length below maxLength.
    private static byte[] Mutate(byte[] good, Random random, int maxLength)
    {
        var act = (byte[])good.Clone();
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            switch (act.Length == 0 ? 2 : random.Next(3))
            {
                case 0: act[random.Next(act.Length)] ^= (byte)(1 << random.Next(8)); break;
                case 1: act[random.Next(act.Length)] = (byte)random.Next(256); break;
                default: Array.Resize(ref act, random.Next(0, maxLength)); break;
            }
        }

        return act;
    }
}
