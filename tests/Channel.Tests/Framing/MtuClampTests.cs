using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Tests.Link;
using CardFirmware.HalSim.Time;

namespace CardFirmware.Channel.Tests.Framing;

/// <summary>The MTU comes from the radio, i.e. from outside: the channel clamps it to the ATT range instead of throwing.</summary>
public class MtuClampTests
{
    [Theory]
    [InlineData(518, FrameFormat.MaxAttMtu)]
    [InlineData(65535, FrameFormat.MaxAttMtu)]
    [InlineData(22, FrameFormat.MinAttMtu)]
    [InlineData(0, FrameFormat.MinAttMtu)]
    [InlineData(-1, FrameFormat.MinAttMtu)]
    public void CardChannel_TakesAnMtuOutsideTheAttRange_ClampedToIt(int reported, int expected)
    {
        var card = new CardChannel(new PacketQueue(expected), new VirtualClock(), TestKeys.CardPrivate, TestKeys.Prologue,
            Curves.Get("reference"), new TestKeys.SeededEntropy(3), 1024, 500);

        card.OnConnected(reported);
        card.OnMtuChanged(reported);
        card.OnPacket(new byte[expected - FrameFormat.AttOverhead], 0, expected - FrameFormat.AttOverhead);
        var longestAllowed = card.LastFramingError;
        var tooLong = card.OnPacket(new byte[expected - FrameFormat.AttOverhead + 1], 0, expected - FrameFormat.AttOverhead + 1);

        Assert.NotEqual(FramingError.PacketTooLong, longestAllowed);
        Assert.Equal(ChannelEvent.PacketRejected, tooLong);
        Assert.Equal(FramingError.PacketTooLong, card.LastFramingError);
    }
}
