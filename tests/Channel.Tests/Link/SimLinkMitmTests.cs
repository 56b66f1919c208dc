using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Hal;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using Xunit.Abstractions;

namespace CardFirmware.Channel.Tests.Link;

/// <summary>
/// A man in the middle on the simulated BLE link: every ATT packet between the phone and the card's
/// framing and channel passes through <see cref="TamperingLink"/>, which may rewrite it. Whatever the
/// attacker does, the card reports no session it should not (only the honest, untampered handshakes
/// complete), never delivers an altered message, and a clean phone gets through afterwards.
/// </summary>
public class SimLinkMitmTests(ITestOutputHelper output)
{
    private static readonly byte[] AttackerPublic = AttackerKey();

    private static (SimBleLink Link, SimulatedChannelCard Card) NewCard()
    {
        var link = new SimBleLink(new VirtualClock());
        var card = new SimulatedChannelCard(link, TestKeys.CardPrivate, TestKeys.Prologue, Curves.Get("card"),
            new TestKeys.SeededEntropy(21), m => m);
        return (link, card);
    }

    private static byte[] AttackerKey()
    {
        var key = new byte[33];
        new BouncyCastleCurve().PublicKey(Hex.Decode("4444444444444444444444444444444444444444444444444444444444444444"), key);
        return key;
    }

    private static int Completed(SimulatedChannelCard card) => card.Events.Count(e => e == ChannelEvent.HandshakeComplete);

    private static void Hangup(SimBleLink link)
    {
        if (link.Phone.IsConnected)
        {
            link.Phone.Disconnect();
        }

        link.Clock.Advance(300);
        while (link.Phone.TryTakeNotification(out _))
        {
        }
    }

    private static void AssertACleanPhoneStillGetsThrough(SimBleLink link, SimulatedChannelCard card)
    {
        Hangup(link);
        int before = Completed(card);
        Assert.True(link.Phone.ConnectAndWait(23));
        using var phone = new PhoneChannel(new SimCardLink(link), TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue);
        phone.Handshake();
        var message = new byte[150];
        new Random(5).NextBytes(message);
        Assert.Equal(message, phone.Exchange(message));
        Assert.Equal(before + 1, Completed(card));
    }

