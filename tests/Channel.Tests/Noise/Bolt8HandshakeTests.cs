using CardFirmware.Crypto;
using CardFirmware.Channel.Noise;
using CardFirmware.Host;
using static CardFirmware.Channel.Tests.Bolt8Vectors;

namespace CardFirmware.Channel.Tests.Noise;

/// <summary>BOLT #8 Appendix A handshake vectors (initiator and responder, success and failure cases).</summary>
public class Bolt8HandshakeTests
{
    private static readonly byte[] Lightning = Ascii.Bytes(NoiseConstants.LightningPrologue);

    internal static NoiseInitiator VectorInitiator(string curve) =>
        new(Hex.Decode(InitiatorStaticPrivate), Hex.Decode(ResponderStaticPublic), Lightning, Curves.Get(curve), Curves.Arithmetic(curve), Hex.Decode(InitiatorEphemeralPrivate));

    internal static NoiseResponder VectorResponder(string curve) =>
        new(Hex.Decode(ResponderStaticPrivate), Lightning, Curves.Get(curve), Curves.Arithmetic(curve), Hex.Decode(ResponderEphemeralPrivate));

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Curve_DerivesTheVectorPublicKeys(string curve)
    {
        var c = Curves.Get(curve);
        var pub = new byte[33];
        foreach (var (priv, expected) in new[]
                 {
                     (InitiatorStaticPrivate, InitiatorStaticPublic), (InitiatorEphemeralPrivate, InitiatorEphemeralPublic),
                     (ResponderStaticPrivate, ResponderStaticPublic), (ResponderEphemeralPrivate, ResponderEphemeralPublic),
                 })
        {
            c.PublicKey(Hex.Decode(priv), pub);
            Assert.Equal(expected, Hex.Encode(pub));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Initiator_SuccessfulHandshake_MatchesEveryIntermediateValue(string curve)
    {
        using var initiator = VectorInitiator(curve);
        Assert.Equal(InitialChainingKey, Hex.Encode(initiator.CopyChainingKey()));

        var actOne = new byte[50];
        Assert.Equal(50, initiator.WriteActOne(actOne, 0));
        Assert.Equal(ActOneChainingKey, Hex.Encode(initiator.CopyChainingKey()));
        Assert.Equal(ActOneTempKey, Hex.Encode(initiator.CopyTempKey()));
        Assert.Equal(ActOneHash, Hex.Encode(initiator.CopyHandshakeHash()));
        Assert.Equal(ActOne, Hex.Encode(actOne));
        Assert.Equal(HandshakeStage.AwaitingActTwo, initiator.Stage);

        var actTwo = Hex.Decode(ActTwo);
        var actThree = new byte[66];
        using var transport = initiator.ReadActTwo(actTwo, 0, actTwo.Length, actThree, 0);
        Assert.Equal(ActThree, Hex.Encode(actThree));
        Assert.Equal(HandshakeStage.Complete, initiator.Stage);
        Assert.Equal(ResponderStaticPublic, Hex.Encode(transport.RemoteStaticKey()));
        Assert.All(initiator.CopyChainingKey(), b => Assert.Equal(0, b));
        Assert.All(initiator.CopyTempKey(), b => Assert.Equal(0, b));

        // sk is proven by the first message of the transport-message test (sent under sk, nonce 0).
        var hello = "hello"u8.ToArray();
        var output = new byte[hello.Length + 34];
        transport.Encrypt(hello, 0, hello.Length, output, 0);
        Assert.Equal(Message0, Hex.Encode(output));
    }

    [SkippableTheory]
    [MemberData(nameof(Curves.All), MemberType = typeof(Curves))]
    public void Responder_SuccessfulHandshake_MatchesEveryIntermediateValue(string curve)
    {
        using var responder = VectorResponder(curve);
        Assert.Equal(InitialChainingKey, Hex.Encode(responder.CopyChainingKey()));

        var actOne = Hex.Decode(ActOne);
        var actTwo = new byte[50];
        Assert.Equal(50, responder.ReadActOne(actOne, 0, actOne.Length, actTwo, 0));
        Assert.Equal(ActTwoChainingKey, Hex.Encode(responder.CopyChainingKey()));
        Assert.Equal(ActTwoTempKey, Hex.Encode(responder.CopyTempKey()));
        Assert.Equal(ActTwoHash, Hex.Encode(responder.CopyHandshakeHash()));
        Assert.Equal(ActTwo, Hex.Encode(actTwo));
        Assert.Equal(HandshakeStage.AwaitingActThree, responder.Stage);

        var actThree = Hex.Decode(ActThree);
        using var transport = responder.ReadActThree(actThree, 0, actThree.Length);
        Assert.Equal(HandshakeStage.Complete, responder.Stage);
        Assert.Equal(InitiatorStaticPublic, Hex.Encode(transport.RemoteStaticKey()));
        Assert.All(responder.CopyChainingKey(), b => Assert.Equal(0, b));
        Assert.All(responder.CopyTempKey(), b => Assert.Equal(0, b));
        Assert.All(responder.CopyHandshakeHash(), b => Assert.Equal(0, b));

        // rk (= initiator's sk) is proven by decrypting the initiator's message 0 of the transport-message test.
        var message = Hex.Decode(Message0);
        var plain = new byte[5];
        Assert.Equal(5, transport.Decrypt(message, 0, message.Length, plain, 0));
        Assert.Equal("hello"u8.ToArray(), plain);
    }

    public static TheoryData<string, string, ChannelError> InitiatorFailures => new()
    {
        { "act2 short read", ActTwoShort, ChannelError.ActTwoReadFailed },
        { "act2 bad version", ActTwoBadVersion, ChannelError.ActTwoBadVersion },
        { "act2 bad key serialization", ActTwoBadKey, ChannelError.ActTwoBadPublicKey },
        { "act2 bad MAC", ActTwoBadMac, ChannelError.ActTwoBadTag },
    };

    [Theory]
    [MemberData(nameof(InitiatorFailures))]
    public void Initiator_RejectsBadActTwo_AndEndsFailedWithoutTransport(string name, string input, ChannelError expected)
    {
        foreach (var curve in Curves.Available)
        {
            using var initiator = VectorInitiator(curve);
            var actOne = new byte[50];
            initiator.WriteActOne(actOne, 0);
            Assert.Equal(ActOne, Hex.Encode(actOne));

            var bytes = Hex.Decode(input);
            var error = Assert.Throws<ChannelException>(() => initiator.ReadActTwo(bytes, 0, bytes.Length, new byte[66], 0));
            Assert.True(expected == error.Error, name);
            Assert.Equal(HandshakeStage.Failed, initiator.Stage);
            Assert.Equal(expected, initiator.FailureReason);
            Assert.All(initiator.CopyChainingKey(), b => Assert.Equal(0, b));
            Assert.All(initiator.CopyTempKey(), b => Assert.Equal(0, b));

            // Terminal: the good act two no longer completes anything.
            var good = Hex.Decode(ActTwo);
            var again = Assert.Throws<ChannelException>(() => initiator.ReadActTwo(good, 0, good.Length, new byte[66], 0));
            Assert.Equal(ChannelError.WrongState, again.Error);
        }
    }

    public static TheoryData<string, string?, string, ChannelError> ResponderFailures => new()
    {
        { "act1 short read", null, ActOneShort, ChannelError.ActOneReadFailed },
        { "act1 bad version", null, ActOneBadVersion, ChannelError.ActOneBadVersion },
        { "act1 bad key serialization", null, ActOneBadKey, ChannelError.ActOneBadPublicKey },
        { "act1 bad MAC", null, ActOneBadMac, ChannelError.ActOneBadTag },
        { "act3 bad version", ActOne, ActThreeBadVersion, ChannelError.ActThreeBadVersion },
        { "act3 short read", ActOne, ActThreeShort, ChannelError.ActThreeReadFailed },
        { "act3 bad MAC for ciphertext", ActOne, ActThreeBadCiphertext, ChannelError.ActThreeBadCiphertext },
        { "act3 bad rs", ActOne, ActThreeBadRemoteStatic, ChannelError.ActThreeBadPublicKey },
        { "act3 bad MAC", ActOne, ActThreeBadMac, ChannelError.ActThreeBadTag },
    };

    [Theory]
    [MemberData(nameof(ResponderFailures))]
    public void Responder_RejectsBadAct_AndEndsFailedWithoutTransport(string name, string? actOne, string input, ChannelError expected)
    {
        foreach (var curve in Curves.Available)
        {
            using var responder = VectorResponder(curve);
            var bytes = Hex.Decode(input);
            ChannelException error;
            if (actOne is null)
            {
                error = Assert.Throws<ChannelException>(() => responder.ReadActOne(bytes, 0, bytes.Length, new byte[50], 0));
            }
            else
            {
                var actTwo = new byte[50];
                responder.ReadActOne(Hex.Decode(actOne), 0, 50, actTwo, 0);
                Assert.Equal(ActTwo, Hex.Encode(actTwo));
                error = Assert.Throws<ChannelException>(() => responder.ReadActThree(bytes, 0, bytes.Length));
            }

            Assert.True(expected == error.Error, name);
            Assert.Equal(HandshakeStage.Failed, responder.Stage);
            Assert.Equal(expected, responder.FailureReason);
            Assert.All(responder.CopyChainingKey(), b => Assert.Equal(0, b));
            Assert.All(responder.CopyHandshakeHash(), b => Assert.Equal(0, b));

            var goodThree = Hex.Decode(ActThree);
            var again = Assert.Throws<ChannelException>(() => responder.ReadActThree(goodThree, 0, goodThree.Length));
            Assert.Equal(ChannelError.WrongState, again.Error);
        }
    }

    [Fact]
    public void Responder_StepCalledTwice_FailsWithWrongState()
    {
        using var responder = VectorResponder("reference");
        var actOne = Hex.Decode(ActOne);
        responder.ReadActOne(actOne, 0, 50, new byte[50], 0);
        var error = Assert.Throws<ChannelException>(() => responder.ReadActOne(actOne, 0, 50, new byte[50], 0));
        Assert.Equal(ChannelError.WrongState, error.Error);
        Assert.Equal(HandshakeStage.Failed, responder.Stage);
    }

    [Fact]
    public void Initiator_RejectsInvalidCardKey()
    {
        var badKey = Hex.Decode(ActOneBadKey)[1..34];
        var error = Assert.Throws<ChannelException>(() =>
            new NoiseInitiator(Hex.Decode(InitiatorStaticPrivate), badKey, Lightning, new BouncyCastleCurve(), Hex.Decode(InitiatorEphemeralPrivate)));
        Assert.Equal(ChannelError.InvalidConfiguredKey, error.Error);
    }

    [Fact]
    public void Handshake_WithDifferentPrologues_FailsAtActOne()
    {
        var curve = new BouncyCastleCurve();
        using var initiator = new NoiseInitiator(Hex.Decode(InitiatorStaticPrivate), Hex.Decode(ResponderStaticPublic),
            Ascii.Bytes(NoiseConstants.ProductPrologue), curve, Hex.Decode(InitiatorEphemeralPrivate));
        using var responder = VectorResponder("reference");
        var actOne = new byte[50];
        initiator.WriteActOne(actOne, 0);
        var error = Assert.Throws<ChannelException>(() => responder.ReadActOne(actOne, 0, 50, new byte[50], 0));
        Assert.Equal(ChannelError.ActOneBadTag, error.Error);
    }
}
