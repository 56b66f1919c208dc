using CardFirmware.Biometrics;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Session;
using CardFirmware.Card.Wallet;
using CardFirmware.Drivers.Fpc1020;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.Storage;

namespace CardFirmware.Fuzz.Rigs;

/// <summary>
/// The card's command table as <c>Card.RegisterCommands</c> builds it, on a simulated board whose
/// flash is restored to one of <see cref="CardImages"/>' stages before every input: every handler is
/// the card's own, over the card's record log. The finger is either the card's real reader with
/// nobody touching the sensor, or a scripted touch of the enrolled finger (the biometric pipeline
/// has its own target); the card's randomness is a seeded stream, so a recorded honest phone replays.
/// </summary>
internal sealed class CommandRig
{
    /// <summary>Number of flash stages (<see cref="CardImages.Populate"/>).</summary>
    public const int Stages = 4;

    private const int Pages = 16;
    private const int TouchTimeoutMilliseconds = 30000;

    private readonly SimBoard _board = new(new SimBoardOptions { FlashPageSize = CardImages.PageSize, FlashPages = Pages });
    private readonly byte[][] _images = new byte[Stages][];
    private readonly IFrameStore _frame = new ManagedFrameStore(new byte[Fpc1020Sensor.ImageSize]);
    private readonly FingerKeyExtractor _extractor = new();
    private readonly FingerSensor _sensor;
    private ISessionScoped[] _sessionScoped = [];
    private CardIdentity? _identity;

    public CommandRig()
    {
        var emulator = new Fpc1020Emulator(_board.Clock, _board.SensorIrq, _board.SensorReset);
        _board.Bus.Attach(SimBoard.SensorChipSelect, emulator);
        _sensor = new FingerSensor(new Fpc1020Sensor(_board.SensorSpi, _board.SensorIrq, _board.SensorReset, _board.Clock),
            _board.Clock, _board.Led);
        var index = 0;
        foreach (var (_, image) in CardImages.All(Pages))
        {
            _images[index++] = image;
        }
    }

    /// <summary>The table of the session just opened.</summary>
    public CommandDispatcher Dispatcher { get; private set; } = new();

    /// <summary>
    /// The last exception a handler threw that is not one of the card's typed errors (the dispatcher
    /// answers both kinds with InternalError, so only here can the fuzzer tell them apart); null if none.
    /// </summary>
    public Exception? Untyped { get; set; }

    /// <summary>
    /// Restores stage <paramref name="stage"/>'s flash and builds the command table for a session
    /// of a phone that is bonded (<paramref name="bondedCaller"/>) or a stranger, with the enrolled
    /// finger touching whenever asked (<paramref name="touches"/>) or nobody touching.
    /// </summary>
    public CommandDispatcher Open(int stage, bool bondedCaller, bool touches)
    {
        _board.Flash.Restore(_images[stage]);
        var log = RecordLog.Mount(_board.Flash, 0, Pages);
        var entropy = SimEntropy.Seeded(Fixtures.CardSeed);
        var identity = CardIdentity.Derive(Fixtures.Keys, Fixtures.Curve);
        _identity = identity;
        var bonds = new BondList(log, 4);
        var counter = new TouchCounter(log, Fixtures.Chip().Counter, Fixtures.Keys, 5);
        var vault = new ShareVault(log, Fixtures.Keys, entropy);
        var random = new CardRandom(entropy);
        var reader = new SensorFingerKeyReader(_sensor, _extractor, counter, log, _frame);
        IFingerKeyReader finger = touches ? new EnrolledTouch(reader) : reader;
        var info = new CardInfo
        {
            IdentityPublicKey = identity.PublicKey(),
            Enrolled = reader.IsEnrolled,
            HasWallet = vault.HasShare,
        };
        var caller = new PhoneIdentity { Key = bondedCaller ? Fixtures.PublicKey(Fixtures.PhoneStaticKey) : Fixtures.PublicKey(Fixtures.Key("stranger")) };
        var enroll = new EnrollHandler(_sensor, _extractor, reader, counter, log, random, info, _frame, TouchTimeoutMilliseconds);
        var sessionIds = new SessionIdSource(log, random);
        var guard = new SetupGuard(log);
        var create = new CreateWalletHandler(log, vault, finger, random, info, sessionIds, guard, Fixtures.Keys, TouchTimeoutMilliseconds);
        var sign = new SignHandler(log, vault, finger, random, sessionIds, guard, TouchTimeoutMilliseconds);
        var refresh = new RefreshHandler(log, vault, finger, random, sessionIds, guard, Fixtures.Keys, TouchTimeoutMilliseconds);
        _sessionScoped = [enroll, create, sign, refresh];
        Untyped = null;
        Dispatcher = new CommandDispatcher();
        Register(CommandCode.GetInfo, new GetInfoHandler(info, _board.Power));
        Register(CommandCode.Ping, new PingHandler());
        Register(CommandCode.Enroll, enroll);
        Register(CommandCode.CreateWallet, create);
        Register(CommandCode.GetPublicKey, new GetPublicKeyHandler(log));
        Register(CommandCode.Sign, sign);
        Register(CommandCode.Refresh, refresh);
        Register(CommandCode.Unpair, new UnpairHandler(bonds, caller));
        Register(CommandCode.FactoryReset, new FactoryResetHandler(log, bonds, finger, counter, info, TouchTimeoutMilliseconds));
        return Dispatcher;
    }

    /// <summary>Ends the session as the card does: every session-scoped handler drops and wipes its run.</summary>
    public void EndSession()
    {
        foreach (var handler in _sessionScoped)
        {
            handler.EndSession();
        }

        _extractor.Clear();
        _identity?.Dispose();
        _identity = null;
    }

    private void Register(CommandCode command, ICommandHandler handler) =>
        Dispatcher.Register(command, new Watched(this, handler));

    /// <summary>Passes every call through, noting an untyped exception before the dispatcher's catch-all hides it.</summary>
    private sealed class Watched(CommandRig rig, ICommandHandler inner) : ICommandHandler
    {
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength)
        {
            try
            {
                return inner.Handle(request, payloadOffset, payloadLength);
            }
            catch (Exception e) when (!TypedErrors.IsTyped(e))
            {
                rig.Untyped = e;
                throw;
            }
        }
    }

    /// <summary>The enrolled finger's key on every touch (the real reader, with its counter, serves the untouched case).</summary>
    private sealed class EnrolledTouch(SensorFingerKeyReader card) : IFingerKeyReader
    {
        public bool IsEnrolled => card.IsEnrolled;

        public byte[] ReadKey(int timeoutMilliseconds)
        {
            if (!card.IsEnrolled)
            {
                throw new CommandException(WireStatus.NotEnrolled);
            }

            return (byte[])Fixtures.FingerKey.Clone();
        }
    }
}
