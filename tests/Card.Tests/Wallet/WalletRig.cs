using System.Security.Cryptography;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;
using CardFirmware.HalSim.Efuse;
using CardFirmware.Crypto.Threshold;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Wallet;

/// <summary>The card's wallet commands on a flash record log, driven by the phone's wallet client.</summary>
internal sealed class WalletRig
{
    /// <summary>
    /// A rig on <paramref name="flash"/> (a fresh one if null); <paramref name="cardRandom"/> replaces the card's
    /// protocol generator (e.g. a stuck one), else each boot seeds a new one from the operating system.
    /// </summary>
    public WalletRig(SimFlash? flash = null, IRandomSource? cardRandom = null)
    {
        CardRandomOverride = cardRandom;
        Flash = flash ?? new SimFlash(4096, 32);
        FingerKey = RandomNumberGenerator.GetBytes(32);
        Finger = new ScriptedFinger(FingerKey);
        Rebuild();
    }

    public SimFlash Flash { get; }

    public IRandomSource? CardRandomOverride { get; }

    public RecordLog Log { get; private set; } = null!;

    public SessionIdSource SessionIds { get; private set; } = null!;

    public byte[] FingerKey { get; }

    public ScriptedFinger Finger { get; }

    public CommandDispatcher Dispatcher { get; private set; } = null!;

    public CreateWalletHandler Create { get; private set; } = null!;

    public SignHandler Sign { get; private set; } = null!;

    public RefreshHandler Refresh { get; private set; } = null!;

    public CardInfo Info { get; } = new();

    public PhoneWallet Phone { get; private set; } = null!;

    /// <summary>Mounts the log again as after a reboot (the phone keeps its share).</summary>
    public void Rebuild()
    {
        var log = RecordLog.Mount(Flash, 0, Flash.PageCount);
        var entropy = SimEntropy.OperatingSystem();
        var keys = new DeviceKeys(Chip.Hmac);
        var vault = new ShareVault(log, keys, entropy);
        var random = CardRandomOverride ?? new CardRandom(entropy);
        var guard = new SetupGuard(log);
        Log = log;
        SessionIds = new SessionIdSource(log, random);
        Create = new CreateWalletHandler(log, vault, Finger, random, Info, SessionIds, guard, keys, 10_000);
        Sign = new SignHandler(log, vault, Finger, random, SessionIds, guard, 10_000);
        Refresh = new RefreshHandler(log, vault, Finger, random, SessionIds, guard, keys, 10_000);
        Dispatcher = new CommandDispatcher();
        Dispatcher.Register(CommandCode.CreateWallet, Create);
        Dispatcher.Register(CommandCode.Sign, Sign);
        Dispatcher.Register(CommandCode.Refresh, Refresh);
        Dispatcher.Register(CommandCode.GetPublicKey, new GetPublicKeyHandler(log));
        var share = Phone?.Share;
        Phone = new PhoneWallet(new CardClient(Dispatcher.Dispatch), share);
    }

    // The chip's eFuse survives the reboot as the flash does.
    private static readonly SimEfuse Chip = SimEfuse.ProvisionFromSeed(null, 64);
}
