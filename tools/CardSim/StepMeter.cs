using CardFirmware.HalSim.Board;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>Runs one walkthrough step, catching what it throws, and records its virtual time and radio bytes.</summary>
internal sealed class StepMeter(SimBoard board, Timeline timeline)
{
    private readonly List<(string Name, bool Ok, long Milliseconds, long ToCard, long ToPhone)> _rows = [];

    public bool Run(string name, Func<bool> step)
    {
        var t0 = board.Clock.UptimeMilliseconds;
        var toCard = board.Link.BytesToCard;
        var toPhone = board.Link.BytesToPhone;
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

        _rows.Add((name, ok, board.Clock.UptimeMilliseconds - t0, board.Link.BytesToCard - toCard, board.Link.BytesToPhone - toPhone));
        if (!ok)
        {
            timeline.Fail($"step \"{name}\" did not behave as expected");
        }

        return ok;
    }

    public void PrintTable()
    {
        Console.WriteLine($"{"step",-18} {"result",-7} {"time (virtual)",15} {"phone->card",12} {"card->phone",12}");
        foreach (var row in _rows)
        {
            Console.WriteLine($"{row.Name,-18} {(row.Ok ? "ok" : "FAILED"),-7} {row.Milliseconds,12} ms {row.ToCard,10} B {row.ToPhone,10} B");
        }
    }
}
