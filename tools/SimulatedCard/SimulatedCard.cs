using CardFirmware.Card;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Host;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Time;

namespace CardFirmware.SimulatedCard;

/// <summary>
/// The card firmware booted on a <see cref="SimBoard"/>. On the card the main loop runs forever
/// on its own thread; here each turn of it is an event on the board's <see cref="VirtualClock"/>:
/// one turn whenever the radio hands the card something, and one every
/// <see cref="TickMilliseconds"/> so that its timers (idle timeout, back-pressure retries,
/// reassembly timeout) run. Whoever waits on the clock (the phone, a test) therefore runs the card.
/// The firmware is not told: it sees only the HAL.
/// </summary>
public sealed class SimulatedCard
{
    private readonly VirtualClock _clock;
    private bool _inTurn;
    private bool _turnScheduled;
    private bool _ticking;

    /// <summary>Boots the firmware on <paramref name="board"/>, all its arithmetic on <see cref="CardConfig.Arithmetic"/> (<see cref="ArithmeticBackends"/>).</summary>
    public SimulatedCard(SimBoard board, CardConfig? config = null, int tickMilliseconds = 5)
        : this(board, config ?? new CardConfig(), tickMilliseconds, c => new Card.Card(board, c))
    {
    }

    /// <summary>Boots the firmware on <paramref name="board"/> with <paramref name="curve"/> as the channel's point operations (the rest on <see cref="CardConfig.Arithmetic"/>).</summary>
    public SimulatedCard(SimBoard board, IChannelCurve curve, CardConfig? config = null, int tickMilliseconds = 5)
        : this(board, config ?? new CardConfig(), tickMilliseconds, c => new Card.Card(board, curve, c))
    {
    }

    private SimulatedCard(SimBoard board, CardConfig config, int tickMilliseconds, Func<CardConfig, Card.Card> firmware)
    {
        Board = board;
        Config = config;
        TickMilliseconds = tickMilliseconds;
        _clock = board.Clock;
        Sensor = new Fpc1020Emulator(board.Clock, board.SensorIrq, board.SensorReset);
        board.Bus.Attach(SimBoard.SensorChipSelect, Sensor);
        User = new SimulatedUser(board, Sensor);
        Firmware = firmware(Config);
        board.Link.CardActivity += ScheduleTurn;
        Firmware.Boot();
        StartTicking();
    }

    /// <summary>The simulated board.</summary>
    public SimBoard Board { get; }

    /// <summary>The fingerprint sensor on the board's SPI bus.</summary>
    public Fpc1020Emulator Sensor { get; }

    /// <summary>The card's holder, who touches the sensor when the LED asks.</summary>
    public SimulatedUser User { get; }

    /// <summary>The firmware's configuration.</summary>
    public CardConfig Config { get; }

    /// <summary>The firmware itself.</summary>
    public Card.Card Firmware { get; }

    /// <summary>Virtual milliseconds between two timer turns of the main loop.</summary>
    public int TickMilliseconds { get; }

    /// <summary>Main-loop turns run so far.</summary>
    public long Turns { get; private set; }

    /// <summary>
    /// One phone connection: connects at <paramref name="mtu"/>, runs the Noise XK handshake as
    /// <paramref name="phoneKey"/> towards <paramref name="cardKey"/> with the card's prologue, runs
    /// <paramref name="work"/>, then disconnects and lets the card take the disconnection.
    /// </summary>
    public T PhoneSession<T>(byte[] phoneKey, byte[] cardKey, Func<CardClient, T> work, int mtu = 247, int timeoutMilliseconds = 60_000)
    {
        if (!Board.Link.Phone.ConnectAndWait(mtu))
        {
            throw new IOException("The phone could not connect to the card.");
        }

        var link = new SimCardLink(Board.Link);
        using var channel = new PhoneChannel(link, phoneKey, cardKey, Ascii.Bytes(Config.Prologue), timeoutMilliseconds);
        try
        {
            channel.Handshake();
            return work(new CardClient(channel));
        }
        finally
        {
            if (Board.Link.Phone.IsConnected)
            {
                Board.Link.Phone.Disconnect();
            }

            link.WaitForActivity(500);
        }
    }

    /// <summary>Stops driving the firmware (a power cut as far as the main loop is concerned).</summary>
    public void Halt()
    {
        _ticking = false;
        Board.Link.CardActivity -= ScheduleTurn;
    }

    private void StartTicking()
    {
        _ticking = true;
        _clock.ScheduleAfter(TickMilliseconds, Tick);
    }

    private void Tick()
    {
        if (!_ticking)
        {
            return;
        }

        Turn();
        _clock.ScheduleAfter(TickMilliseconds, Tick);
    }

    private void ScheduleTurn()
    {
        if (_turnScheduled || !_ticking)
        {
            return;
        }

        _turnScheduled = true;
        _clock.ScheduleAfter(0, () =>
        {
            _turnScheduled = false;
            Turn();
        });
    }

    private void Turn()
    {
        // A firmware wait (for a finger, say) runs clock events itself; a tick that falls inside
        // it must not start a second, nested turn of the main loop.
        if (_inTurn)
        {
            return;
        }

        _inTurn = true;
        try
        {
            Turns++;
            Firmware.RunOnce(0);
        }
        finally
        {
            _inTurn = false;
        }
    }
}
