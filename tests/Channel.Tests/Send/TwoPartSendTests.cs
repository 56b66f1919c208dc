using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Tests.Fuzz;
using CardFirmware.Channel.Tests.Framing;
using CardFirmware.Channel.Tests.Link;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Channel.Tests.Send;

/// <summary>
/// <see cref="CardChannel.Send(byte[], int, byte[], int, int)"/>: a reply's header and payload encrypted
/// together in the send buffer reach the phone as the one message they make, at every size and MTU.
/// </summary>
public class TwoPartSendTests
{
    [Theory]
    [InlineData("reference", 23)]
    [InlineData("reference", 247)]
    [InlineData("native", 185)]
    public void TwoParts_ArriveAsTheirConcatenation_AndTheSendBufferIsWipedAfterwards(string curve, int mtu)
    {
        const int MaxMessage = 4096;
        var clock = new VirtualClock();
        var toPhone = new PacketQueue(mtu);
        var card = new CardChannel(toPhone, clock, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get(curve),
            Curves.Arithmetic(curve), new TestKeys.SeededEntropy(3), MaxMessage, 500);
        card.OnConnected(mtu);
        var phone = new DirectPhone(card, toPhone, clock, mtu);
        Assert.True(phone.Handshake(5));
        var random = new Random(mtu);
        foreach (var bodyLength in new[] { 0, 1, 17, 300, MaxMessage - NoiseConstants.TransportOverhead - 5 })
        {
            var head = new byte[] { 1, 0x92, 0, 7, 0 };
            var body = new byte[bodyLength + 9];
            random.NextBytes(body);

            card.Send(head, head.Length, body, 9, bodyLength);

            Assert.Equal([.. head, .. body[9..]], phone.Receive());
        }
    }

    [Theory]
    [InlineData("reference", 23)]
    [InlineData("native", 185)]
    public void BodyWrittenInTheSendBuffer_ArrivesAfterTheHead(string curve, int mtu)
    {
        const int MaxMessage = 4096;
        var clock = new VirtualClock();
        var toPhone = new PacketQueue(mtu);
        var card = new CardChannel(toPhone, clock, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get(curve),
            Curves.Arithmetic(curve), new TestKeys.SeededEntropy(4), MaxMessage, 500);
        card.OnConnected(mtu);
        var phone = new DirectPhone(card, toPhone, clock, mtu);
        Assert.True(phone.Handshake(7));
        var random = new Random(mtu);
        var head = new byte[] { 1, 0x92, 0, 8, 0 };
        foreach (var bodyLength in new[] { 1, 300, card.MaxPlaintextSize - head.Length })
        {
            Assert.True(card.CanSend);
            var body = new byte[bodyLength];
            random.NextBytes(body);
            int at = card.PlaintextOffset + head.Length;
            body.CopyTo(card.SendBuffer, at);

            card.Send(head, head.Length, card.SendBuffer, at, bodyLength);

            Assert.Equal([.. head, .. body], phone.Receive());
        }
    }

    [Fact]
    public void TwoParts_AboveTheMaximum_AreRefusedBeforeAnythingIsSent()
    {
        var clock = new VirtualClock();
        var toPhone = new PacketQueue(23);
        var card = new CardChannel(toPhone, clock, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get("reference"),
            Curves.Arithmetic("reference"), new TestKeys.SeededEntropy(3), 256, 500);
        card.OnConnected(23);
        var phone = new DirectPhone(card, toPhone, clock, 23);
        Assert.True(phone.Handshake(6));

        var error = Assert.Throws<ChannelException>(() => card.Send(new byte[5], 5, new byte[256], 0, card.MaxPlaintextSize - 4));

        Assert.Equal(ChannelError.MessageTooLarge, error.Error);
        Assert.Empty(toPhone.Packets);
        Assert.True(card.CanSend);
    }
}
