using CardFirmware.Crypto.Threshold;
using CardFirmware.Crypto;
using CardFirmware.Channel.Noise;
using CardFirmware.Host;
using static CardFirmware.Channel.Tests.Bolt8Vectors;

namespace CardFirmware.Channel.Tests.Noise;

/// <summary>
/// An active attacker between the phone (initiator) and the card (responder): the acts are piped
/// through a tamper hook. In every case no transport may come out on either side, except where the
/// attacker simply relays (then both sides agree and the attacker holds no key).
/// </summary>
public class MitmTests
{
    private static readonly byte[] Prologue = Ascii.Bytes(NoiseConstants.ProductPrologue);
    private static readonly BouncyCastleCurve Curve = new();
    private static readonly byte[] AttackerStatic = Hex.Decode("4444444444444444444444444444444444444444444444444444444444444444");

    private delegate void Tamper(int act, byte[] message);

    /// <summary>Runs a handshake with the acts passing through <paramref name="tamper"/>; returns the two sides' outcome.</summary>
    private static (NoiseTransport? Phone, NoiseTransport? Card, ChannelError? PhoneError, ChannelError? CardError) Run(Tamper tamper, int seed)
    {
        var random = new Random(seed);
        var phoneEphemeral = ValidKey(random);
        var cardEphemeral = ValidKey(random);
        using var phone = new NoiseInitiator(Hex.Decode(InitiatorStaticPrivate), Hex.Decode(ResponderStaticPublic), Prologue, Curve, phoneEphemeral);
        using var card = new NoiseResponder(Hex.Decode(ResponderStaticPrivate), Prologue, Curve, cardEphemeral);
        var actOne = new byte[50];
        phone.WriteActOne(actOne, 0);
        tamper(1, actOne);
        var actTwo = new byte[50];
        try
        {
            card.ReadActOne(actOne, 0, 50, actTwo, 0);
        }
        catch (ChannelException e)
        {
            return (null, null, null, e.Error);
        }

        tamper(2, actTwo);
        var actThree = new byte[66];
        NoiseTransport phoneTransport;
        try
        {
            phoneTransport = phone.ReadActTwo(actTwo, 0, 50, actThree, 0);
        }
        catch (ChannelException e)
        {
            return (null, null, e.Error, null);
        }

        tamper(3, actThree);
        try
        {
            return (phoneTransport, card.ReadActThree(actThree, 0, 66), null, null);
        }
        catch (ChannelException e)
        {
            return (phoneTransport, null, null, e.Error);
        }
    }

    private static byte[] ValidKey(Random random)
    {
        var key = new byte[32];
        do
        {
            random.NextBytes(key);
        }
        while (!Curve.IsValidPrivateKey(key));
        return key;
    }

    private static byte[] PublicKey(byte[] privateKey)
    {
        var pub = new byte[33];
        Curve.PublicKey(privateKey, pub);
        return pub;
    }

    [Fact]
    public void Relay_WithoutTampering_Establishes()
    {
        var (phone, card, _, _) = Run((_, _) => { }, 1);
        Assert.NotNull(phone);
        Assert.NotNull(card);
        Assert.Equal(Hex.Decode(InitiatorStaticPublic), card!.RemoteStaticKey());
    }

    [Fact]
    public void AttackerEphemeralSubstitutedInActOne_CardRejects()
    {
        var attackerE = PublicKey(AttackerStatic);
        var (phone, card, _, cardError) = Run((act, m) => { if (act == 1) { attackerE.CopyTo(m, 1); } }, 2);
        Assert.Null(card);
        Assert.Null(phone);
        Assert.Equal(ChannelError.ActOneBadTag, cardError);
    }

    [Fact]
    public void AttackerEphemeralSubstitutedInActTwo_PhoneRejects()
    {
        var attackerE = PublicKey(AttackerStatic);
        var (phone, card, phoneError, _) = Run((act, m) => { if (act == 2) { attackerE.CopyTo(m, 1); } }, 3);
        Assert.Null(phone);
        Assert.Null(card);
        Assert.Equal(ChannelError.ActTwoBadTag, phoneError);
    }

    [Fact]
    public void AttackerStaticKeySubstitutedInActThree_CardRejects()
    {
        // The attacker cannot encrypt its own static key under temp_k2 (unknown to it); overwriting
        // the ciphertext with its key bytes fails the act three ciphertext MAC.
        var attackerS = PublicKey(AttackerStatic);
        var (_, card, _, cardError) = Run((act, m) => { if (act == 3) { attackerS.CopyTo(m, 1); } }, 4);
        Assert.Null(card);
        Assert.Equal(ChannelError.ActThreeBadCiphertext, cardError);
    }

