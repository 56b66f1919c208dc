using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>
/// 2-of-3 wallets with the security provider: create-wallet --provider, sign --with, refresh, recover-phone,
/// recover-card. The provider is reached through <see cref="IProviderParty"/>: <c>inproc</c> simulates it in this
/// process and keeps its state in the state file beside the phone's share; an http(s) address is the provider service
/// (tools/Provider), reached with <see cref="HttpProviderParty"/> and a provider key of this phone's own, kept in the
/// state file; the wallet is enrolled there under <see cref="ServicePolicy"/>.
/// </summary>
public static partial class Program
{
    private const string InProcess = "inproc";

    /// <summary>
    /// The policy a wallet is created under at the provider service (amounts in the chain's smallest unit): phone and
    /// provider sign without the card up to 1,000,000 per transaction and 5,000,000 a day, with a day's delay above
    /// 1,000,000; card and provider may sign when the phone is lost. A change needs the card's approval.
    /// </summary>
    private static readonly ProviderPolicy ServicePolicy = new(1_000_000, 5_000_000, 1_000_000, 86_400, [], CardProviderAllowed: true);

    private static void AddHybridCommands(Action<System.CommandLine.Command, Func<Invocation, int>> add, System.CommandLine.Option<int> finger)
    {
        var newState = new System.CommandLine.Option<string>("--new-state")
        {
            Description = "The state file of the replacement card (provisioned, paired with `cardctl --state <it> pair`, enrolled).",
            Required = true,
        };
        add(new System.CommandLine.Command("refresh", "New shares of the same key for every party (the card asks for a touch); old shares sign nothing afterwards.") { finger },
            i => Refresh(i, i.Parse.GetValue(finger)));
        add(new System.CommandLine.Command("recover-phone", "2-of-3: this phone lost its share; after the owner's approval on the card (a touch), the card and the provider re-issue it (a second touch).") { finger },
            i => RecoverPhone(i, i.Parse.GetValue(finger)));
        add(new System.CommandLine.Command("recover-card", "2-of-3: the card is lost; this phone and the provider re-issue its share onto the card of --new-state (its owner touches it), which then replaces the lost card in this state.") { finger, newState },
            i => RecoverCard(i, i.Parse.GetValue(newState)!, i.Parse.GetValue(finger)));
    }

    private static int CreateHybridWallet(Invocation run, string providerAddress, int finger)
    {
        var (file, report) = (run.File, run.Report);
        var state = file.Load();
        if (state.Share is not null)
        {
            throw new CardCtlException($"State file {file.Path} already holds a wallet: `cardctl address` shows it.", ExitCodes.Usage);
        }

        var provider = NewProvider(providerAddress, state);
        var card = Endpoint(run, state);
        var share = Session(run, state, card, finger, client =>
        {
            var phone = Phone(client, provider, state);
            phone.Create();
            KeepHybrid(state, phone, provider);
            return phone.Share!;
        });
        report.Field("provider", providerAddress, $"2-of-3 wallet with the provider {providerAddress}; wallet id {Hex(state.WalletId!)}");
        report.Field("jointPublicKey", Hex(share.PublicKey()), $"joint public key {Hex(share.PublicKey())}");
        report.Field("chainCode", Hex(share.ChainCode), $"chain code       {Hex(share.ChainCode)}");
        PrintAddresses(share, [], "m", report);
        return ExitCodes.Ok;
    }

    private static byte[] HybridSign(Invocation run, CardState state, ICardEndpoint card, KeyShare share, string with, byte[] digest, uint[] path, int finger,
        byte[]? transaction)
    {
        var provider = LoadProvider(state);
        var walletId = state.WalletId!;
        if (with == "phone+provider")
        {
            run.Report.Progress("sign: phone and provider, without the card");
            return Phone(new CardClient(_ => throw new InvalidOperationException("No card in a phone+provider signature.")), provider, state, share, walletId)
                .SignWithoutCard(digest, path, transaction);
        }

        var xpub = (byte[])[.. share.PublicKey(), .. share.ChainCode];
        return Session(run, state, card, finger, client =>
        {
            var phone = Phone(client, provider, state, share, walletId);
            return with == "provider" ? phone.SignWithProvider(walletId, xpub, digest, path) : phone.SignWithPhone(digest, path);
        });
    }

    private static int Refresh(Invocation run, int finger)
    {
        var (file, report) = (run.File, run.Report);
        var state = file.Load();
        var share = state.LoadShare(file.Path);
        var card = Endpoint(run, state);
        var xpub = Session(run, state, card, finger, client =>
        {
            if (state.WalletId is null)
            {
                var wallet = new PhoneWallet(client, share);
                var reply = wallet.Refresh();
                state.Share = wallet.Share!.Serialize();
                return reply;
            }

            var provider = LoadProvider(state);
            var phone = Phone(client, provider, state, share, state.WalletId);
            var result = phone.Refresh();
            KeepHybrid(state, phone, provider);
            return result;
        });
        report.Field("jointPublicKey", Hex(xpub[..33]), $"refreshed: every party holds a new share of the same key {Hex(xpub[..33])}");
        return ExitCodes.Ok;
    }

