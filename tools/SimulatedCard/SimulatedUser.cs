using CardFirmware.Hal;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Images;

namespace CardFirmware.SimulatedCard;

/// <summary>
/// The person holding the card: whenever the card's LED starts blinking fast (its request for a
/// touch) they put <see cref="Finger"/> on the sensor after <see cref="ReactionMilliseconds"/>
/// and lift it after <see cref="HoldMilliseconds"/>. Each touch is a new impression of the same
/// finger (new placement, pressure, noise), as a real hand would give. With no finger set they
/// do not react, and the card's wait times out.
/// </summary>
public sealed class SimulatedUser
{
    private readonly SimBoard _board;
    private readonly IFingerContact _sensor;
    private int _touchIndex;

    /// <summary>Watches <paramref name="board"/>'s LED and touches <paramref name="sensor"/>.</summary>
    public SimulatedUser(SimBoard board, IFingerContact sensor)
    {
        _board = board;
        _sensor = sensor;
        board.Led.Changed += change =>
        {
            if (change.Pattern == LedPattern.BlinkFast && Finger is not null)
            {
                board.Clock.ScheduleAfter(ReactionMilliseconds, Touch);
            }
        };
    }

    /// <summary>The finger the user touches with (null: the user ignores the card).</summary>
    public IImageSource? Finger { get; set; }

    /// <summary>Delay between the LED's request and the touch.</summary>
    public int ReactionMilliseconds { get; set; } = 700;

    /// <summary>How long the finger rests on the sensor.</summary>
    public int HoldMilliseconds { get; set; } = 600;

    /// <summary>Touches given so far.</summary>
    public int Touches => _touchIndex;

    private void Touch()
    {
        var finger = Finger;
        if (finger is null || _sensor.FingerPresent)
        {
            return;
        }

        var image = new byte[SensorFrame.Size];
        finger.Capture(_touchIndex++, image);
        _sensor.PlaceFinger(image);
        Array.Clear(image);
        _board.Clock.ScheduleAfter(HoldMilliseconds, _sensor.LiftFinger);
    }
}
