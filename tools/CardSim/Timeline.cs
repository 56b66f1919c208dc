using CardFirmware.HalSim.Board;

namespace CardFirmware.CardSim;

/// <summary>Prints what the card and the phone do, one line per event, stamped with virtual time.</summary>
internal sealed class Timeline(SimBoard board)
{
    public void Card(string what) => Line("card ", what);

    public void Phone(string what) => Line("phone", what);

    public void Step(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title} ".PadRight(78, '='));
    }

    public void Fail(string what) => Line("FAIL ", what);

    private void Line(string who, string what)
    {
        var t = board.Clock.UptimeMilliseconds / 1000.0;
        Console.WriteLine($"[{t,9:F3} s] {who} | {what}");
    }
}
