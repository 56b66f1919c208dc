using CardFirmware.CardTime;
using CardFirmware.HalSim.Board;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>What a walkthrough step's touches are for, and which wallet command it runs to the end when it succeeds.</summary>
/// <remarks>An enrollment step that succeeds completed one enrollment.</remarks>
internal sealed record StepWork(bool TouchesEnroll, bool CreatesWallet = false, bool Signs = false)
{
    public static readonly StepWork Verification = new(false);
    public static readonly StepWork Enrollment = new(true);
}

/// <summary>
/// Runs one walkthrough step, catching what it throws, and records its virtual time, radio bytes
/// and estimated card time (the device meter's figures priced with the cost table: phone sessions
/// and touches counted on the board, wallet commands from the step's <see cref="StepWork"/>).
/// </summary>
internal sealed class StepMeter(SimBoard board, SimulatedCard.SimulatedCard card, Timeline timeline, CardTimeModel cardTime)
{
    private readonly List<(string Name, bool Ok, long Milliseconds, long ToCard, long ToPhone, CardTimeEstimate CardTime)> _rows = [];

    public bool Run(string name, StepWork work, Func<bool> step)
    {
        var t0 = board.Clock.UptimeMilliseconds;
        var toCard = board.Link.BytesToCard;
        var toPhone = board.Link.BytesToPhone;
        var connections = board.Link.Connections;
        var touches = card.User.Touches;
        bool ok;
        try
        {
            ok = step();
        }
        catch (Exception failure) when (failure is CardRefusedException or TimeoutException or IOException or InvalidDataException or InvalidOperationException)
        {
            timeline.Fail($"{name}: {failure.Message}");
            ok = false;
        }

        var touched = card.User.Touches - touches;
        var done = new CardWork(
            Sessions: board.Link.Connections - connections,
            EnrollmentTouches: work.TouchesEnroll ? touched : 0,
            EnrollmentsCompleted: ok && work.TouchesEnroll ? 1 : 0,
            VerificationTouches: work.TouchesEnroll ? 0 : touched,
            WalletCreations: ok && work.CreatesWallet ? 1 : 0,
            Signatures: ok && work.Signs ? 1 : 0);
        _rows.Add((name, ok, board.Clock.UptimeMilliseconds - t0, board.Link.BytesToCard - toCard, board.Link.BytesToPhone - toPhone, cardTime.Estimate(done)));
        if (!ok)
        {
            timeline.Fail($"step \"{name}\" did not behave as expected");
        }

        return ok;
    }

    public void PrintTable()
    {
        Console.WriteLine($"{"step",-18} {"result",-7} {"time (virtual)",15} {"phone->card",12} {"card->phone",12} {"card time (estimate)",22}");
        foreach (var row in _rows)
        {
            Console.WriteLine($"{row.Name,-18} {(row.Ok ? "ok" : "FAILED"),-7} {row.Milliseconds,12} ms {row.ToCard,10} B {row.ToPhone,10} B {row.CardTime,22}");
        }

        Console.WriteLine(cardTime.Footnote("dotnet run --project tools/CardSim -- --card-time-assumptions"));
    }
}
