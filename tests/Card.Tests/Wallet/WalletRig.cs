using System.Security.Cryptography;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Wallet;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Wallet;

/// <summary>The card's wallet commands on a flash record log, driven by the phone's wallet client.</summary>
internal sealed class WalletRig
{
    public WalletRig(SimFlash? flash = null)
    {
        Flash = flash ?? new SimFlash(4096, 32);
        FingerKey = RandomNumberGenerator.GetBytes(32);
        Finger = new ScriptedFinger(FingerKey);
        Rebuild();
    }

    public SimFlash Flash { get; }

    public byte[] FingerKey { get; }

    public ScriptedFinger Finger { get; }

    public CommandDispatcher Dispatcher { get; private set; } = null!;

    public CreateWalletHandler Create { get; private set; } = null!;

    public SignHandler Sign { get; private set; } = null!;

    public CardInfo Info { get; } = new();

    public PhoneWallet Phone { get; private set; } = null!;

    /// <summary>Mounts the log again as after a reboot (the phone keeps its share).</summary>
    public void Rebuild()
    {
        var log = RecordLog.Mount(Flash, 0, Flash.PageCount);
        var entropy = SimEntropy.OperatingSystem();
        var vault = new ShareVault(log, new DeviceKeys(Chip.Hmac), entropy);
        var random = new CardRandom(entropy);
        Create = new CreateWalletHandler(log, vault, Finger, random, Info, 10_000);
        Sign = new SignHandler(log, vault, Finger, random, 10_000);
        Dispatcher = new CommandDispatcher();
        Dispatcher.Register(CommandCode.CreateWallet, Create);
        Dispatcher.Register(CommandCode.Sign, Sign);
        Dispatcher.Register(CommandCode.GetPublicKey, new GetPublicKeyHandler(log));
        var share = Phone?.Share;
        Phone = new PhoneWallet(new CardClient(Dispatcher.Dispatch), share);
    }

    // The chip's eFuse survives the reboot as the flash does.
    private static readonly SimEfuse Chip = SimEfuse.ProvisionFromSeed(null, 64);
}
