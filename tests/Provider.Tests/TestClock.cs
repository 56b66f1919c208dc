namespace CardFirmware.Provider.Tests;

/// <summary>A clock the test moves: the provider's and the phone's time, so a delay or a day can pass at once.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
