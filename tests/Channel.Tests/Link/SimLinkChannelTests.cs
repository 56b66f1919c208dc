using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Channel.Tests.Link;

/// <summary>Phone and card over the simulated BLE link: handshake, echo at every MTU, drops and reconnects.</summary>
public class SimLinkChannelTests
{
    private static (SimBleLink Link, SimulatedChannelCard Card) NewCard(string curve, LinkProfile? profile = null, Func<byte[], byte[]?>? handler = null)
    {
        var link = new SimBleLink(new VirtualClock(), profile);
        var card = new SimulatedChannelCard(link, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get(curve),
            new TestKeys.SeededEntropy(11), handler ?? (m => m), arithmetic: Curves.Arithmetic(curve));
        return (link, card);
    }

    public static TheoryData<string, int> CurvesAndMtus()
    {
        var data = new TheoryData<string, int>();
        foreach (var curve in Curves.Names)
        {
            foreach (var mtu in new[] { 23, 185, 247, 517 })
            {
                data.Add(curve, mtu);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(CurvesAndMtus))]
    public void Phone_HandshakesAndEchoesMessagesOfEverySize(string curve, int mtu)
    {
        var (link, card) = NewCard(curve);
        Assert.True(link.Phone.ConnectAndWait(mtu));
        using var phone = new PhoneChannel(new SimCardLink(link), TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue);
        phone.Handshake();
        foreach (var size in new[] { 0, 1, 17, 100, 1000, phone.MaxPlaintextSize })
        {
            var message = new byte[size];
            new Random(size).NextBytes(message);
            Assert.Equal(message, phone.Exchange(message));
        }

        Assert.Equal(TestKeys.PhonePublic, card.LastRemoteStaticKey);
        Assert.Equal(ChannelState.Established, card.Channel.State);
        Assert.DoesNotContain(ChannelEvent.Failed, card.Events);
    }

    [Fact]
    public void Phone_WithWrongCardKey_NeverEstablishes()
    {
        var (link, card) = NewCard("reference");
        Assert.True(link.Phone.ConnectAndWait(185));
        var otherCard = new byte[33];
        new BouncyCastleCurve().PublicKey(Hex.Decode("3333333333333333333333333333333333333333333333333333333333333333"), otherCard);
        using var phone = new PhoneChannel(new SimCardLink(link), TestKeys.PhonePrivate, otherCard, TestKeys.Prologue);
        Assert.ThrowsAny<Exception>(() => phone.Handshake());
        Assert.Equal(ChannelError.ActOneBadTag, card.Channel.LastChannelError);
        Assert.DoesNotContain(ChannelEvent.HandshakeComplete, card.Events);
        Assert.Null(card.LastRemoteStaticKey);
    }

    [Fact]
    public void LinkLossMidMessage_ThenReconnect_StartsAFreshSession()
    {
        // The 6th ATT packet (both directions counted) is lost: the echo of a long message breaks mid-way.
        var profile = LinkProfile.Esp32ToPhone with { DropAfterPackets = 6, SupervisionTimeoutMs = 500 };
        var (link, card) = NewCard("reference", profile);
        Assert.True(link.Phone.ConnectAndWait(23));
        using (var phone = new PhoneChannel(new SimCardLink(link), TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue))
        {
            phone.Handshake();
            Assert.ThrowsAny<IOException>(() => phone.Exchange(new byte[300]));
        }

        link.Clock.Advance(1000);
        Assert.Equal(ChannelState.Disconnected, card.Channel.State);
        Assert.True(link.Phone.ConnectAndWait(23));
        using var again = new PhoneChannel(new SimCardLink(link), TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue);
        again.Handshake();
        var message = new byte[300];
        new Random(1).NextBytes(message);
        Assert.Equal(message, again.Exchange(message));
    }

    [Fact]
    public void CardNotifications_RespectTheRadioQueue()
    {
        var profile = LinkProfile.Conservative with { CardQueuePackets = 2 };
        var (link, card) = NewCard("reference", profile);
        Assert.True(link.Phone.ConnectAndWait(23));
        using var phone = new PhoneChannel(new SimCardLink(link), TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue,
            timeoutMilliseconds: 60_000);
        phone.Handshake();
        var message = new byte[3000];
        new Random(2).NextBytes(message);
        Assert.Equal(message, phone.Exchange(message));
        Assert.True(link.Card.NotifyRefusals > 0);
    }
}
