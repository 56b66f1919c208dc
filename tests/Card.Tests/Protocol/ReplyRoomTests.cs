using CardFirmware.Card.Protocol;

namespace CardFirmware.Card.Tests.Protocol;

/// <summary>
/// The loan of the send buffer to a handler (firmware/Card/Protocol/ReplyRoom.cs): taken once per dispatch, never
/// without a lender, and what a handler wrote without committing (an aborted round) is wiped when the loan ends.
/// </summary>
public class ReplyRoomTests
{
    [Fact]
    public void Take_WithoutALender_IsRefused()
    {
        var room = new ReplyRoom();

        Assert.False(room.Take());
        Assert.Null(room.Buffer);
    }

    [Fact]
    public void Take_IsGrantedOncePerLoan()
    {
        var room = new ReplyRoom();
        room.Lend(new byte[64], 8, 40);

        Assert.True(room.Take());
        Assert.False(room.Take());
        room.Return(false);
        room.Lend(new byte[64], 8, 40);
        Assert.True(room.Take());
    }

    [Fact]
    public void Return_NotSent_WipesTheLentRegionOnly()
    {
        var buffer = Enumerable.Repeat((byte)0x5A, 64).ToArray();
        var room = new ReplyRoom();
        room.Lend(buffer, 8, 40);
        room.Take();

        room.Return(false);

        Assert.All(buffer[..8], b => Assert.Equal(0x5A, b));
        Assert.All(buffer[8..48], b => Assert.Equal(0, b));
        Assert.All(buffer[48..], b => Assert.Equal(0x5A, b));
        Assert.Null(room.Buffer);
    }

    [Fact]
    public void Return_Sent_KeepsTheCommittedPayload()
    {
        var buffer = Enumerable.Repeat((byte)0x5A, 64).ToArray();
        var room = new ReplyRoom();
        room.Lend(buffer, 8, 40);
        room.Take();

        Assert.Same(buffer, room.Commit(30));
        Assert.Equal(30, room.Length);
        room.Return(true);

        Assert.All(buffer, b => Assert.Equal(0x5A, b));
    }

    [Fact]
    public void Return_Untaken_LeavesTheBufferAlone()
    {
        var buffer = Enumerable.Repeat((byte)0x5A, 64).ToArray();
        var room = new ReplyRoom();
        room.Lend(buffer, 8, 40);

        room.Return(false);

        Assert.All(buffer, b => Assert.Equal(0x5A, b));
    }
}
