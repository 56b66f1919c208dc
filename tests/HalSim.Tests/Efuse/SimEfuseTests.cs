using System.Reflection;
using System.Security.Cryptography;
using CardFirmware.Hal;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Flash;

namespace CardFirmware.HalSim.Tests.Efuse;

public sealed class SimEfuseTests
{
    [Fact]
    public void Hmac_IsHmacSha256UnderTheFactoryKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var message = RandomNumberGenerator.GetBytes(77);
        IHmacPeripheral hmac = SimEfuse.Provision(key, 8).Hmac;

        var mac = new byte[40];
        hmac.Compute(message, 5, 60, mac, 8);

        Assert.Equal(HMACSHA256.HashData(key, message.AsSpan(5, 60)), mac.AsSpan(8).ToArray());
        Assert.Equal(new byte[8], mac.AsSpan(0, 8).ToArray());
    }

    [Fact]
    public void Board_ExposesTheEfuseBehindTheHal_AndKeepsItAcrossAPowerCycle()
    {
        var board = new SimBoard();
        IBoard hal = board;
        Assert.Same(board.Efuse.Hmac, hal.Hmac);
        Assert.Same(board.Efuse.Counter, hal.OneWayCounter);

        board.Efuse.Counter.Increment();
        var rebooted = board.PowerCycle();

        Assert.Same(board.Efuse, rebooted.Efuse);
        Assert.Equal(1, ((IBoard)rebooted).OneWayCounter.Value);
    }

    [Fact]
    public void SeededBoards_ShareTheirKey_AndUnseededOnesDoNot()
    {
        var message = "same message"u8.ToArray();

        Assert.Equal(Mac(new SimBoard(), message), Mac(new SimBoard(), message));
        Assert.NotEqual(Mac(new SimBoard(), message), Mac(new SimBoard(new SimBoardOptions { EntropySeed = 2 }), message));
        Assert.NotEqual(Mac(new SimBoard(new SimBoardOptions { EntropySeed = null }), message),
            Mac(new SimBoard(new SimBoardOptions { EntropySeed = null }), message));
    }

    [Fact]
    public void NoMemberOfThePeripheral_HandsOutTheKey()
    {
        // The HAL offers Compute only; the simulated peripheral returns no byte array either
        // (tools persist the eFuse through SimEfuse.Snapshot, which the firmware never sees).
        Assert.Equal([nameof(IHmacPeripheral.Compute)], typeof(IHmacPeripheral).GetMembers().Select(m => m.Name));
        Assert.DoesNotContain(typeof(SimHmacPeripheral).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static),
            m => (m is PropertyInfo p && p.PropertyType == typeof(byte[])) || (m is MethodInfo method && method.ReturnType == typeof(byte[])));
    }

    [Fact]
    public void Counter_OnlyGoesUp_AndStopsAtItsCapacity()
    {
        IOneWayCounter counter = SimEfuse.Provision(new byte[32], 3).Counter;

        Assert.Equal(3, counter.Capacity);
        Assert.True(counter.Increment());
        Assert.True(counter.Increment());
        Assert.True(counter.Increment());
        Assert.False(counter.Increment());
        Assert.Equal(3, counter.Value);
    }

    [Fact]
    public void Counter_IsUntouchedByAFlashRestore()
    {
        var board = new SimBoard();
        var image = board.Flash.Snapshot();
        board.Efuse.Counter.Increment();
        board.Efuse.Counter.Increment();

        board.Flash.Restore(image);

        Assert.Equal(2, board.PowerCycle().Efuse.Counter.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CutAtABurn_LeavesTheBitBurnedOrNot_AndTakesTheFlashPowerWithIt(bool burned)
    {
        var board = new SimBoard();
        var counter = board.Efuse.Counter;
        counter.ArmCutAtBurn(1, burned);

        Assert.True(counter.Increment());
        Assert.Throws<PowerLossException>(() => counter.Increment());

        Assert.Equal(burned ? 2 : 1, counter.Value);
        Assert.True(board.Flash.IsPoweredOff);
        Assert.Throws<PowerLossException>(() => board.Flash.Write(0, [0], 0, 1));
        Assert.Throws<PowerLossException>(() => counter.Increment());
        var rebooted = board.PowerCycle();
        Assert.True(rebooted.Efuse.Counter.Increment());
        rebooted.Flash.Write(0, [0], 0, 1);
    }

    [Fact]
    public void FlashCut_TakesTheCounterPowerWithIt()
    {
        var board = new SimBoard();
        board.Flash.ArmCutAfterBytes(0);

        Assert.Throws<PowerLossException>(() => board.Flash.Write(0, [0], 0, 1));

        Assert.Throws<PowerLossException>(() => board.Efuse.Counter.Increment());
        Assert.Equal(0, board.Efuse.Counter.Value);
    }

    [Fact]
    public void Snapshot_RoundTrips_AndMalformedOnesAreRefused()
    {
        var efuse = SimEfuse.Provision(RandomNumberGenerator.GetBytes(32), 16);
        efuse.Counter.Increment();
        var snapshot = efuse.Snapshot();

        var restored = SimEfuse.FromSnapshot(snapshot);
        var message = "m"u8.ToArray();

        Assert.Equal(1, restored.Counter.Value);
        Assert.Equal(16, restored.Counter.Capacity);
        Assert.Equal(Mac(efuse.Hmac, message), Mac(restored.Hmac, message));
        Assert.Throws<ArgumentException>(() => SimEfuse.FromSnapshot(snapshot[..^1]));
        var overfull = (byte[])snapshot.Clone();
        overfull[^4] = 17;
        Assert.Throws<ArgumentException>(() => SimEfuse.FromSnapshot(overfull));
        var otherVersion = (byte[])snapshot.Clone();
        otherVersion[0] = 2;
        Assert.Throws<ArgumentException>(() => SimEfuse.FromSnapshot(otherVersion));
    }

    private static byte[] Mac(SimBoard board, byte[] message) => Mac(board.Efuse.Hmac, message);

    private static byte[] Mac(IHmacPeripheral hmac, byte[] message)
    {
        var mac = new byte[32];
        hmac.Compute(message, 0, message.Length, mac, 0);
        return mac;
    }
}
