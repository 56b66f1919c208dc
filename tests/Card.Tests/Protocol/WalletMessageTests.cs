using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;

namespace CardFirmware.Card.Tests.Protocol;

/// <summary>
/// The wallet commands' messages (firmware/Card/Protocol/Messages), which the card's handlers and the
/// phone's wallet client both use: each round-trips, each refuses a malformed body with its typed error,
/// and the dispatcher answers such a refusal with MalformedRequest.
/// </summary>
public class WalletMessageTests
{
    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((seed * 31) + (i * 7));
        }

        return bytes;
    }

    [Theory]
    [InlineData(new uint[0])]
    [InlineData(new uint[] { 0 })]
    [InlineData(new uint[] { 5, 0x7FFFFFFF, 1, 2, 3, 4, 5, 6 })]
    public void SignBegin_RoundTrips_WithTheDocumentedLayout(uint[] path)
    {
        var message = new SignBegin(Bytes(32, 1), Bytes(32, 2), path);

        var encoded = message.Encode();

        Assert.Equal(32 + 32 + 1 + (4 * path.Length), encoded.Length);
        Assert.Equal(Bytes(32, 1), encoded[..32]);
        Assert.Equal(Bytes(32, 2), encoded[32..64]);
        Assert.Equal(path.Length, encoded[64]);
        for (var i = 0; i < path.Length; i++)
        {
            Assert.Equal(path[i], System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(65 + (4 * i))));
        }

        var framed = new byte[encoded.Length + 3];
        encoded.CopyTo(framed, 2);
        var decoded = SignBegin.Decode(framed, 2, encoded.Length);
        Assert.Equal(message.Contribution, decoded.Contribution);
        Assert.Equal(message.Hash, decoded.Hash);
        Assert.Equal(path, decoded.Path);
        Assert.Equal(path.Length == 0 ? null : path, decoded.PathOrNull);
    }

    [Fact]
    public void SignBegin_RefusesMalformedBodies_WithTypedErrors()
    {
        var good = new SignBegin(Bytes(32, 1), Bytes(32, 2), [1, 2]).Encode();

        Assert.Equal(MessageError.WrongLength, Refusal(() => SignBegin.Decode(good, 0, 64)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => SignBegin.Decode(good, 0, good.Length - 1)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => SignBegin.Decode([.. good, 0], 0, good.Length + 1)));

        var deep = new byte[65 + (4 * 9)];
        deep[64] = 9;
        Assert.Equal(MessageError.PathTooDeep, Refusal(() => SignBegin.Decode(deep, 0, deep.Length)));

        var hardened = (byte[])good.Clone();
        hardened[65 + 4] |= 0x80;
        Assert.Equal(MessageError.HardenedIndex, Refusal(() => SignBegin.Decode(hardened, 0, hardened.Length)));
    }

    [Fact]
    public void SignBegin_PhoneCannotEncodeWhatTheCardWouldRefuse()
    {
        Assert.Equal(MessageError.HardenedIndex, Refusal(() => new SignBegin(Bytes(32, 1), Bytes(32, 2), [0x80000000u])));
        Assert.Equal(MessageError.PathTooDeep, Refusal(() => new SignBegin(Bytes(32, 1), Bytes(32, 2), new uint[9])));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new SignBegin(Bytes(31, 1), Bytes(32, 2), [])));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new SignBegin(Bytes(32, 1), Bytes(33, 2), [])));
    }

    [Fact]
    public void KeyGenerationBegin_RoundTrips_AndRefusesAnyOtherLength()
    {
        var encoded = new KeyGenerationBegin(Bytes(32, 3)).Encode();

        Assert.Equal(Bytes(32, 3), encoded);
        Assert.Equal(Bytes(32, 3), KeyGenerationBegin.Decode(encoded, 0, 32).Contribution);
        Assert.Equal(MessageError.WrongLength, Refusal(() => KeyGenerationBegin.Decode(encoded, 0, 31)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => KeyGenerationBegin.Decode([.. encoded, 1], 0, 33)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new KeyGenerationBegin(Bytes(33, 3))));
    }

    [Fact]
    public void FirstRoundReply_RoundTrips_AndRefusesAReplyWithoutAMessage()
    {
        var encoded = new FirstRoundReply(Bytes(32, 4), Bytes(100, 5)).Encode();

        Assert.Equal([.. Bytes(32, 4), .. Bytes(100, 5)], encoded);
        var decoded = FirstRoundReply.Decode(encoded, 0, encoded.Length);
        Assert.Equal(Bytes(32, 4), decoded.Contribution);
        Assert.Equal(Bytes(100, 5), decoded.Message);
        Assert.Equal(MessageError.WrongLength, Refusal(() => FirstRoundReply.Decode(encoded, 0, 32)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new FirstRoundReply(Bytes(32, 4), [])));
    }

    [Fact]
    public void WalletKey_RoundTrips_AndRefusesAnyOtherLength()
    {
        var encoded = new WalletKey(Bytes(33, 6), Bytes(32, 7)).Encode();

        Assert.Equal([.. Bytes(33, 6), .. Bytes(32, 7)], encoded);
        var decoded = WalletKey.Decode(encoded, 0, encoded.Length);
        Assert.Equal(Bytes(33, 6), decoded.PublicKey);
        Assert.Equal(Bytes(32, 7), decoded.ChainCode);
        Assert.Equal(MessageError.WrongLength, Refusal(() => WalletKey.Decode(encoded, 0, 64)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => WalletKey.Decode([.. encoded, 0], 0, 66)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new WalletKey(Bytes(32, 6), Bytes(32, 7))));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 200)]
    public void RoundEnvelope_RoundTrips_AndRefusesAnEmptyPayload(int round, int bodyLength)
    {
        var encoded = new RoundEnvelope(round, Bytes(bodyLength, 8)).Encode();

        Assert.Equal([(byte)round, .. Bytes(bodyLength, 8)], encoded);
        var framed = new byte[encoded.Length + 4];
        encoded.CopyTo(framed, 4);
        Assert.Equal(round, RoundEnvelope.RoundOf(framed, 4, encoded.Length));
        Assert.Equal(Bytes(bodyLength, 8), framed[(4 + RoundEnvelope.HeaderBytes)..]);
        Assert.Equal(MessageError.WrongLength, Refusal(() => RoundEnvelope.RoundOf(encoded, 0, 0)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new RoundEnvelope(256, [])));
    }

    [Fact]
    public void HybridCreateBegin_RoundTrips_AndRefusesAnyOtherLength()
    {
        var encoded = new HybridCreateBegin(Bytes(32, 9), Bytes(32, 10), Bytes(33, 11)).Encode();

        Assert.Equal([.. Bytes(32, 9), .. Bytes(32, 10), .. Bytes(33, 11)], encoded);
        var decoded = HybridCreateBegin.Decode(encoded, 0, encoded.Length);
        Assert.Equal(Bytes(32, 9), decoded.PhoneContribution);
        Assert.Equal(Bytes(32, 10), decoded.ProviderContribution);
        Assert.Equal(Bytes(33, 11), decoded.ProviderKey);
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridCreateBegin.Decode(encoded, 0, 96)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridCreateBegin.Decode([.. encoded, 0], 0, 98)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => new HybridCreateBegin(Bytes(32, 9), Bytes(32, 10), Bytes(32, 11))));
    }

    [Fact]
    public void HybridRefreshBegin_RoundTrips_AndRefusesAnyOtherLength()
    {
        var encoded = new HybridRefreshBegin(Bytes(32, 12), Bytes(32, 13)).Encode();

        Assert.Equal([.. Bytes(32, 12), .. Bytes(32, 13)], encoded);
        var decoded = HybridRefreshBegin.Decode(encoded, 0, encoded.Length);
        Assert.Equal(Bytes(32, 12), decoded.PhoneContribution);
        Assert.Equal(Bytes(32, 13), decoded.ProviderContribution);
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridRefreshBegin.Decode(encoded, 0, 63)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridRefreshBegin.Decode([.. encoded, 0], 0, 65)));
    }

    [Fact]
    public void HybridRecoverBegin_RoundTripsBothLostParties_WithTheDocumentedLayouts()
    {
        var phoneLost = new HybridRecoverBegin(Bytes(32, 14), Bytes(32, 15)).Encode();
        var cardLost = new HybridRecoverBegin(Bytes(32, 14), Bytes(32, 15), Bytes(33, 16), new WalletKey(Bytes(33, 17), Bytes(32, 18))).Encode();

        Assert.Equal([2, .. Bytes(32, 14), .. Bytes(32, 15)], phoneLost);
        Assert.Equal([1, .. Bytes(32, 14), .. Bytes(32, 15), .. Bytes(33, 16), .. Bytes(33, 17), .. Bytes(32, 18)], cardLost);

        var phone = HybridRecoverBegin.Decode(phoneLost, 0, phoneLost.Length);
        Assert.Equal(HybridRecoverBegin.LostPhone, phone.Lost);
        Assert.Equal(Bytes(32, 14), phone.PhoneContribution);
        Assert.Equal(Bytes(32, 15), phone.ProviderContribution);
        Assert.Null(phone.ProviderKey);
        Assert.Null(phone.Wallet);

        var card = HybridRecoverBegin.Decode(cardLost, 0, cardLost.Length);
        Assert.Equal(HybridRecoverBegin.LostCard, card.Lost);
        Assert.Equal(Bytes(33, 16), card.ProviderKey);
        Assert.Equal(Bytes(33, 17), card.Wallet!.PublicKey);
        Assert.Equal(Bytes(32, 18), card.Wallet.ChainCode);
    }

    [Fact]
    public void HybridRecoverBegin_RefusesAnUnknownLostParty_AndALengthOfTheOtherLostParty()
    {
        var phoneLost = new HybridRecoverBegin(Bytes(32, 14), Bytes(32, 15)).Encode();
        var cardLost = new HybridRecoverBegin(Bytes(32, 14), Bytes(32, 15), Bytes(33, 16), new WalletKey(Bytes(33, 17), Bytes(32, 18))).Encode();

        Assert.Equal(MessageError.UnknownValue, Refusal(() => HybridRecoverBegin.Decode([3, .. phoneLost[1..]], 0, phoneLost.Length)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridRecoverBegin.Decode([1, .. phoneLost[1..]], 0, phoneLost.Length)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridRecoverBegin.Decode([2, .. cardLost[1..]], 0, cardLost.Length)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridRecoverBegin.Decode(cardLost, 0, cardLost.Length - 1)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => HybridRecoverBegin.Decode(phoneLost, 0, 0)));
    }

    [Theory]
    [InlineData(false, false, false, 0)]
    [InlineData(true, true, true, 65535)]
    [InlineData(true, false, true, 3712)]
    public void GetInfoReply_RoundTrips_WithTheDocumentedLayout(bool enrolled, bool hasWallet, bool damaged, int millivolts)
    {
        var encoded = new GetInfoReply(0, 1, enrolled, hasWallet, damaged, millivolts, Bytes(33, 19)).Encode();

        Assert.Equal(38, encoded.Length);
        Assert.Equal((enrolled ? 1 : 0) | (hasWallet ? 2 : 0) | (damaged ? 4 : 0), encoded[2]);
        Assert.Equal(millivolts, (encoded[3] << 8) | encoded[4]);
        var decoded = GetInfoReply.Decode(encoded, 0, encoded.Length);
        Assert.Equal((0, 1, enrolled, hasWallet, damaged, millivolts), (decoded.FirmwareMajor, decoded.FirmwareMinor, decoded.Enrolled, decoded.HasWallet, decoded.StorageDamaged, decoded.BatteryMillivolts));
        Assert.Equal(Bytes(33, 19), decoded.IdentityPublicKey);
        Assert.Equal(MessageError.WrongLength, Refusal(() => GetInfoReply.Decode(encoded, 0, 37)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => GetInfoReply.Decode([.. encoded, 0], 0, 39)));
    }

    [Fact]
    public void EnrollReply_RoundTrips_AndRefusesAnUnknownOutcome()
    {
        var encoded = new EnrollReply(EnrollReply.ConfirmMissed, 0, 2, 4, 3).Encode();

        Assert.Equal(new byte[] { 4, 0, 2, 4, 3 }, encoded);
        var decoded = EnrollReply.Decode(encoded, 0, encoded.Length);
        Assert.Equal((4, 0, 2, 4, 3, true), (decoded.Outcome, decoded.Quality, decoded.Accepted, decoded.Required, decoded.Left, decoded.IsConfirmation));
        Assert.False(EnrollReply.Decode([1, 3, 2, 7, 6], 0, 5).IsConfirmation);
        Assert.Equal(MessageError.UnknownValue, Refusal(() => EnrollReply.Decode([6, 0, 0, 4, 6], 0, 5)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => EnrollReply.Decode(encoded, 0, 4)));
        Assert.Equal(MessageError.WrongLength, Refusal(() => EnrollReply.Decode([.. encoded, 0], 0, 6)));
    }

    [Fact]
    public void Dispatcher_AnswersAMessageRefusal_WithMalformedRequest()
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new DecodingHandler());

        var reply = dispatcher.Dispatch([1, (byte)CommandCode.Ping, 0, 9, 1, 2, 3]);

        Assert.Equal((byte)WireStatus.MalformedRequest, reply[4]);
        Assert.Equal(0, dispatcher.InternalErrors);
    }

    private static MessageError Refusal(Action decode) => Assert.Throws<MessageException>(decode).Error;

    private sealed class DecodingHandler : ICommandHandler
    {
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength) =>
            WalletKey.Decode(request, payloadOffset, payloadLength).Encode();
    }
}