    private static int RecoverPhone(Invocation run, int finger)
    {
        var (file, report) = (run.File, run.Report);
        var state = file.Load();
        if (state.WalletId is null)
        {
            throw new CardCtlException("recover-phone needs a 2-of-3 wallet (create-wallet --provider).", ExitCodes.Usage);
        }

        var provider = LoadProvider(state);
        var card = Endpoint(run, state);
        var xpub = Session(run, state, card, finger, client =>
        {
            var phone = Phone(client, provider, state);
            var result = phone.RecoverPhone(state.WalletId);
            KeepHybrid(state, phone, provider);
            return result;
        });
        report.Field("jointPublicKey", Hex(xpub[..33]), $"phone recovered: the card and the provider re-issued its share of {Hex(xpub[..33])}; the old phone share signs nothing");
        return ExitCodes.Ok;
    }

    private static int RecoverCard(Invocation run, string newStatePath, int finger)
    {
        var (file, report) = (run.File, run.Report);
        var state = file.Load();
        var share = state.LoadShare(file.Path);
        if (state.WalletId is null || state.Bridge is not null || run.Bridge is not null)
        {
            throw new CardCtlException("recover-card needs a 2-of-3 wallet (create-wallet --provider) on a card simulated by cardctl.", ExitCodes.Usage);
        }

        using var other = StateFile.Lock(newStatePath);
        var newState = other.Load();
        if (newState.PhoneKey is null || newState.CardKey is null || newState.Bridge is not null)
        {
            throw new CardCtlException($"State file {newStatePath} holds no paired card: provision, pair and enroll the replacement card there first.", ExitCodes.Usage);
        }

        var provider = LoadProvider(state);
        var newCard = Endpoint(run with { File = other }, newState);
        var xpub = Session(run with { File = other }, newState, newCard, finger, client =>
        {
            var phone = Phone(client, provider, state, share, state.WalletId);
            var result = phone.RecoverCard(client);
            KeepHybrid(state, phone, provider);
            return result;
        });

        // This state now drives the replacement card: its memory and pairing replace the lost card's.
        (state.Flash, state.Efuse, state.PhoneKey, state.CardKey) = (newState.Flash, newState.Efuse, newState.PhoneKey, newState.CardKey);
        file.Save(state);
        report.Field("jointPublicKey", Hex(xpub[..33]), $"card recovered onto the card of {newStatePath} (now in {file.Path}); the lost card's share signs nothing");
        return ExitCodes.Ok;
    }

    private static IProviderParty NewProvider(string address, CardState state)
    {
        if (address == InProcess)
        {
            return new InProcessProvider();
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new CardCtlException($"--provider takes `{InProcess}` or an http(s):// address, not `{address}`.", ExitCodes.Usage);
        }

        (state.ProviderAddress, state.ProviderKey) = (address, NewProviderKey());
        return Service(state);
    }

    private static IProviderParty LoadProvider(CardState state)
    {
        if (state.ProviderAddress is not null)
        {
            return Service(state);
        }

        try
        {
            return InProcessProvider.Import(state.Provider ?? throw new CardCtlException("This wallet has no provider: it is 2-of-2 (use --with phone).", ExitCodes.Usage));
        }
        catch (InvalidDataException bad)
        {
            throw new CardCtlException($"The state's provider is malformed: {bad.Message}", ExitCodes.StateDamage);
        }
    }

    private static HttpProviderParty Service(CardState state) =>
        new(new HttpClient { BaseAddress = new Uri(state.ProviderAddress!) }, Host.Hybrid.PhoneKey.FromPrivateKey(state.ProviderKey!));

    // The phone's key at the provider: its service key when the provider is the service, else a fresh one (the in-process provider enrolls none).
    private static HybridPhone Phone(CardClient client, IProviderParty provider, CardState state, KeyShare? share = null, byte[]? walletId = null) =>
        state.ProviderKey is { } key
            ? new HybridPhone(client, provider, share, walletId) { StaticKey = Host.Hybrid.PhoneKey.FromPrivateKey(key).PublicKey, Policy = ServicePolicy }
            : new HybridPhone(client, provider, share, walletId);

    private static byte[] NewProviderKey()
    {
        while (true)
        {
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            try
            {
                Host.Hybrid.PhoneKey.FromPrivateKey(key);
                return key;
            }
            catch (ArgumentException)
            {
                // Out of range (probability about 2^-128): draw again.
            }
        }
    }

    /// <summary>Set before the session's save, so the card's new state, the phone's share and the provider's land in one write.</summary>
    private static void KeepHybrid(CardState state, HybridPhone phone, IProviderParty provider)
    {
        state.Share = phone.Share!.Serialize();
        state.WalletId = phone.WalletId;
        state.Provider = provider is InProcessProvider inProcess ? inProcess.Export() : state.Provider;
    }
}
