using System.Security.Cryptography;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Relay;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Host;

namespace CardFirmware.Channel.Tests.Relay;

public class RelaySealTests
{
    private static readonly IChannelCurve Card = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
    private static readonly IChannelCurve Provider = new BouncyCastleCurve();

    [Fact]
    public void CardAndProvider_DeriveTheSameKeys_EachReadsOnlyTheOthersMessagesOfThatRound()
    {
        var (card, provider) = Pair(RandomNumberGenerator.GetBytes(32));
        var message = RandomNumberGenerator.GetBytes(6531);

        var sealedMessage = card.Seal(2, (byte[])message.Clone());

        Assert.Equal(message.Length + RelaySeal.Overhead, sealedMessage.Length);
        Assert.False(sealedMessage.AsSpan(0, 64).SequenceEqual(message.AsSpan(0, 64)));
        Assert.Equal(message, provider.Open(2, sealedMessage));
        Assert.Null(provider.Open(3, sealedMessage));
        Assert.Null(card.Open(2, sealedMessage));
        Assert.Equal(message, card.Open(1, provider.Seal(1, (byte[])message.Clone())));
    }

    [Fact]
    public void TamperedTruncatedOrOtherSessionMessages_DoNotOpen()
    {
        var cardKey = RandomNumberGenerator.GetBytes(32);
        var (card, provider) = Pair(cardKey, RandomNumberGenerator.GetBytes(32));
        var sealedMessage = card.Seal(1, RandomNumberGenerator.GetBytes(200));

        var tampered = (byte[])sealedMessage.Clone();
        tampered[17] ^= 1;
        Assert.Null(provider.Open(1, tampered));
        Assert.Null(provider.Open(1, sealedMessage[..10]));
        var (_, otherRun) = Pair(cardKey, RandomNumberGenerator.GetBytes(32));
        Assert.Null(otherRun.Open(1, sealedMessage));
    }

    [Fact]
    public void AnInvalidPeerKey_GivesNoSeal()
    {
        byte[] notAPoint = [0x02, .. Enumerable.Repeat((byte)0xFF, 32)];
        Assert.Null(RelaySeal.Derive(Card, RandomNumberGenerator.GetBytes(32), notAPoint, new byte[32], true));
        Assert.Null(RelaySeal.Derive(Card, RandomNumberGenerator.GetBytes(32), new byte[32], new byte[32], true));
    }

    private static (RelaySeal Card, RelaySeal Provider) Pair(byte[] sessionId) => Pair(null, sessionId);

    private static (RelaySeal Card, RelaySeal Provider) Pair(byte[]? cardSecret, byte[] sessionId)
    {
        cardSecret ??= RandomNumberGenerator.GetBytes(32);
        var providerSecret = RandomNumberGenerator.GetBytes(32);
        var cardPublic = new byte[33];
        var providerPublic = new byte[33];
        Card.PublicKey(cardSecret, cardPublic);
        Provider.PublicKey(providerSecret, providerPublic);
        return (RelaySeal.Derive(Card, cardSecret, providerPublic, sessionId, true)!,
            RelaySeal.Derive(Provider, providerSecret, cardPublic, sessionId, false)!);
    }
}
