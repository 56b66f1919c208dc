using System.Security.Cryptography;
using CardFirmware.Card.Commands;
using CardFirmware.Card.Hybrid;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Card.Wallet;
using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;
using CardFirmware.HalSim.Efuse;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Flash;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Hybrid;

/// <summary>
/// One simulated card's 2-of-3 wallet commands on a flash record log, with the card's identity key derived from its
/// own eFuse, answered through a <see cref="CommandDispatcher"/> the way the card's table does (Card.RegisterCommands).
/// </summary>
internal sealed class HybridCard
{
    private readonly SimEfuse _chip = SimEfuse.ProvisionFromSeed((ulong)Random.Shared.NextInt64(), 64);

    public HybridCard(SimFlash? flash = null)
    {
        Flash = flash ?? new SimFlash(4096, 64);
        FingerKey = RandomNumberGenerator.GetBytes(32);
        Finger = new ScriptedFinger(FingerKey);
        Rebuild();
    }

    public SimFlash Flash { get; }

    public ScriptedFinger Finger { get; }

    public byte[] FingerKey { get; }

    /// <summary>Called with every request before the card answers it; may change it (a malicious phone) or cut power.</summary>
    public Func<byte[], byte[]> Tamper { get; set; } = request => request;

    public RecordLog Log { get; private set; } = null!;

    public CardInfo Info { get; } = new();

    public CommandDispatcher Dispatcher { get; private set; } = null!;

    public HybridContext Context { get; private set; } = null!;

    public byte[] IdentityPublicKey { get; private set; } = null!;

    // Every honest request and every reply must fit the channel's message (FrameFormat.DefaultMaxMessageSize): the
    // largest are a signing round-2 message sealed for the provider, and the card's own.
    public CardClient Client => new(request => FitsTheChannel(Dispatcher.Dispatch(Tamper(FitsTheChannel(request)))));

    private static byte[] FitsTheChannel(byte[] message)
    {
        Assert.InRange(message.Length, 0, FrameFormat.DefaultMaxMessageSize - NoiseConstants.TransportOverhead);
        return message;
    }

    /// <summary>Mounts the flash as after a reboot, including boot's removal of an unfinished wallet.</summary>
    public void Rebuild()
    {
        var log = RecordLog.Mount(Flash, 0, Flash.PageCount);
        if (WalletRecord.IsUnfinished(log))
        {
            log.Delete(StorageKeys.WalletPublic);
        }

        ProviderKeyRecord.DropIfNoWallet(log);
        var entropy = SimEntropy.OperatingSystem();
        var keys = new DeviceKeys(_chip.Hmac);
        var curve = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
        var identity = CardIdentity.Derive(keys, curve);
        IdentityPublicKey = identity.PublicKey();
        var random = new CardRandom(entropy);
        var sessionIds = new SessionIdSource(log, random);
        var guard = new SetupGuard(log);
        Log = log;
        Context = new HybridContext(log, new ShareVault(log, keys, entropy), Finger, random, sessionIds, guard, keys, identity, curve, 10_000,
            ManagedArithmeticBackend.Instance);
        Dispatcher = new CommandDispatcher();
        Dispatcher.Register(CommandCode.HybridCreateWallet, new HybridCreateHandler(Context, Info));
        Dispatcher.Register(CommandCode.HybridSign, new HybridSignHandler(Context));
        Dispatcher.Register(CommandCode.HybridRefresh, new HybridRefreshHandler(Context));
        Dispatcher.Register(CommandCode.HybridRecover, new HybridRecoverHandler(Context, Info));
        Dispatcher.Register(CommandCode.HybridApprove, new ApproveHandler(Context));
        Dispatcher.Register(CommandCode.GetPublicKey, new GetPublicKeyHandler(log));
        var info = new byte[5 + 33];
        IdentityPublicKey.CopyTo(info, 5);
        Dispatcher.Register(CommandCode.GetInfo, new FixedReply(info));
    }

    /// <summary>Every record the wallet keeps, for before/after comparisons.</summary>
    public byte[][] WalletRecords() =>
        [Get(StorageKeys.WalletPublic), Get(StorageKeys.WrappedShare), Get(StorageKeys.HybridProvider), Get(StorageKeys.CompromisedSetup)];

    private byte[] Get(int key) => Log.Contains(key) ? Log.Get(key) : [];

    private sealed class FixedReply(byte[] reply) : ICommandHandler
    {
        public byte[] Handle(byte[] request, int payloadOffset, int payloadLength) => reply;
    }
}

/// <summary>A card, a phone and an in-process provider with a 2-of-3 wallet among them.</summary>
internal sealed class HybridRig
{
    public HybridRig(ProviderPolicyHook? policy = null, bool create = true)
    {
        Provider = new InProcessProvider(policy);
        Phone = new HybridPhone(Card.Client, Provider);
        if (create)
        {
            Card.Finger.TouchEnrolled();
            Xpub = Phone.Create();
        }
    }

    public HybridCard Card { get; } = new();

    public InProcessProvider Provider { get; }

    public HybridPhone Phone { get; set; }

    public byte[] Xpub { get; } = [];
}
