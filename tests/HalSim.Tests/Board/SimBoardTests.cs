using CardFirmware.Hal;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Bus;
using CardFirmware.HalSim.Flash;
using CardFirmware.HalSim.Power;
using CardFirmware.Storage;

namespace CardFirmware.HalSim.Tests.Board;

public sealed class SimBoardTests
{
    private sealed class EchoModel : ISpiPeripheralModel
    {
        public int Selects { get; private set; }
        public void Select() => Selects++;
        public byte Exchange(byte mosi) => (byte)~mosi;
        public void Deselect() { }
    }

    [Fact]
    public void Board_ExposesTheSimObjectsBehindTheHal()
    {
        var board = new SimBoard();
        IBoard hal = board;
        Assert.Same(board.Flash, hal.Flash);
        Assert.Same(board.Clock, hal.Clock);
        Assert.Same(board.Link.Card, hal.Ble);
        Assert.Same(board.Entropy, hal.Entropy);
        Assert.Same(board.Led, hal.Led);
        Assert.Same(board.Power, hal.Power);
        Assert.Same(board.SensorIrq, hal.SensorIrq);
        Assert.Same(board.SensorReset, hal.SensorReset);
        Assert.Equal(64, hal.Flash.PageCount);
        Assert.Equal(4096, hal.Flash.PageSize);
    }

    [Fact]
    public void SensorSpi_RoutesToTheModelOnChipSelect0()
    {
        var board = new SimBoard();
        var model = new EchoModel();
        board.Bus.Attach(SimBoard.SensorChipSelect, model);
        var read = new byte[2];
        ((IBoard)board).SensorSpi.TransferFullDuplex([0x0F, 0xF0], read);
        Assert.Equal(new byte[] { 0xF0, 0x0F }, read);
        Assert.Equal(1, model.Selects);
    }

    [Fact]
    public void PowerCycle_KeepsTheFlash_AndGivesAFreshBoard()
    {
        var board = new SimBoard();
        var log = RecordLog.Mount(board.Flash, 0, 64);
        log.Put(1, [1, 2, 3]);
        board.Clock.Advance(5000);
        board.Led.Show(LedPattern.On);
        var firstEntropy = new byte[16];
        board.Entropy.GetBytes(firstEntropy, 0, 16);
        board.Flash.ArmCutAfterBytes(3);
        Assert.Throws<PowerLossException>(() => log.Put(1, [4, 5, 6]));

        var next = board.PowerCycle();
        Assert.Same(board.Flash, next.Flash);
        Assert.False(next.Flash.IsPoweredOff);
        Assert.Equal(0, next.Clock.UptimeMilliseconds);
        Assert.Equal(LedPattern.Off, next.Led.Current);
        Assert.Equal(1, next.BootNumber);
        var nextEntropy = new byte[16];
        next.Entropy.GetBytes(nextEntropy, 0, 16);
        Assert.NotEqual(firstEntropy, nextEntropy);
        Assert.Equal(new byte[] { 1, 2, 3 }, RecordLog.Mount(next.Flash, 0, 64).Get(1));
    }

    [Fact]
    public void LightSleep_RunsTheFullTime_UnlessTheRadioWakesTheBoard()
    {
        var board = new SimBoard();
        board.Power.LightSleep(1000);
        Assert.Equal(1000, board.Clock.UptimeMilliseconds);

        board.Link.Card.StartAdvertising("card", new byte[16], new byte[16], new byte[16], new byte[16]);
        board.Link.Phone.Connect(247);
        board.Power.LightSleep(60_000);
        Assert.Equal(1000 + board.Options.Link.ConnectSetupMs, board.Clock.UptimeMilliseconds);
        Assert.Equal(1000 + board.Options.Link.ConnectSetupMs, board.Power.MillisecondsAsleep);
    }

    [Fact]
    public void LightSleep_EndsOnASensorInterrupt()
    {
        var board = new SimBoard();
        board.Clock.ScheduleAt(250, () => board.SensorIrq.Drive(true));
        board.Power.LightSleep(10_000);
        Assert.Equal(250, board.Clock.UptimeMilliseconds);
    }

    [Fact]
    public void Restart_IsCounted_RaisesItsEvent_AndUnwindsTheFirmware()
    {
        var board = new SimBoard();
        var raised = 0;
        board.Power.Restarted += () => raised++;
        Assert.Throws<BoardRestartException>(() => ((IPower)board.Power).Restart());
        Assert.Equal(1, board.Power.Restarts);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void Led_RecordsEveryPatternWithItsTime()
    {
        var board = new SimBoard();
        board.Led.Show(LedPattern.BlinkSlow);
        board.Clock.Advance(120);
        board.Led.Show(LedPattern.On);
        Assert.Equal([new(0, LedPattern.BlinkSlow), new(120, LedPattern.On)], board.Led.History);
        Assert.Equal(LedPattern.On, board.Led.Current);
    }

    [Fact]
    public void Battery_IsSettable()
    {
        var board = new SimBoard();
        board.Power.BatteryMillivolts = 3300;
        Assert.Equal(3300, ((IBoard)board).Power.BatteryMillivolts);
    }
}