    /// <summary>
    /// One bit flipped in one byte of one handshake packet, for every packet and every byte position (a
    /// seeded random bit each) at MTU 23: act one (3 packets) and act three (4) towards the card, act two
    /// (3) towards the phone.
    /// </summary>
    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(true, 7)]
    [InlineData(false, 3)]
    public void BitFlipInAnyHandshakePacket_NeverYieldsASession(bool towardsCard, int packets)
    {
        var (link, card) = NewCard();
        var random = new Random(towardsCard ? 1 : 2);
        int cases = 0;
        int relayed = 0;
        for (int k = 0; k < packets; k++)
        {
            for (int i = 0; i < 20; i++)
            {
                int bit = random.Next(8);
                bool hit = false;
                bool messageIdOnly = false;
                Assert.True(link.Phone.ConnectAndWait(23));
                var mitm = new TamperingLink(new SimCardLink(link));
                TamperingLink.Rewrite flip = (n, p) =>
                {
                    if (n == k && i < p.Length)
                    {
                        // The message id of a start packet (byte 0, low 7 bits) is framing metadata: the first
                        // message after a connect resynchronises it (firmware/Channel/README.md).
                        messageIdOnly = i == 0 && (p[0] & FrameFormat.StartFlag) != 0 && bit < 7;
                        p[i] ^= (byte)(1 << bit);
                        hit = true;
                    }
                };
                if (towardsCard)
                {
                    mitm.ToCard = flip;
                }
                else
                {
                    mitm.ToPhone = flip;
                }

                int before = Completed(card);
                using (var phone = new PhoneChannel(mitm, TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, timeoutMilliseconds: 1000))
                {
                    var error = Record.Exception(phone.Handshake);
                    link.Clock.Advance(100);
                    if (hit && messageIdOnly && Completed(card) != before)
                    {
                        // Only the framing's message id changed and the acts arrived intact: this is the
                        // honest phone's session (both ends agree; the attacker holds no key).
                        relayed++;
                        Assert.Null(error);
                        Assert.True(phone.IsEstablished);
                        Assert.Equal(before + 1, Completed(card));
                        Assert.Equal(TestKeys.PhonePublic, card.Channel.RemoteStaticKey());
                    }
                    else if (hit)
                    {
                        cases++;
                        Assert.Equal(before, Completed(card));
                        Assert.NotEqual(ChannelState.Established, card.Channel.State);
                        Assert.Null(card.Channel.RemoteStaticKey());
                        if (!towardsCard)
                        {
                            Assert.NotNull(error);
                        }
                    }
                }

                Hangup(link);
            }
        }

        output.WriteLine($"{cases} tampered handshakes refused, {relayed} with only the framing message id changed completed as the honest session");
        Assert.True(cases + relayed >= (towardsCard ? 127 : 55) && relayed <= (towardsCard ? 2 : 1), $"{cases} cases, {relayed} relayed");
        AssertACleanPhoneStillGetsThrough(link, card);
    }

    /// <summary>At MTU 247 each act is one packet (3-byte framing header, then the act).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AttackerKeySubstitutedInAnAct_NeverYieldsASession(int act)
    {
        var (link, card) = NewCard();
        Assert.True(link.Phone.ConnectAndWait(247));
        var mitm = new TamperingLink(new SimCardLink(link));
        TamperingLink.Rewrite substitute = (n, p) =>
        {
            if (n == (act == 3 ? 1 : 0))
            {
                AttackerPublic.CopyTo(p, 3 + 1);
            }
        };
        if (act == 2)
        {
            mitm.ToPhone = substitute;
        }
        else
        {
            mitm.ToCard = substitute;
        }

        using (var phone = new PhoneChannel(mitm, TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, timeoutMilliseconds: 1000))
        {
            var error = Record.Exception(phone.Handshake);
            link.Clock.Advance(100);
            Assert.Equal(0, Completed(card));
            Assert.NotEqual(ChannelState.Established, card.Channel.State);
            switch (act)
            {
                case 1:
                    Assert.Equal(ChannelError.ActOneBadTag, card.Channel.LastChannelError);
                    break;
                case 2:
                    Assert.Equal(ChannelError.ActTwoBadTag, Assert.IsType<ChannelException>(error).Error);
                    break;
                default:
                    Assert.Equal(ChannelError.ActThreeBadCiphertext, card.Channel.LastChannelError);
                    break;
            }
        }

        AssertACleanPhoneStillGetsThrough(link, card);
    }

    [Fact]
    public void ReplayedActOneAndActThree_FromAnEarlierSession_NeverYieldASession()
    {
        var (link, card) = NewCard();
        Assert.True(link.Phone.ConnectAndWait(23));
        var recorder = new TamperingLink(new SimCardLink(link));
        using (var phone = new PhoneChannel(recorder, TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue))
        {
            phone.Handshake();
            Assert.Equal(new byte[] { 1, 2, 3 }, phone.Exchange([1, 2, 3]));
        }

        Assert.Equal(1, Completed(card));
        var actOne = recorder.Written.Take(3).ToList();
        var actThree = recorder.Written.Skip(3).Take(4).ToList();
        var firstMessage = recorder.Written.Skip(7).ToList();
        Hangup(link);

        // Replayed act one draws a fresh act two (XK cannot tell), but the old act three was bound to the
        // old ephemeral exchange; the card refuses it and drops the link.
        Assert.True(link.Phone.ConnectAndWait(23));
        actOne.ForEach(p => Assert.True(link.Phone.Write(p)));
        link.Clock.Advance(200);
        Assert.True(link.Phone.PendingNotifications > 0);
        actThree.ForEach(p => link.Phone.Write(p));
        firstMessage.ForEach(p => link.Phone.Write(p));
        link.Clock.Advance(300);
        Assert.Equal(1, Completed(card));
        Assert.Equal(ChannelError.ActThreeBadCiphertext, card.Channel.LastChannelError);
        Assert.False(link.Phone.IsConnected);
        Hangup(link);

        // Act three replayed in place of act one is refused too.
        Assert.True(link.Phone.ConnectAndWait(23));
        actThree.ForEach(p => link.Phone.Write(p));
        link.Clock.Advance(300);
        Assert.Equal(1, Completed(card));
        Assert.NotEqual(ChannelState.Established, card.Channel.State);
        Assert.Single(card.Received);

        AssertACleanPhoneStillGetsThrough(link, card);
    }

    /// <summary>One bit flipped in each byte position of each packet of a 100-byte message (134 framed bytes, 8 packets at MTU 23).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void BitFlipInAnyTransportPacket_NeverDeliversAnAlteredMessage()
    {
        var (link, card) = NewCard();
        var random = new Random(3);
        var message = new byte[100];
        random.NextBytes(message);
        int cases = 0;
        int headerCases = 0;
        for (int k = 0; k < 8; k++)
        {
            for (int i = 0; i < 20; i++)
            {
                int bit = random.Next(8);
                bool hit = false;
                bool headerByte = false;
                Assert.True(link.Phone.ConnectAndWait(23));
                var mitm = new TamperingLink(new SimCardLink(link));
                using var phone = new PhoneChannel(mitm, TestKeys.PhonePrivate, TestKeys.CardPublic, TestKeys.Prologue, timeoutMilliseconds: 1000);
                phone.Handshake();
                int received = card.Received.Count;
                int first = mitm.Written.Count;
                mitm.ToCard = (n, p) =>
                {
                    if (n == first + k && i < p.Length)
                    {
                        headerByte = k == 0 ? i < 3 : i < 1;
                        p[i] ^= (byte)(1 << bit);
                        hit = true;
                    }
                };
                Record.Exception(() => phone.Send(message));
                link.Clock.Advance(300);
                if (hit)
                {
                    cases++;
                    headerCases += headerByte ? 1 : 0;
                    var delivered = card.Received.Skip(received).ToList();
                    Assert.All(delivered, m => Assert.Equal(message, m));
                    if (!headerByte)
                    {
                        Assert.Empty(delivered);
                        Assert.True(card.Channel.LastChannelError is ChannelError.TransportBadLengthTag or ChannelError.TransportBadBodyTag,
                            $"packet {k} byte {i}: {card.Channel.LastChannelError}");
                        Assert.False(link.Phone.IsConnected);
                    }
                }

                Hangup(link);
            }
        }

        output.WriteLine($"{cases} tampered transport packets, {headerCases} in framing headers");
        Assert.True(cases >= 130, $"{cases} cases");
        AssertACleanPhoneStillGetsThrough(link, card);
    }

    /// <summary>An <see cref="ICardLink"/> that lets a test rewrite (in place) each packet in either direction.</summary>
    private sealed class TamperingLink(ICardLink inner) : ICardLink
    {
        /// <summary>Rewrites packet number <c>index</c> (0-based per direction, counted on this link) in place.</summary>
        public delegate void Rewrite(int index, byte[] packet);

        public Rewrite? ToCard { get; set; }

        public Rewrite? ToPhone { get; set; }

        /// <summary>Every packet the phone wrote, as written (before rewriting).</summary>
        public List<byte[]> Written { get; } = [];

        private int _notifications;

        public IClock Clock => inner.Clock;

        public bool IsConnected => inner.IsConnected;

        public int Mtu => inner.Mtu;

        public bool TryWrite(byte[] packet, int offset, int count)
        {
            var original = packet.AsSpan(offset, count).ToArray();
            var sent = (byte[])original.Clone();
            ToCard?.Invoke(Written.Count, sent);
            if (!inner.TryWrite(sent, 0, sent.Length))
            {
                return false;
            }

            Written.Add(original);
            return true;
        }

        public bool TryTakeNotification(out byte[] packet)
        {
            if (!inner.TryTakeNotification(out packet))
            {
                return false;
            }

            ToPhone?.Invoke(_notifications++, packet);
            return true;
        }

        public void WaitForActivity(int milliseconds) => inner.WaitForActivity(milliseconds);
    }
}
