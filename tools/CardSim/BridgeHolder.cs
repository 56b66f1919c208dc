using CardFirmware.Hal;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Images;

namespace CardFirmware.CardSim;

/// <summary>
/// The card's holder at the bridge, driven by CardSim's operator: the phone is in another process and
/// cannot touch the sensor, so whoever runs CardSim does. <c>touch N</c> puts synthetic finger N on the
/// sensor once (at once if the LED is asking, else at its next request); <c>finger N</c> touches with N
/// at every request; <c>finger none</c> stops. Runs on the simulation thread (commands arrive through
/// <see cref="HalSim.Time.VirtualClock.Post"/>); every LED request and touch is reported to the log.
/// </summary>
internal sealed class BridgeHolder
{
    public const int ReactionMilliseconds = 700;
    public const int HoldMilliseconds = 600;

    private readonly SimBoard _board;
    private readonly IFingerContact _sensor;
    private readonly Action<string> _log;
    private readonly Queue<int> _armed = new();
    private int _touchIndex;

    public BridgeHolder(SimBoard board, IFingerContact sensor, int? finger, Action<string> log)
    {
        _board = board;
        _sensor = sensor;
        _log = log;
        Finger = finger;
        board.Led.Changed += change =>
        {
            if (change.Pattern == LedPattern.BlinkFast)
            {
                OnTouchRequested();
            }
        };
    }

    /// <summary>The finger that touches at every request (null: only armed <c>touch N</c> touches).</summary>
    public int? Finger { get; private set; }

    /// <summary>Touches given so far.</summary>
    public int Touches => _touchIndex;

    /// <summary>True while the card's LED asks for a touch.</summary>
    public bool Asking => _board.Led.Current == LedPattern.BlinkFast;

    /// <summary>Runs one operator command; returns the answer to print.</summary>
    public string Command(string line)
    {
        var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case ["touch", var id] when int.TryParse(id, out var finger) && finger >= 0:
                if (Asking && !_sensor.FingerPresent)
                {
                    Touch(finger);
                    return $"finger {finger} placed on the sensor";
                }

                _armed.Enqueue(finger);
                return $"finger {finger} will touch at the card's next request ({_armed.Count} waiting)";
            case ["finger", "none" or "off"]:
                Finger = null;
                _armed.Clear();
                return "the holder no longer touches; `touch N` touches once";
            case ["finger", var id] when int.TryParse(id, out var finger) && finger >= 0:
                Finger = finger;
                if (Asking && !_sensor.FingerPresent)
                {
                    Touch(finger);
                }

                return $"the holder touches with finger {finger} whenever the LED asks";
            case ["status"]:
                return $"LED {_board.Led.Current}; holder finger {(Finger is { } f ? f.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}; "
                    + $"{_armed.Count} touches waiting; {_touchIndex} given; {_board.Link.Connections} connections";
            case []:
                return "";
            default:
                return "commands: touch N | finger N | finger none | status | help | quit";
        }
    }

    private void OnTouchRequested()
    {
        if (_armed.TryDequeue(out var armed))
        {
            _board.Clock.ScheduleAfter(ReactionMilliseconds, () => Touch(armed));
        }
        else if (Finger is { } finger)
        {
            _board.Clock.ScheduleAfter(ReactionMilliseconds, () => Touch(finger));
        }
        else
        {
            _log("card: LED blinks fast, the card asks for a touch: type `touch N` (N: the synthetic finger)");
        }
    }

    private void Touch(int finger)
    {
        if (_sensor.FingerPresent)
        {
            return;
        }

        var image = new byte[SensorFrame.Size];
        new SyntheticImageSource(finger).Capture(_touchIndex++, image);
        _sensor.PlaceFinger(image);
        Array.Clear(image);
        _log($"holder: finger {finger} on the sensor");
        _board.Clock.ScheduleAfter(HoldMilliseconds, _sensor.LiftFinger);
    }
}
