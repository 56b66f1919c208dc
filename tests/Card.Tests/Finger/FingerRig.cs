using CardFirmware.Crypto.Threshold;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Images;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Card.Tests.EndToEnd;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// A simulated card with its sensor, a simulated holder whose synthetic finger touches when the
/// LED asks, and a phone (key, wallet share) that survives the card's reboots.
/// </summary>
internal sealed class FingerRig
{
    // These tests pin the card's mechanics, not recognition rates (tools/FingerprintEval measures
    // those): the owner is a synthetic finger whose first 24 touches all open a vault enrolled
    // from its first five (the holder's touch count restarts at every reboot); the stranger's
    // first 24 open none. The thief is a third finger whose own enrollment confirms (4 of its 6
    // confirmation touches open the vault built from its first seven), which the stranger's does not.
    public const int Owner = 5;
    public const int Stranger = 4;
    public const int Thief = 6;

    public FingerRig(CardConfig? config = null, CardImage? image = null, byte[]? phoneKey = null)
        : this(Boot(image), config ?? FastConfig(), phoneKey ?? CardHarness.NewPhoneKey())
    {
    }

    private FingerRig(SimBoard board, CardConfig config, byte[] phoneKey)
    {
        Board = board;
        Config = config;
        PhoneKey = phoneKey;
        Card = new SimulatedCard.SimulatedCard(board, config);
        CardKey = Card.Firmware.IdentityPublicKey();
        Touching(Owner);
    }

    public SimBoard Board { get; }

    public CardConfig Config { get; }

    public SimulatedCard.SimulatedCard Card { get; }

    public byte[] PhoneKey { get; }

    public byte[] CardKey { get; }

    public KeyShare? PhoneShare { get; set; }

    /// <summary>A production config but with touch timeouts short enough for tests.</summary>
    public static CardConfig FastConfig() => new() { TouchTimeoutMilliseconds = 5000 };

    /// <summary>Sets the finger the holder touches with (null: the holder does not touch).</summary>
    public void Touching(int? finger) =>
        Card.User.Finger = finger is { } id ? new SyntheticImageSource(id) : null;

    /// <summary>Opens a session as <paramref name="phoneKey"/> (default: the rig's phone), runs <paramref name="work"/>, disconnects.</summary>
    public T Session<T>(Func<CardClient, T> work, byte[]? phoneKey = null) =>
        Card.PhoneSession(phoneKey ?? PhoneKey, CardKey, work);

    public void Enroll() => Session(client => client.Enroll());

    public void CreateWallet() => Session(client =>
    {
        var wallet = new PhoneWallet(client);
        wallet.Create();
        PhoneShare = wallet.Share;
        return 0;
    });

    public byte[] Sign(byte[] hash) => Session(client => new PhoneWallet(client, PhoneShare).Sign(hash, []));

    public CardInfoReply Info() => Session(client => client.GetInfo());

    /// <summary>Power cycle: the same flash, a fresh firmware instance; the phone keeps its key and share.</summary>
    public FingerRig Reboot()
    {
        Card.Halt();
        return new FingerRig(Board.PowerCycle(), Config, PhoneKey) { PhoneShare = PhoneShare };
    }

    /// <summary>The card's non-volatile state now: its flash and, apart from it, its eFuse.</summary>
    public CardImage Image() => new(Board.Flash.Snapshot(), Board.Efuse.Snapshot());

    private static SimBoard Boot(CardImage? image)
    {
        if (image is null)
        {
            return new SimBoard();
        }

        var board = new SimBoard(null, SimEfuse.FromSnapshot(image.Efuse));
        board.Flash.Restore(image.Flash);
        return board;
    }
}

/// <summary>A simulated card's non-volatile state: the flash image and the eFuse (key and one-way counter).</summary>
internal sealed record CardImage(byte[] Flash, byte[] Efuse);
