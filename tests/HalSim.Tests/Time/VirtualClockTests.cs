using CardFirmware.HalSim.Time;

namespace CardFirmware.HalSim.Tests.Time;

public sealed class VirtualClockTests
{
    [Fact]
    public void Events_RunInTimeOrder_AndSameTimeInSchedulingOrder()
    {
        var clock = new VirtualClock();
        var log = new List<string>();
        clock.ScheduleAt(30, () => log.Add($"c@{clock.UptimeMilliseconds}"));
        clock.ScheduleAt(10, () => log.Add($"a@{clock.UptimeMilliseconds}"));
        clock.ScheduleAt(10, () => log.Add($"b@{clock.UptimeMilliseconds}"));
        clock.ScheduleAfter(20, () => log.Add($"d@{clock.UptimeMilliseconds}"));
        clock.AdvanceTo(100);
        Assert.Equal(["a@10", "b@10", "d@20", "c@30"], log);
        Assert.Equal(100, clock.UptimeMilliseconds);
    }

    [Fact]
    public void Event_ScheduledInThePast_RunsNow_AndTimeNeverGoesBack()
    {
        var clock = new VirtualClock();
        clock.Advance(50);
        long ranAt = -1;
        clock.ScheduleAt(10, () => ranAt = clock.UptimeMilliseconds);
        clock.Advance(0);
        Assert.Equal(50, ranAt);
    }

    [Fact]
    public void Wait_WithNothingScheduled_TimesOutAfterExactlyItsTimeout()
    {
        var clock = new VirtualClock();
        var signal = clock.CreateSignal();
        clock.Advance(7);
        Assert.False(signal.Wait(250));
        Assert.Equal(257, clock.UptimeMilliseconds);
    }

    [Fact]
    public void Wait_ReturnsWhenAnEventSetsTheSignal_AtThatEventsTime()
    {
        var clock = new VirtualClock();
        var signal = clock.CreateSignal();
        clock.ScheduleAt(40, signal.Set);
        clock.ScheduleAt(60, () => { });
        Assert.True(signal.Wait(1000));
        Assert.Equal(40, clock.UptimeMilliseconds);
        Assert.Equal(1, clock.PendingEvents);
        Assert.False(signal.Wait(5)); // auto-reset
        Assert.Equal(45, clock.UptimeMilliseconds);
    }

    [Fact]
    public void Delay_RunsTheEventsDueAndEndsExactlyOnTime()
    {
        var clock = new VirtualClock();
        var ran = 0;
        clock.ScheduleAt(99, () => ran++);
        clock.ScheduleAt(100, () => ran++);
        clock.ScheduleAt(101, () => ran++);
        clock.Delay(100);
        Assert.Equal(2, ran);
        Assert.Equal(100, clock.UptimeMilliseconds);
    }

    [Fact]
    public void Post_FromAnotherThread_RunsOnTheWaitingThread()
    {
        var clock = new VirtualClock { WaitForPostedWork = true };
        var signal = clock.CreateSignal();
        var simulationThread = Environment.CurrentManagedThreadId;
        var ranOn = -1;
        var poster = new Thread(() =>
        {
            Thread.Sleep(20);
            clock.Post(() =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                signal.Set();
            });
        });
        poster.Start();
        Assert.True(signal.Wait(10_000));
        poster.Join();
        Assert.Equal(simulationThread, ranOn);
        Assert.InRange(clock.UptimeMilliseconds, 0, 9_999);
    }

    [Fact]
    public void Post_BeforeAWait_RunsAtTheNextWait()
    {
        var clock = new VirtualClock();
        var ran = false;
        clock.Post(() => ran = true);
        Assert.False(ran);
        clock.Delay(0);
        Assert.True(ran);
    }
}
