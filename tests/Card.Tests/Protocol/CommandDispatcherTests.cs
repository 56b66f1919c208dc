using CardFirmware.Card.Commands;
using CardFirmware.Card.Protocol;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Protocol;

public class CommandDispatcherTests
{
    [Fact]
    public void Ping_EchoesPayload_WithRequestIdAndOkStatus()
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new PingHandler());

        var reply = dispatcher.Dispatch([1, 0x02, 0xBE, 0xEF, 7, 8, 9]);

        Assert.Equal(new byte[] { 1, 0x82, 0xBE, 0xEF, 0x00, 7, 8, 9 }, reply);
    }

    [Fact]
    public void InPlace_ReadsOnlyItsWindowOfTheBuffer_AndReturnsHeaderAndPayloadApart()
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new PingHandler());
        byte[] buffer = [0xAA, 0xAA, 0xAA, 1, 0x02, 0x12, 0x34, 5, 6, 0xAA, 0xAA];
        var header = new byte[WireFormat.ReplyHeaderSize];

        var payload = dispatcher.Dispatch(buffer, 3, 6, header);

        Assert.Equal(new byte[] { 1, 0x82, 0x12, 0x34, 0x00 }, header);
        Assert.Equal(new byte[] { 5, 6 }, payload);
    }

    [Fact]
    public void InPlace_ARefusalHasAHeaderAndNoPayload()
    {
        var dispatcher = new CommandDispatcher();
        byte[] buffer = [0xAA, 1, 0x55, 0, 9, 0xAA];
        var header = new byte[WireFormat.ReplyHeaderSize];

        var unknown = dispatcher.Dispatch(buffer, 1, 4, header);
        var unknownHeader = header.ToArray();
        var shortRequest = dispatcher.Dispatch(buffer, 1, 3, header);

        Assert.Null(unknown);
        Assert.Equal(new byte[] { 1, 0xD5, 0, 9, (byte)WireStatus.UnknownCommand }, unknownHeader);
        Assert.Null(shortRequest);
        Assert.Equal(new byte[] { 1, 0x80, 0, 0, (byte)WireStatus.MalformedRequest }, header);
    }

    [Fact]
    public void UnknownCommand_GetsTypedRefusal()
    {
        var reply = new CommandDispatcher().Dispatch([1, 0x55, 0, 1]);

        Assert.Equal(new byte[] { 1, 0xD5, 0, 1, (byte)WireStatus.UnknownCommand }, reply);
    }

    [Fact]
    public void WrongVersion_IsRefusedBeforeAnyHandlerRuns()
    {
        var handler = new RecordingHandler();
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, handler);

        var reply = dispatcher.Dispatch([2, 0x02, 0, 5]);

        Assert.Equal((byte)WireStatus.UnsupportedVersion, reply[4]);
        Assert.Equal(0, handler.Calls);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    public void TruncatedHeader_IsMalformed(byte[] request)
    {
        var reply = new CommandDispatcher().Dispatch(request);

        Assert.Equal((byte)WireStatus.MalformedRequest, reply[4]);
    }

    [Fact]
    public void HandlerRefusal_BecomesItsWireStatus()
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new PingHandler());
        var tooLong = new byte[WireFormat.RequestHeaderSize + PingHandler.MaxEcho + 1];
        tooLong[0] = 1;
        tooLong[1] = 0x02;

        var reply = dispatcher.Dispatch(tooLong);

        Assert.Equal(WireFormat.ReplyHeaderSize, reply.Length);
        Assert.Equal((byte)WireStatus.MalformedRequest, reply[4]);
    }

    [Fact]
    public void HandlerCrash_IsAnsweredAsInternalError_AndCounted()
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new RecordingHandler { Throw = true });

        var reply = dispatcher.Dispatch([1, 0x02, 0, 9]);

        Assert.Equal((byte)WireStatus.InternalError, reply[4]);
        Assert.Equal(1, dispatcher.InternalErrors);
    }

    [Theory]
    [InlineData(StorageError.Corrupt, WireStatus.StorageDamaged, 0)]
    [InlineData(StorageError.Full, WireStatus.InternalError, 1)]
    public void StorageFailureInAHandler_IsAnsweredByItsKind(StorageError error, WireStatus expected, int internalErrors)
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new RecordingHandler { StorageFailure = error });

        var reply = dispatcher.Dispatch([1, 0x02, 0, 9]);

        Assert.Equal((byte)expected, reply[4]);
        Assert.Equal(internalErrors, dispatcher.InternalErrors);
    }

    [Fact]
    public void RandomRequests_AlwaysGetExactlyOneWellFormedReply()
    {
        var dispatcher = new CommandDispatcher();
        dispatcher.Register(CommandCode.Ping, new PingHandler());
        var random = new Random(20261123);
        for (var i = 0; i < 5000; i++)
        {
            var request = new byte[random.Next(0, 40)];
            random.NextBytes(request);

            var reply = dispatcher.Dispatch(request);

            Assert.True(reply.Length >= WireFormat.ReplyHeaderSize);
            Assert.Equal(WireFormat.Version, reply[0]);
            Assert.True((reply[1] & WireFormat.ReplyFlag) != 0);
        }

        Assert.Equal(0, dispatcher.InternalErrors);
    }

    private sealed class RecordingHandler : ICommandHandler
    {
        public int Calls { get; private set; }
        public bool Throw { get; init; }
        public StorageError? StorageFailure { get; init; }

        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            Calls++;
            if (Throw)
            {
                throw new InvalidOperationException("handler bug");
            }

            if (StorageFailure is { } error)
            {
                throw new StorageException(error);
            }

            return [];
        }
    }
}
