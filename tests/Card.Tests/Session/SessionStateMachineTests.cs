using CardFirmware.Card.Session;

namespace CardFirmware.Card.Tests.Session;

public class SessionStateMachineTests
{
    [Fact]
    public void FullSession_PassesThroughWipingBeforeAdvertisingAgain()
    {
        var machine = new SessionStateMachine();
        machine.MoveTo(SessionState.Advertising, 0);
        machine.MoveTo(SessionState.Connected, 10);
        machine.MoveTo(SessionState.Busy, 20);
        machine.MoveTo(SessionState.Connected, 30);
        machine.MoveTo(SessionState.Wiping, 40);
        machine.MoveTo(SessionState.Advertising, 50);

        Assert.Equal(SessionState.Advertising, machine.State);
        Assert.Equal(50, machine.LastActivity);
    }

    [Theory]
    [InlineData(SessionState.Connected)]
    [InlineData(SessionState.Busy)]
    public void SessionEnd_CannotSkipTheWipe(SessionState from)
    {
        var machine = InState(from);

        Assert.False(machine.CanMoveTo(SessionState.Advertising));
        var error = Assert.Throws<CardStateException>(() => machine.MoveTo(SessionState.Advertising, 99));
        Assert.Equal(from, error.From);
        Assert.Equal(SessionState.Advertising, error.To);
        Assert.Equal(from, machine.State);
    }

    [Fact]
    public void Idle_CannotAcceptAConnection()
    {
        var machine = new SessionStateMachine();

        Assert.Throws<CardStateException>(() => machine.MoveTo(SessionState.Connected, 1));
    }

    [Fact]
    public void Touch_RestartsTheIdleTimerWithoutChangingState()
    {
        var machine = InState(SessionState.Connected);

        machine.Touch(1234);

        Assert.Equal(SessionState.Connected, machine.State);
        Assert.Equal(1234, machine.LastActivity);
    }

    private static SessionStateMachine InState(SessionState target)
    {
        var machine = new SessionStateMachine();
        machine.MoveTo(SessionState.Advertising, 0);
        if (target == SessionState.Advertising)
        {
            return machine;
        }

        machine.MoveTo(SessionState.Connected, 0);
        if (target == SessionState.Busy)
        {
            machine.MoveTo(SessionState.Busy, 0);
        }

        return machine;
    }
}
