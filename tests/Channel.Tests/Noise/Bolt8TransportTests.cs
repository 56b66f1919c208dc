using CardFirmware.Channel.Noise;
using static CardFirmware.Channel.Tests.Bolt8Vectors;

namespace CardFirmware.Channel.Tests.Noise;

/// <summary>BOLT #8 Appendix A "transport-message test": "hello" 1001 times, through two key rotations, on each backend's ChaCha20-Poly1305.</summary>
public class Bolt8TransportTests
{
    private static NoiseTransport InitiatorTransport(string backend) =>
        new(Hex.Decode(InitiatorSendKey), Hex.Decode(InitiatorReceiveKey), Hex.Decode(FinalChainingKey), Hex.Decode(ResponderStaticPublic), Curves.Arithmetic(backend));

    private static NoiseTransport ResponderTransport(string backend) =>
        new(Hex.Decode(InitiatorReceiveKey), Hex.Decode(InitiatorSendKey), Hex.Decode(FinalChainingKey), Hex.Decode(InitiatorStaticPublic), Curves.Arithmetic(backend));

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Encrypt_HelloThousandAndOneTimes_MatchesVectorsAroundRotation(string backend)
    {
        var expected = new Dictionary<int, string>
        {
            [0] = Message0, [1] = Message1, [500] = Message500, [501] = Message501, [1000] = Message1000, [1001] = Message1001,
        };
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var hello = "hello"u8.ToArray();
        var output = new byte[hello.Length + NoiseConstants.TransportOverhead];
        var plain = new byte[hello.Length];
        int matched = 0;
        for (int i = 0; i <= 1001; i++)
        {
            Assert.Equal(output.Length, sender.Encrypt(hello, 0, hello.Length, output, 0));
            if (expected.TryGetValue(i, out var hex))
            {
                Assert.Equal(hex, Hex.Encode(output));
                matched++;
            }

            Assert.Equal(hello.Length, receiver.Decrypt(output, 0, output.Length, plain, 0));
            Assert.Equal(hello, plain);
        }

        Assert.Equal(6, matched);
    }

    [Fact]
    public void KeyRotation_DerivesTheVectorKeys()
    {
        var ck = Hex.Decode(FinalChainingKey);
        var k = Hex.Decode(InitiatorSendKey);
        KeyDerivation.Derive(ck, k, ck, k);
        Assert.Equal(FirstRotationChainingKey, Hex.Encode(ck));
        Assert.Equal(FirstRotationKey, Hex.Encode(k));
        KeyDerivation.Derive(ck, k, ck, k);
        Assert.Equal(SecondRotationChainingKey, Hex.Encode(ck));
        Assert.Equal(SecondRotationKey, Hex.Encode(k));
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Nonce_RotatesAfterFiveHundredMessages(string backend)
    {
        using var sender = InitiatorTransport(backend);
        var output = new byte[NoiseConstants.TransportOverhead];
        for (int i = 0; i < 499; i++)
        {
            sender.Encrypt([], 0, 0, output, 0);
        }

        Assert.Equal(998UL, sender.SendNonce);
        sender.Encrypt([], 0, 0, output, 0);
        Assert.Equal(0UL, sender.SendNonce);
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Decrypt_ReplayedMessage_FailsAndClosesTheTransport(string backend)
    {
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var hello = "hello"u8.ToArray();
        var first = new byte[39];
        sender.Encrypt(hello, 0, 5, first, 0);
        receiver.Decrypt(first, 0, first.Length, new byte[5], 0);
        var error = Assert.Throws<ChannelException>(() => receiver.Decrypt(first, 0, first.Length, new byte[5], 0));
        Assert.Equal(ChannelError.TransportBadLengthTag, error.Error);
        Assert.True(receiver.IsClosed);
        var after = Assert.Throws<ChannelException>(() => receiver.Decrypt(first, 0, first.Length, new byte[5], 0));
        Assert.Equal(ChannelError.WrongState, after.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Decrypt_ReorderedMessages_Fail(string backend)
    {
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var a = new byte[39];
        var b = new byte[39];
        sender.Encrypt("hello"u8.ToArray(), 0, 5, a, 0);
        sender.Encrypt("world"u8.ToArray(), 0, 5, b, 0);
        var error = Assert.Throws<ChannelException>(() => receiver.Decrypt(b, 0, b.Length, new byte[5], 0));
        Assert.Equal(ChannelError.TransportBadLengthTag, error.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Decrypt_FlippedBodyBit_FailsOnBodyTag(string backend)
    {
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var message = new byte[39];
        sender.Encrypt("hello"u8.ToArray(), 0, 5, message, 0);
        message[20] ^= 0x01;
        var error = Assert.Throws<ChannelException>(() => receiver.Decrypt(message, 0, message.Length, new byte[5], 0));
        Assert.Equal(ChannelError.TransportBadBodyTag, error.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Decrypt_InPlace_GivesTheBodyWhereItsCiphertextWas(string backend)
    {
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var body = new byte[300];
        new Random(5).NextBytes(body);
        var message = new byte[body.Length + NoiseConstants.TransportOverhead];
        sender.Encrypt(body, 0, body.Length, message, 0);

        var length = receiver.Decrypt(message, 0, message.Length, message, NoiseConstants.LengthHeaderSize);

        Assert.Equal(body.Length, length);
        Assert.Equal(body, message[NoiseConstants.LengthHeaderSize..(NoiseConstants.LengthHeaderSize + length)]);
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Decrypt_InPlace_FlippedBodyBit_FailsAndZeroesTheBody(string backend)
    {
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var body = Enumerable.Repeat((byte)0x5A, 100).ToArray();
        var message = new byte[body.Length + NoiseConstants.TransportOverhead];
        sender.Encrypt(body, 0, body.Length, message, 0);
        message[NoiseConstants.LengthHeaderSize + 7] ^= 0x01;

        var error = Assert.Throws<ChannelException>(() => receiver.Decrypt(message, 0, message.Length, message, NoiseConstants.LengthHeaderSize));

        Assert.Equal(ChannelError.TransportBadBodyTag, error.Error);
        Assert.All(message[NoiseConstants.LengthHeaderSize..^NoiseConstants.TagSize], b => Assert.Equal(0, b));
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Decrypt_TruncatedMessage_FailsOnLength(string backend)
    {
        using var sender = InitiatorTransport(backend);
        using var receiver = ResponderTransport(backend);
        var message = new byte[39];
        sender.Encrypt("hello"u8.ToArray(), 0, 5, message, 0);
        var error = Assert.Throws<ChannelException>(() => receiver.Decrypt(message, 0, 38, new byte[5], 0));
        Assert.Equal(ChannelError.TransportBadLength, error.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void ToString_IsRedacted(string backend)
    {
        using var transport = InitiatorTransport(backend);
        Assert.DoesNotContain("969a", transport.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
