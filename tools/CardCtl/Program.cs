using System.CommandLine;
using System.Security.Cryptography;
using CardFirmware.Card;
using CardFirmware.Card.Protocol;
using CardFirmware.CardSim;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>
/// cardctl: the phone's side of the card on the command line. Each run locks the state file, boots
/// the real firmware on a simulated board from the eFuse and flash images in it, talks to it over
/// the simulated BLE link (Noise XK), and saves the card's memory back after every session, refused
/// or not (a real card keeps what it wrote, such as a counted failed touch).
/// </summary>
public static class Program
{
    public const string DefaultState = "cardctl-state.json";
    public const int DefaultFinger = 5;
    public const string DefaultPath = "m/0/0";

    /// <summary>Deepest derivation path the card signs for (firmware/Card/Wallet/SignHandler.cs, MaxDepth).</summary>
    public const int MaxPathDepth = 8;

    private const string HardenedLimit =
        "hardened indices (m/44'/..., or 2147483648 and above) need the parent private key, which a 2-of-2 wallet never assembles: "
        + "the card and the phone derive only non-hardened children of the joint key";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs one command line, writing to <paramref name="output"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Contains("--card-time-assumptions"))
        {
            output.WriteLine(CardTime.CostTable.Load().Describe());
            return ExitCodes.Ok;
        }

        var parsed = Build(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"cardctl: {problem.Message}");
            }

            error.WriteLine("Run `cardctl --help` for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var state = new Option<string>("--state")
        {
            Description = "The state file: the simulated card's eFuse and flash images and the phone's keys (locked for the whole run).",
            DefaultValueFactory = _ => DefaultState,
            Recursive = true,
        };
        var finger = new Option<int>("--finger")
        {
            Description = "The simulated holder's synthetic finger id.",
            DefaultValueFactory = _ => DefaultFinger,
        };
        var path = new Option<string>("--path")
        {
            Description = $"Derivation path of the child key, e.g. m/0/5: at most {MaxPathDepth} levels, non-hardened only ({HardenedLimit}).",
            DefaultValueFactory = _ => DefaultPath,
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace a state file that holds a wallet (the phone's key share); a timestamped backup is written beside it first.",
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Draw the card's eFuse key and RNG from this seed instead of the OS RNG: the same seed makes the same card (reproducible demos and tests only, never for funds).",
        };
        var qr = new Option<string>("--qr") { Description = "The pairing QR payload (cardfw:1:<hex>).", Required = true };
        var chain = new Option<string>("--chain") { Description = "btc or eth.", Required = true };
        chain.AcceptOnlyFromAmong("btc", "eth");
        var digest = new Option<string>("--digest") { Description = "The 32-byte digest to sign, hex.", Required = true };

        var backend = new Option<string>("--backend")
        {
            Description = "The simulated card's arithmetic: managed (the reference, works everywhere) or native (crypto/Native's libcfnative.so, built by the solution's build when cmake, gcc and libsecp256k1-dev are present).",
            DefaultValueFactory = _ => ArithmeticBackends.Managed,
            Recursive = true,
        };
        backend.AcceptOnlyFromAmong(ArithmeticBackends.Names);

        var root = new RootCommand($"cardctl: drive a simulated CardFirmware card from the phone side. {ExitCodes.Help}") { state, backend };

        var provision = new Command("provision", "Make a new simulated card (its own eFuse key, blank flash) and print its pairing QR code.") { seed, force };
        provision.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Provision(file, card, r.GetValue(seed), r.GetValue(force), output)));
        root.Add(provision);

        var pair = new Command("pair", "Pair a new phone key with the card named by the QR payload.") { qr, force };
        pair.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Pair(file, card, r.GetValue(qr)!, r.GetValue(force), output)));
        root.Add(pair);

        var enroll = new Command("enroll", "Enroll the simulated holder's finger.") { finger };
        enroll.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Enroll(file, card, r.GetValue(finger), output)));
        root.Add(enroll);

        var create = new Command("create-wallet", "Run 2-of-2 key generation with the card (the card asks for a touch).") { finger };
        create.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => CreateWallet(file, card, r.GetValue(finger), output)));
        root.Add(create);

        var address = new Command("address", "Print the child public key and its Bitcoin and Ethereum addresses.") { path };
        address.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Address(file, card, r.GetValue(path)!, output)));
        root.Add(address);

        var sign = new Command("sign", "Sign a digest with the card (the card asks for a touch) and verify it.") { chain, digest, path, finger };
        sign.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Sign(file, card, r.GetValue(chain)!, r.GetValue(digest)!, r.GetValue(path)!, r.GetValue(finger), output)));
        root.Add(sign);

        var info = new Command("info", "Show what the card reports about itself (firmware, enrolled, wallet, storage damage) and what this phone holds.");
        info.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Info(file, card, output)));
        root.Add(info);

        var unpair = new Command("unpair", "Remove this phone from the card's bonds and forget the phone's keys (and its key share: needs --force, after a backup).") { force };
        unpair.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => Unpair(file, card, r.GetValue(force), output)));
        root.Add(unpair);

        var reset = new Command("factory-reset", "Erase the card's wallet, finger and bonds (the card asks for the owner's touch unless it is locked); the phone forgets its keys (its key share: needs --force, after a backup).") { finger, force };
        reset.SetAction(r => Guard(error, r.GetValue(state)!, r.GetValue(backend)!, (file, card) => FactoryReset(file, card, r.GetValue(finger), r.GetValue(force), output)));
        root.Add(reset);

        return root;
    }

    /// <summary>Runs one command under the state file's lock; every failure becomes one line and its exit code, never a stack trace.</summary>
    private static int Guard(TextWriter error, string statePath, string backend, Func<StateFile, CardConfig, int> action)
    {
        var card = ArithmeticBackends.TryConfig(backend, out var unavailable);
        if (card is null)
        {
            error.WriteLine($"cardctl: {unavailable}; run without --backend native (or --backend managed).");
            return ExitCodes.Usage;
        }

        try
        {
            using var file = StateFile.Lock(statePath);
            return action(file, card);
        }
        catch (CardCtlException failure)
        {
            error.WriteLine($"cardctl: {failure.Message}");
            return failure.ExitCode;
        }
        catch (CardRefusedException refused)
        {
            error.WriteLine($"cardctl: {Refusals.Describe(refused.Status)}");
            return Refusals.ExitCode(refused.Status);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cardctl: I/O failure: {failure.Message}");
            return ExitCodes.StateDamage;
        }
        catch (Channel.Noise.ChannelException failure)
        {
            error.WriteLine($"cardctl: the card did not accept the secure channel ({failure.Message}): the state file's phone or card key is not this card's; pair again.");
            return ExitCodes.StateDamage;
        }
        catch (Exception failure)
        {
            error.WriteLine($"cardctl: internal error ({failure.GetType().Name}: {failure.Message}).");
            return ExitCodes.Internal;
        }
    }

    private static int Provision(StateFile file, CardConfig card, ulong? seed, bool force, TextWriter output)
    {
        if (file.Exists)
        {
            ProtectShare(file, force, "provision a new card over it", output);
        }

        var host = CardHost.Factory(seed, card);
        var identity = host.Card.Firmware.IdentityPublicKey();
        var payload = PairingQr.Payload(identity);
        output.WriteLine(host.Card.Firmware.ProvisionedThisBoot
            ? "card provisioned: eFuse HMAC key burned at the factory, identity key derived from it, flash formatted"
            : "card identity derived from its eFuse key");
        if (seed is { } value)
        {
            output.WriteLine($"seeded with {value}: a reproducible card, not for funds");
        }

        output.Write(PairingQr.Render(payload));
        output.WriteLine($"qr: {payload}");
        file.Save(new CardState(host.FlashImage(), host.EfuseImage()));
        output.WriteLine($"state saved to {file.Path}");
        return ExitCodes.Ok;
    }

    /// <summary>Refuses to replace a state holding the phone's key share (or one too damaged to tell) unless forced; forced, backs it up first.</summary>
    private static void ProtectShare(StateFile file, bool force, string action, TextWriter output)
    {
        bool holdsShare;
        try
        {
            holdsShare = file.Load().Share is not null;
        }
        catch (CardCtlException) when (force)
        {
            holdsShare = true;
        }
        catch (CardCtlException damaged)
        {
            throw new CardCtlException($"{damaged.Message} Refusing to {action}: add --force to replace it (a backup is written first).", ExitCodes.Usage);
        }

        if (!holdsShare)
        {
            return;
        }

        if (!force)
        {
            throw new CardCtlException(
                $"State file {file.Path} holds a wallet (the phone's key share, half of a 2-of-2 key: without it the wallet's funds are lost). "
                + $"Refusing to {action}: add --force to replace it (a backup is written first), or use another --state.",
                ExitCodes.Usage);
        }

        output.WriteLine($"backup of the replaced state: {file.Backup()}");
    }

    private static int Pair(StateFile file, CardConfig card, string payload, bool force, TextWriter output)
    {
        if (file.Exists)
        {
            ProtectShare(file, force, "pair a new phone key (the wallet's key share would be dropped)", output);
        }

        var state = file.Load();
        byte[] cardKey;
        try
        {
            cardKey = PairingQr.Parse(payload);
        }
        catch (FormatException bad)
        {
            throw new CardCtlException($"Not a pairing QR payload: {bad.Message}", ExitCodes.Usage);
        }

        var phoneKey = RandomNumberGenerator.GetBytes(32);
        var host = Boot(state, card);
        CardInfoReply info;
        try
        {
            info = Session(file, state, host, phoneKey, cardKey, DefaultFinger, client => client.GetInfo());
        }
        catch (Exception refused) when (refused is Channel.Noise.ChannelException or IOException)
        {
            // Noise XK: a card whose static key is not the one in the code cannot answer the
            // handshake's first message, and drops the link.
            throw new CardCtlException("This pairing code does not match the card (it did not answer the secure channel to the key in the code): check that the QR code is this card's.", ExitCodes.CardRefused);
        }

        if (!info.IdentityPublicKey.AsSpan().SequenceEqual(cardKey))
        {
            throw new CardCtlException("This pairing code does not match the card: the card reports another identity key.", ExitCodes.CardRefused);
        }

        output.WriteLine($"paired; firmware {info.FirmwareMajor}.{info.FirmwareMinor}, enrolled {info.Enrolled}, wallet {info.HasWallet}, battery {info.BatteryMillivolts} mV");
        output.WriteLine(host.CardTimeLine(touchesEnroll: false));
        state.PhoneKey = phoneKey;
        state.CardKey = cardKey;
        state.Share = null;
        file.Save(state);
        return ExitCodes.Ok;
    }

    private static int Enroll(StateFile file, CardConfig card, int finger, TextWriter output)
    {
        var state = file.Load();
        var host = Boot(state, card);
        var progress = Session(file, state, host, finger, client => client.Enroll(24, p => output.WriteLine(p.Outcome == EnrollOutcome.TouchRefused
            ? $"touch refused (quality {p.Quality}): touch again"
            : $"touch {p.Accepted}/{p.Required} {(p.Outcome == EnrollOutcome.Complete ? "- finger enrolled" : "accepted")}")));
        var complete = progress.Count > 0 && progress[^1].Outcome == EnrollOutcome.Complete;
        output.WriteLine(host.CardTimeLine(touchesEnroll: true, enrollmentsCompleted: complete ? 1 : 0));
        if (!complete)
        {
            throw new CardCtlException("Enrollment did not complete: run `cardctl enroll` again.", ExitCodes.CardRefused);
        }

        return ExitCodes.Ok;
    }

    private static int CreateWallet(StateFile file, CardConfig card, int finger, TextWriter output)
    {
        var state = file.Load();
        if (state.Share is not null)
        {
            throw new CardCtlException($"State file {file.Path} already holds a wallet: `cardctl address` shows it.", ExitCodes.Usage);
        }

        var host = Boot(state, card);
        var share = Session(file, state, host, finger, client =>
        {
            var wallet = new PhoneWallet(client);
            wallet.Create();

            // Set before the session's save, so the card's new wallet and the phone's share land in one atomic write.
            state.Share = wallet.Share!.Serialize();
            return wallet.Share!;
        });
        output.WriteLine($"joint public key {Hex(share.PublicKey())}");
        output.WriteLine($"chain code       {Hex(share.ChainCode)}");
        PrintAddresses(share, [], "m", output);
        output.WriteLine(host.CardTimeLine(touchesEnroll: false, walletCreations: 1));
        return ExitCodes.Ok;
    }

    private static int Address(StateFile file, CardConfig card, string pathText, TextWriter output)
    {
        var path = ParsePath(pathText);
        var share = file.Load().LoadShare(file.Path);
        PrintAddresses(share, path, pathText, output);
        return ExitCodes.Ok;
    }

    private static int Sign(StateFile file, CardConfig card, string chain, string digestHex, string pathText, int finger, TextWriter output)
    {
        byte[] digest;
        try
        {
            digest = Convert.FromHexString(digestHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? digestHex[2..] : digestHex);
        }
        catch (FormatException)
        {
            throw new CardCtlException("The digest is not hex: give 32 bytes as 64 hex digits.", ExitCodes.Usage);
        }

        if (digest.Length != 32)
        {
            throw new CardCtlException("The digest must be 32 bytes (64 hex digits).", ExitCodes.Usage);
        }

        var path = ParsePath(pathText);
        var state = file.Load();
        var share = state.LoadShare(file.Path);
        var host = Boot(state, card);
        var signature = Session(file, state, host, finger, client => new PhoneWallet(client, share).Sign(digest, path));

        var childKey = share.ChildPublicKey(path);
        var verified = BouncyCastleEcdsa.Verify(childKey, digest, signature);
        output.WriteLine($"chain    {chain}");
        output.WriteLine($"path     {pathText}");
        output.WriteLine($"pubkey   {Hex(childKey)}");
        output.WriteLine($"digest   {Hex(digest)}");
        output.WriteLine($"r        {Convert.ToHexString(signature, 0, 32).ToLowerInvariant()}");
        output.WriteLine($"s        {Convert.ToHexString(signature, 32, 32).ToLowerInvariant()}");
        output.WriteLine($"low-S    {(Recovery.IsLowS(signature) ? "yes" : "no")}");
        if (chain == "eth")
        {
            var id = Recovery.RecoveryId(childKey, digest, signature);
            output.WriteLine(id < 0 ? "v        unknown (R.x >= n)" : $"v        {id} (recovery id; {27 + id} legacy)");
        }

        output.WriteLine($"verify   {(verified ? "VALID" : "INVALID")} (BouncyCastle ECDSA under the child key)");
        output.WriteLine(host.CardTimeLine(touchesEnroll: false, signatures: 1));
        return verified ? ExitCodes.Ok : ExitCodes.Internal;
    }

    private static int Info(StateFile file, CardConfig card, TextWriter output)
    {
        var state = file.Load();
        var host = Boot(state, card);
        var info = Session(file, state, host, DefaultFinger, client => client.GetInfo());
        output.WriteLine($"firmware {info.FirmwareMajor}.{info.FirmwareMinor}");
        output.WriteLine($"identity {Hex(info.IdentityPublicKey)}");
        output.WriteLine($"enrolled {(info.Enrolled ? "yes" : "no")}");
        output.WriteLine($"wallet   {(info.HasWallet ? "yes" : "no")} on the card, {(state.Share is null ? "no" : "yes")} on this phone");
        output.WriteLine($"storage  {(info.StorageDamaged ? "DAMAGED: a factory reset is the way back" : "ok")}");
        output.WriteLine($"battery  {info.BatteryMillivolts} mV");
        output.WriteLine($"touches  {host.Board.Efuse.Counter.Value} evaluated (one-way counter)");
        return ExitCodes.Ok;
    }

    private static int Unpair(StateFile file, CardConfig card, bool force, TextWriter output)
    {
        var state = file.Load();
        ProtectShare(file, force, "unpair (the wallet's key share would be dropped)", output);
        var host = Boot(state, card);
        Session(file, state, host, DefaultFinger, client => client.Exchange(Card.Protocol.CommandCode.Unpair, []));
        Forget(file, state);
        output.WriteLine("unpaired: the card no longer knows this phone, and the phone's keys are gone from the state file");
        return ExitCodes.Ok;
    }

    private static int FactoryReset(StateFile file, CardConfig card, int finger, bool force, TextWriter output)
    {
        var state = file.Load();
        ProtectShare(file, force, "factory-reset (the card's half of the wallet is erased, the phone's key share dropped)", output);
        var host = Boot(state, card);
        Session(file, state, host, finger, client =>
        {
            client.FactoryReset();
            return true;
        });
        Forget(file, state);
        output.WriteLine("card reset: wallet, finger and bonds erased (identity kept); pair again with its QR code");
        return ExitCodes.Ok;
    }

    // The card has already forgotten the phone (its memory is saved): the phone forgets it too.
    private static void Forget(StateFile file, CardState state)
    {
        state.PhoneKey = null;
        state.CardKey = null;
        state.Share = null;
        file.Save(state);
    }

    private static void PrintAddresses(KeyShare share, uint[] path, string pathText, TextWriter output)
    {
        var key = share.ChildPublicKey(path);
        output.WriteLine($"path     {pathText}");
        output.WriteLine($"pubkey   {Hex(key)}");
        output.WriteLine($"btc      {Addresses.BitcoinP2wpkh(key)}");
        output.WriteLine($"eth      {Addresses.Ethereum(key)}");
    }

    /// <summary>m, m/0/5...: at most <see cref="MaxPathDepth"/> non-hardened indices, the limits the card signs under; exit 2 otherwise.</summary>
    internal static uint[] ParsePath(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts[0] != "m")
        {
            throw new CardCtlException($"Bad path {text}: expected m/i/j... .", ExitCodes.Usage);
        }

        if (parts.Length - 1 > MaxPathDepth)
        {
            throw new CardCtlException($"Bad path {text}: {parts.Length - 1} levels, the card signs for at most {MaxPathDepth}.", ExitCodes.Usage);
        }

        var path = new uint[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            var hardened = part.EndsWith('\'') || part.EndsWith('h') || part.EndsWith('H');
            if (!uint.TryParse(hardened ? part[..^1] : part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                throw new CardCtlException($"Bad path {text}: '{part}' is not an index.", ExitCodes.Usage);
            }

            if (hardened || index >= 0x8000_0000)
            {
                throw new CardCtlException($"Bad path {text}: '{part}' is hardened; {HardenedLimit}.", ExitCodes.Usage);
            }

            path[i - 1] = index;
        }

        return path;
    }

    private static CardHost Boot(CardState state, CardConfig card) => CardHost.Boot(state.Efuse, state.Flash, card);

    private static T Session<T>(StateFile file, CardState state, CardHost host, int finger, Func<CardClient, T> work) =>
        Session(
            file,
            state,
            host,
            state.PhoneKey ?? throw new CardCtlException("No phone key: run `cardctl pair --qr <payload>` first.", ExitCodes.Usage),
            state.CardKey ?? throw new CardCtlException("No card key: run `cardctl pair --qr <payload>` first.", ExitCodes.Usage),
            finger,
            work);

    /// <summary>
    /// One session with the card; the card's eFuse and flash are saved after it whatever its outcome
    /// (a refused touch is counted on the card and must stay counted, or the lockout never comes).
    /// A refusal from a card whose storage is damaged is reported as that damage.
    /// </summary>
    private static T Session<T>(StateFile file, CardState state, CardHost host, byte[] phoneKey, byte[] cardKey, int finger, Func<CardClient, T> work)
    {
        try
        {
            return host.Session(phoneKey, cardKey, finger, client => ReportingDamage(client, work));
        }
        finally
        {
            state.Flash = host.FlashImage();
            state.Efuse = host.EfuseImage();
            file.Save(state);
        }
    }

    private static T ReportingDamage<T>(CardClient client, Func<CardClient, T> work)
    {
        try
        {
            return work(client);
        }
        catch (CardRefusedException refused) when (refused.Status != WireStatus.StorageDamaged)
        {
            if (StorageDamaged(client))
            {
                throw new CardCtlException(
                    $"The card refused ({refused.Status}) because its storage is damaged: {Refusals.Describe(WireStatus.StorageDamaged)}",
                    ExitCodes.StateDamage);
            }

            throw;
        }
    }

    private static bool StorageDamaged(CardClient client)
    {
        try
        {
            return client.GetInfo().StorageDamaged;
        }
        catch (CardRefusedException)
        {
            return false;
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
