using CardFirmware.Card;
using CardFirmware.CardTime;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Images;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>
/// One run's simulated card: a board whose eFuse and flash are restored from the state file, the real
/// firmware booted on it, and the simulated holder who touches with a synthetic finger when the
/// LED asks. <see cref="Session{T}"/> connects the phone over the simulated BLE link, runs the
/// Noise XK handshake, and disconnects (the card wipes the session) before returning.
/// </summary>
internal sealed class CardHost : ICardEndpoint
{
    public const int Mtu = 247;

    private CardHost(SimBoard board, CardConfig config)
    {
        Board = board;
        Card = new SimulatedCard.SimulatedCard(board, config);
    }

    public SimBoard Board { get; }

    public SimulatedCard.SimulatedCard Card { get; }

    /// <summary>
    /// A card fresh from the factory, blank flash: its own eFuse key and hardware RNG stream from the
    /// operating system's RNG, as each chip gets its own, or both from <paramref name="seed"/> when
    /// one is given (a reproducible card for demos and tests; never for funds).
    /// </summary>
    public static CardHost Factory(ulong? seed, CardConfig config)
    {
        var options = new SimBoardOptions { EntropySeed = seed };
        return new CardHost(new SimBoard(options, SimEfuse.ProvisionFromSeed(seed, options.CounterBits)), config);
    }

    /// <summary>
    /// Boots the firmware on the chip <paramref name="efuse"/> describes, with <paramref name="flashImage"/>
    /// (both checked by <see cref="CardState.Parse"/>), its RNG drawing from the operating system's as
    /// a hardware RNG would: a fixed stream on every boot would repeat the card's nonces across runs.
    /// </summary>
    public static CardHost Boot(byte[] efuse, byte[] flashImage, CardConfig config)
    {
        var board = new SimBoard(new SimBoardOptions { EntropySeed = null }, SimEfuse.FromSnapshot(efuse));
        board.Flash.Restore(flashImage);
        return new CardHost(board, config);
    }

    /// <summary>The card's flash as it is now.</summary>
    public byte[] FlashImage() => Board.Flash.Snapshot();

    /// <summary>The card's eFuse as it is now (its key and the one-way counter's burned bits).</summary>
    public byte[] EfuseImage() => Board.Efuse.Snapshot();

    /// <summary>
    /// The card's estimated time for this run's work (the boot, every session and touch on this board, the
    /// touches for enrollment or verification, and the wallet commands completed), labelled, with
    /// the flag that prints its assumptions.
    /// </summary>
    public string? CardTimeLine(bool touchesEnroll, int enrollmentsCompleted = 0, int walletCreations = 0, int signatures = 0)
    {
        var touches = Card.User.Touches;
        var work = new CardWork(
            Boots: 1,
            Sessions: Board.Link.Connections,
            EnrollmentTouches: touchesEnroll ? touches : 0,
            EnrollmentsCompleted: enrollmentsCompleted,
            VerificationTouches: touchesEnroll ? 0 : touches,
            WalletCreations: walletCreations,
            Signatures: signatures);
        return $"{CardTimeModel.Label} {CardTimeModel.Value.Estimate(work)} (ESP32-S3; assumptions: cardctl --card-time-assumptions)";
    }

    public long? TouchesEvaluated => (long)Board.Efuse.Counter.Value;

    public void Keep(CardState state)
    {
        state.Flash = FlashImage();
        state.Efuse = EfuseImage();
    }

    public T Session<T>(byte[] phoneKey, byte[] cardKey, int finger, Action<string> progress, Func<CardClient, T> work)
    {
        Card.User.Finger = new SyntheticImageSource(finger);
        if (!Board.Link.Phone.ConnectAndWait(Mtu))
        {
            throw new IOException("The phone could not connect to the card.");
        }

        var link = new SimCardLink(Board.Link);
        try
        {
            return PhoneSessions.Run(link, phoneKey, cardKey, 60_000, progress, work);
        }
        finally
        {
            // Disconnect and let the card take it: it wipes the session before the memory is saved.
            if (Board.Link.Phone.IsConnected)
            {
                Board.Link.Phone.Disconnect();
            }

            link.WaitForActivity(500);
        }
    }
}