    [Fact]
    public void AttackerPosingAsCard_WithItsOwnStaticKey_PhoneRejects()
    {
        // The phone was given the real card's key (QR code); an impostor answering with its own keys
        // cannot read act one and cannot produce a valid act two.
        var random = new Random(5);
        using var phone = new NoiseInitiator(Hex.Decode(InitiatorStaticPrivate), Hex.Decode(ResponderStaticPublic), Prologue, Curve, ValidKey(random));
        using var impostor = new NoiseResponder(AttackerStatic, Prologue, Curve, ValidKey(random));
        var actOne = new byte[50];
        phone.WriteActOne(actOne, 0);
        Assert.Equal(ChannelError.ActOneBadTag, Assert.Throws<ChannelException>(() => impostor.ReadActOne(actOne, 0, 50, new byte[50], 0)).Error);

        // Even a forged act two built by a second, honest-looking responder of the impostor's key fails at the phone.
        using var forger = new NoiseInitiator(AttackerStatic, PublicKey(AttackerStatic), Prologue, Curve, ValidKey(random));
        var forged = new byte[50];
        forger.WriteActOne(forged, 0);
        Assert.Equal(ChannelError.ActTwoBadTag, Assert.Throws<ChannelException>(() => phone.ReadActTwo(forged, 0, 50, new byte[66], 0)).Error);
    }

    [Fact]
    public void ReplayedActOneAndActThree_FromAnEarlierSession_NeverEstablish()
    {
        byte[]? recordedOne = null;
        byte[]? recordedThree = null;
        var first = Run((act, m) =>
        {
            if (act == 1) { recordedOne = (byte[])m.Clone(); }
            if (act == 3) { recordedThree = (byte[])m.Clone(); }
        }, 6);
        Assert.NotNull(first.Card);

        // A new card session (fresh ephemeral) fed the recorded acts: act one is accepted (XK cannot
        // tell), but the recorded act three was bound to the old ephemeral exchange.
        using var card = new NoiseResponder(Hex.Decode(ResponderStaticPrivate), Prologue, Curve, ValidKey(new Random(7)));
        card.ReadActOne(recordedOne!, 0, 50, new byte[50], 0);
        var error = Assert.Throws<ChannelException>(() => card.ReadActThree(recordedThree!, 0, 66));
        Assert.Equal(ChannelError.ActThreeBadCiphertext, error.Error);
        Assert.Equal(HandshakeStage.Failed, card.Stage);
    }

    [Fact]
    public void ReplayedActOne_InPlaceOfActThree_FailsAndStaysFailed()
    {
        using var card = new NoiseResponder(Hex.Decode(ResponderStaticPrivate), Prologue, Curve, ValidKey(new Random(8)));
        using var phone = new NoiseInitiator(Hex.Decode(InitiatorStaticPrivate), Hex.Decode(ResponderStaticPublic), Prologue, Curve, ValidKey(new Random(9)));
        var actOne = new byte[50];
        phone.WriteActOne(actOne, 0);
        card.ReadActOne(actOne, 0, 50, new byte[50], 0);
        Assert.Equal(ChannelError.ActThreeReadFailed, Assert.Throws<ChannelException>(() => card.ReadActThree(actOne, 0, 50)).Error);
        Assert.Equal(HandshakeStage.Failed, card.Stage);
        Assert.Equal(ChannelError.WrongState, Assert.Throws<ChannelException>(() => card.ReadActOne(actOne, 0, 50, new byte[50], 0)).Error);
    }

    public static TheoryData<int> Acts => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Acts))]
    public void BitFlipAcrossAnAct_NeverEstablishes(int tamperedAct)
    {
        int size = tamperedAct == 3 ? 66 : 50;
        var random = new Random(tamperedAct);
        for (int index = tamperedAct - 1; index < size; index += 3)
        {
            int bit = random.Next(8);
            var (phone, card, phoneError, cardError) = Run((act, m) => { if (act == tamperedAct) { m[index] ^= (byte)(1 << bit); } }, 100 + index);
            Assert.Null(card);
            Assert.True(phoneError is not null || cardError is not null, $"act {tamperedAct} byte {index} bit {bit}");
            if (tamperedAct < 3)
            {
                Assert.Null(phone);
            }
        }
    }

    [Fact]
    public void BitFlipInAnyBitOfATransportMessage_IsRejected()
    {
        var hello = "hello"u8.ToArray();
        var reference = new byte[39];
        using (var sender = new NoiseTransport(Hex.Decode(InitiatorSendKey), Hex.Decode(InitiatorReceiveKey), Hex.Decode(FinalChainingKey), Hex.Decode(ResponderStaticPublic), ManagedArithmeticBackend.Instance))
        {
            sender.Encrypt(hello, 0, 5, reference, 0);
        }

        for (int bit = 0; bit < reference.Length * 8; bit++)
        {
            var tampered = (byte[])reference.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            using var receiver = new NoiseTransport(Hex.Decode(InitiatorReceiveKey), Hex.Decode(InitiatorSendKey), Hex.Decode(FinalChainingKey), Hex.Decode(InitiatorStaticPublic), ManagedArithmeticBackend.Instance);
            var error = Assert.Throws<ChannelException>(() => receiver.Decrypt(tampered, 0, tampered.Length, new byte[5], 0));
            Assert.True(error.Error is ChannelError.TransportBadLengthTag or ChannelError.TransportBadBodyTag);
            Assert.True(receiver.IsClosed);
        }
    }
}
