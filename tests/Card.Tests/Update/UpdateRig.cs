using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Card.Update;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Flash;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Update;

/// <summary>
/// A card with an enrolled finger and a wallet (<see cref="WalletRig"/>) plus the update commands
/// over two firmware slots on their own flash and a one-way version counter, all on one power
/// supply: a cut in either flash or at a burn stops the three.
/// </summary>
internal sealed class UpdateRig
{
    public UpdateRig()
    {
        Wallet = new WalletRig();
        Wallet.Finger.TouchEnrolled();
        WalletKey = Wallet.Phone.Create();
        SlotFlash = new SimFlash(4096, 8);
        Versions = SimEfuse.ProvisionFromSeed(9, 64).Counter;
        SlotFlash.PowerLost += Wallet.Flash.LosePower;
        SlotFlash.PowerLost += Versions.LosePower;
        Wallet.Flash.PowerLost += SlotFlash.LosePower;
        Wallet.Flash.PowerLost += Versions.LosePower;
        Versions.PowerLost += SlotFlash.LosePower;
        Versions.PowerLost += Wallet.Flash.LosePower;
        Register();
    }

    public WalletRig Wallet { get; }

    public byte[] WalletKey { get; }

    public SimFlash SlotFlash { get; }

    public SimFuseCounter Versions { get; }

    public FirmwareSlots Slots { get; private set; } = null!;

    public CardClient Client => new(Wallet.Dispatcher.Dispatch);

    /// <summary>Power back on and boot: remount, rebuild the handlers, finish a cut activation.</summary>
    public bool Reboot()
    {
        SlotFlash.Disarm();
        Wallet.Flash.Disarm();
        SlotFlash.PowerOn();
        Wallet.Flash.PowerOn();
        Versions.PowerOn();
        Wallet.Rebuild();
        Register();
        return Slots.Recover();
    }

    private void Register()
    {
        Slots = new FirmwareSlots(SlotFlash, Wallet.Log, Versions);
        var session = new UpdateSession();
        var root = new CardConfig().VendorRootPublicKey;
        Wallet.Dispatcher.Register(CommandCode.UpdateBegin, new UpdateBeginHandler(Slots, session, root));
        Wallet.Dispatcher.Register(CommandCode.UpdateData, new UpdateDataHandler(Slots, session));
        Wallet.Dispatcher.Register(CommandCode.UpdateActivate, new UpdateActivateHandler(Slots, session, Wallet.Finger, 10_000));
    }
}
