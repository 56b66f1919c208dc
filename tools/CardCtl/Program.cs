using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CardFirmware.Card;
using CardFirmware.Card.Protocol;
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
public static partial class Program
{
    /// <summary>
    /// The default state file: in the user's data folder (~/.local/share/cardctl on Linux), never in the
    /// working directory, where the phone's private key would land beside the sources of whatever
    /// repository cardctl was run in.
    /// </summary>
    public static string DefaultState => System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "cardctl", "cardctl-state.json");
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
            var command = parsed.CommandResult.Command.Name;
            var report = new Report(command, args.Contains("--json"), output, error);
            return report.Fail(string.Join(" ", parsed.Errors.Select(problem => problem.Message)) + " Run `cardctl --help` for usage.", ExitCodes.Usage);
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var state = new Option<string>("--state")
        {
            Description = "The state file: the simulated card's eFuse and flash images (none for a card behind --bridge) and the phone's keys (locked for the whole run).",
            DefaultValueFactory = _ => DefaultState,
            Recursive = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Write the result (or the error, with its exit code) as one JSON object on standard output; field names in tools/CardCtl/README.md.",
            Recursive = true,
        };
        var bridge = new Option<string?>("--bridge")
        {
            Description = "host:port of a card served by `CardSim --bridge` in another process (its holder touches there); remembered in the state file by `pair`.",
            Recursive = true,
        };
        var finger = new Option<int>("--finger")
        {
            Description = "The simulated holder's synthetic finger id (a card in this process; over --bridge the holder is CardSim's).",
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
        var qr = new Option<string>("--qr") { Description = $"The pairing code from the card's sleeve (cardfw:{PairingQr.Version}:<66 hex>:<8 hex checksum>).", Required = true };
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

        var root = new RootCommand($"cardctl: drive a simulated CardFirmware card from the phone side. {ExitCodes.Help}") { state, json, bridge, backend };

        // Every command runs under Guard: the state's lock, its report (text or JSON) and its exit code.
        void Add(Command command, Func<Invocation, int> action)
        {
            command.SetAction(r => Guard(new Report(command.Name, r.GetValue(json), output, error), r.GetValue(state)!, r.GetValue(bridge), r.GetValue(backend)!, r.GetResult(finger) is { Implicit: false },
                invocation => action(invocation with { Parse = r })));
            root.Add(command);
        }

        Add(new Command("provision", "Make a new simulated card (its own eFuse key, blank flash) and print its pairing QR code.") { seed, force },
            i => Provision(i, i.Parse.GetValue(seed), i.Parse.GetValue(force)));
        Add(new Command("pair", "Pair a new phone key with the card named by the pairing code.") { qr, force },
            i => Pair(i, i.Parse.GetValue(qr)!, i.Parse.GetValue(force)));
        Add(new Command("enroll", "Enroll the simulated holder's finger.") { finger },
            i => Enroll(i, i.Parse.GetValue(finger)));
        var provider = new Option<string?>("--provider")
        {
            Description = "Create a 2-of-3 wallet with this security provider: `inproc` (a provider simulated in this process, kept in the state file) or the provider service's address, http(s)://host:port (tools/Provider).",
        };
        Add(new Command("create-wallet", "Run 2-of-2 key generation with the card, or 2-of-3 with --provider (the card asks for a touch).") { finger, provider },
            i => i.Parse.GetValue(provider) is { } at ? CreateHybridWallet(i, at, i.Parse.GetValue(finger)) : CreateWallet(i, i.Parse.GetValue(finger)));
        Add(new Command("address", "Print the child public key and its Bitcoin and Ethereum addresses.") { path },
            i => Address(i, i.Parse.GetValue(path)!));
        var with = new Option<string>("--with")
        {
            Description = "The signer pair of a 2-of-3 wallet: phone (card and phone, the default), provider (card and provider, relayed by the phone), phone+provider (no card).",
            DefaultValueFactory = _ => "phone",
        };
        with.AcceptOnlyFromAmong("phone", "provider", "phone+provider");
        var tx = new Option<string?>("--tx")
        {
            Description = "With --with phone+provider: the transaction the provider's policy judges, AMOUNT:DESTINATION (smallest unit; ASCII destination); --digest must be its hash (the provider service requires it).",
        };
        AddHybridCommands(Add, finger);
        Add(new Command("sign", "Sign a digest with the card (the card asks for a touch) and verify it.") { chain, digest, path, finger, with, tx },
            i => Sign(i, i.Parse.GetValue(chain)!, i.Parse.GetValue(digest)!, i.Parse.GetValue(path)!, i.Parse.GetValue(finger), i.Parse.GetValue(with)!,
                i.Parse.GetValue(tx)));
        var psbt = new Option<string>("--psbt") { Description = "The PSBT (BIP-174), base64 or hex, or @file.", Required = true };
        var network = new Option<string>("--network") { Description = "The PSBT's network: main, testnet or regtest.", DefaultValueFactory = _ => "main" };
        network.AcceptOnlyFromAmong("main", "testnet", "regtest");
        var fallbackPath = new Option<string>("--path")
        {
            Description = $"The wallet key of inputs without BIP-32 derivations in the PSBT (m/i/j..., at most {MaxPathDepth} non-hardened levels).",
            DefaultValueFactory = _ => DefaultPath,
        };
        Add(new Command("sign-psbt", "Sign the P2WPKH inputs of a PSBT that pay to this wallet (BIP-143 sighash, one touch per input), finalize it when complete, and print the PSBT and transaction.") { psbt, network, fallbackPath, finger },
            i => SignPsbt(i, i.Parse.GetValue(psbt)!, i.Parse.GetValue(network)!, i.Parse.GetValue(fallbackPath)!, i.Parse.GetValue(finger)));

        Option<string> Text(string name, string description, string? fallback = null) => fallback is null
            ? new Option<string>(name) { Description = description, Required = true }
            : new Option<string>(name) { Description = description, DefaultValueFactory = _ => fallback };
        var chainId = Text("--chain-id", "EIP-155 chain id (1: Ethereum mainnet).", "1");
        var nonce = Text("--nonce", "The sender's nonce.");
        var tip = Text("--max-priority-fee", "maxPriorityFeePerGas in wei.");
        var maxFee = Text("--max-fee", "maxFeePerGas in wei.");
        var gas = Text("--gas-limit", "Gas limit.", "21000");
        var to = Text("--to", "Recipient address, 0x and 40 hex digits.");
        var value = Text("--value", "Amount in wei.", "0");
        var data = Text("--data", "Call data, hex.", "0x");
        Add(new Command("sign-eth-tx", "Sign an EIP-1559 (type 2) Ethereum transaction with the card (one touch) and print the raw signed transaction.") { chainId, nonce, tip, maxFee, gas, to, value, data, path, finger },
            i => SignEthTx(i, new EthTxArguments(i.Parse.GetValue(chainId)!, i.Parse.GetValue(nonce)!, i.Parse.GetValue(tip)!, i.Parse.GetValue(maxFee)!,
                i.Parse.GetValue(gas)!, i.Parse.GetValue(to)!, i.Parse.GetValue(value)!, i.Parse.GetValue(data)!), i.Parse.GetValue(path)!, i.Parse.GetValue(finger)));
        Add(new Command("info", "Show what the card reports about itself (firmware, enrolled, wallet, storage damage) and what this phone holds."),
            Info);
        Add(new Command("unpair", "Remove this phone from the card's bonds and forget the phone's keys (and its key share: needs --force, after a backup).") { force },
            i => Unpair(i, i.Parse.GetValue(force)));
        Add(new Command("factory-reset", "Erase the card's wallet, finger and bonds (the card asks for the owner's touch unless it is locked); the phone forgets its keys (its key share: needs --force, after a backup).") { finger, force },
            i => FactoryReset(i, i.Parse.GetValue(finger), i.Parse.GetValue(force)));
        return root;
    }

    /// <summary>Runs one command under the state file's lock; every failure becomes one line (or JSON object) and its exit code, never a stack trace.</summary>
    private static int Guard(Report report, string statePath, string? bridge, string backend, bool fingerGiven, Func<Invocation, int> action)
    {
        try
        {
            var config = ArithmeticBackends.TryConfig(backend, out var unavailable)
                ?? throw new CardCtlException($"{unavailable}; run without --backend native (or --backend managed).", ExitCodes.Usage);

            if (bridge is not null)
            {
                BridgeAddress.Parse(bridge);
                if (fingerGiven)
                {
                    throw new CardCtlException("--finger drives the holder of a card simulated in this process; behind --bridge the holder is CardSim's (type `touch N` there, or start it with --finger N).", ExitCodes.Usage);
                }
            }

            using var file = StateFile.Lock(statePath);
            return report.Done(action(new Invocation(file, report, bridge, config, null!)));
        }
        catch (CardCtlException failure)
        {
            return report.Fail(failure.Message, failure.ExitCode);
        }
        catch (CardRefusedException refused)
        {
            return report.Fail(Refusals.Describe(refused.Status), Refusals.ExitCode(refused.Status), refused.Status.ToString());
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return report.Fail($"I/O failure: {failure.Message}", ExitCodes.StateDamage);
        }
        catch (Host.Hybrid.ProviderRefusedException refused)
        {
            return report.Fail($"the provider refused ({refused.Reason}): {refused.Message}", ExitCodes.CardRefused, refused.Reason);
        }
        catch (HttpRequestException failure)
        {
            return report.Fail($"the provider service did not answer ({failure.Message}).", ExitCodes.CardRefused);
        }
        catch (TimeoutException failure)
        {
            return report.Fail($"The card did not answer in time ({failure.Message}): over a bridge, touch the sensor in CardSim when its LED asks.", ExitCodes.CardRefused);
        }
        catch (Channel.Noise.ChannelException failure)
        {
            return report.Fail($"the card did not accept the secure channel ({failure.Message}): the state file's phone or card key is not this card's; pair again.", ExitCodes.StateDamage);
        }
        catch (Exception failure)
        {
            return report.Fail($"internal error ({failure.GetType().Name}: {failure.Message}).", ExitCodes.Internal);
        }
    }

    private static int Provision(Invocation run, ulong? seed, bool force)
    {
        var (file, report) = (run.File, run.Report);
        if (run.Bridge is not null)
        {
            throw new CardCtlException("A card behind --bridge is CardSim's (it printed its pairing code): run `cardctl --bridge host:port pair --qr <code>`.", ExitCodes.Usage);
        }

        if (file.Exists)
        {
            ProtectShare(run, force, "provision a new card over it");
        }

        var host = CardHost.Factory(seed, run.Config);
        var identity = host.Card.Firmware.IdentityPublicKey();
        var payload = PairingQr.Payload(identity);
        report.Field("provisioned", host.Card.Firmware.ProvisionedThisBoot, host.Card.Firmware.ProvisionedThisBoot
            ? "card provisioned: eFuse HMAC key burned at the factory, identity key derived from it, flash formatted"
            : "card identity derived from its eFuse key");
        report.Field("seed", seed is { } value ? value.ToString(CultureInfo.InvariantCulture) : null,
            seed is null ? null : $"seeded with {seed}: a reproducible card, not for funds");
        report.Text(PairingQr.Render(payload).TrimEnd('\n'));
        report.Field("qr", payload, $"qr: {payload}");
        report.Field("identity", Hex(identity), null);
        file.Save(new CardState(host.FlashImage(), host.EfuseImage()));
        report.Field("stateFile", file.Path, $"state saved to {file.Path}");
        return ExitCodes.Ok;
    }

    /// <summary>Refuses to replace a state holding the phone's key share (or one too damaged to tell) unless forced; forced, backs it up first.</summary>
    private static void ProtectShare(Invocation run, bool force, string action)
    {
        var file = run.File;
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

        var backup = file.Backup();
        run.Report.Field("backup", backup, $"backup of the replaced state: {backup}");
    }

    private static int Pair(Invocation run, string payload, bool force)
    {
        var (file, report) = (run.File, run.Report);
        if (file.Exists)
        {
            ProtectShare(run, force, "pair a new phone key (the wallet's key share would be dropped)");
        }

        byte[] cardKey;
        try
        {
            cardKey = PairingQr.Parse(payload);
        }
        catch (FormatException bad)
        {
            throw new CardCtlException(bad.Message, ExitCodes.Usage);
        }

        var state = run.Bridge is not null && !file.Exists ? CardState.ForBridge(run.Bridge) : file.Load();
        var phoneKey = RandomNumberGenerator.GetBytes(32);
        var card = Endpoint(run, state);
        CardInfoReply info;
        try
        {
            info = Session(run, state, card, phoneKey, cardKey, DefaultFinger, client => client.GetInfo());
        }
        catch (Exception refused) when (refused is Channel.Noise.ChannelException or IOException or TimeoutException)
        {
            // Noise XK: a card whose static key is not the one in the code cannot answer the
            // handshake's first message, and drops the link.
            throw new CardCtlException("This pairing code does not match the card (it did not answer the secure channel to the key in the code): check that the code is this card's.", ExitCodes.CardRefused);
        }

        if (!info.IdentityPublicKey.AsSpan().SequenceEqual(cardKey))
        {
            throw new CardCtlException("This pairing code does not match the card: the card reports another identity key.", ExitCodes.CardRefused);
        }

        report.Field("firmware", $"{info.FirmwareMajor}.{info.FirmwareMinor}", null);
        report.Field("enrolled", info.Enrolled, null);
        report.Field("walletOnCard", info.HasWallet, null);
        report.Field("batteryMillivolts", info.BatteryMillivolts,
            $"paired; firmware {info.FirmwareMajor}.{info.FirmwareMinor}, enrolled {info.Enrolled}, wallet {info.HasWallet}, battery {info.BatteryMillivolts} mV");
        report.Field("bridge", state.Bridge, state.Bridge is null ? null : $"card behind the bridge at {state.Bridge}");
        ReportCardTime(report, card.CardTimeLine(touchesEnroll: false));
        state.PhoneKey = phoneKey;
        state.CardKey = cardKey;
        state.Share = null;
        file.Save(state);
        return ExitCodes.Ok;
    }

    private static int Enroll(Invocation run, int finger)
    {
        var report = run.Report;
        var state = run.File.Load();
        var card = Endpoint(run, state);
        var progress = Session(run, state, card, finger, client => client.Enroll(24, p => report.Item("touches",
            new JsonObject
            {
                ["outcome"] = p.Outcome.ToString(), ["quality"] = p.Quality, ["accepted"] = p.Accepted, ["required"] = p.Required,
                ["confirmationTouchesLeft"] = p.ConfirmationTouchesLeft,
            },
            p.Describe())));
        var complete = progress.Count > 0 && progress[^1].Outcome == EnrollOutcome.Complete;
        report.Field("enrolled", complete, null);
        ReportCardTime(report, card.CardTimeLine(touchesEnroll: true, enrollmentsCompleted: complete ? 1 : 0));
        if (!complete)
        {
            throw new CardCtlException("Enrollment did not complete: run `cardctl enroll` again.", ExitCodes.CardRefused);
        }

        return ExitCodes.Ok;
    }

    private static int CreateWallet(Invocation run, int finger)
    {
        var (file, report) = (run.File, run.Report);
        var state = file.Load();
        if (state.Share is not null)
        {
            throw new CardCtlException($"State file {file.Path} already holds a wallet: `cardctl address` shows it.", ExitCodes.Usage);
        }

        var card = Endpoint(run, state);
        var share = Session(run, state, card, finger, client =>
        {
            var wallet = new PhoneWallet(client);
            wallet.Create();

            // Set before the session's save, so the card's new wallet and the phone's share land in one atomic write.
            state.Share = wallet.Share!.Serialize();
            return wallet.Share!;
        });
        report.Field("jointPublicKey", Hex(share.PublicKey()), $"joint public key {Hex(share.PublicKey())}");
        report.Field("chainCode", Hex(share.ChainCode), $"chain code       {Hex(share.ChainCode)}");
        PrintAddresses(share, [], "m", report);
        ReportCardTime(report, card.CardTimeLine(touchesEnroll: false, walletCreations: 1));
        return ExitCodes.Ok;
    }

    private static int Address(Invocation run, string pathText)
    {
        var path = ParsePath(pathText);
        var share = run.File.Load().LoadShare(run.File.Path);
        PrintAddresses(share, path, pathText, run.Report);
        return ExitCodes.Ok;
    }

    private static int Sign(Invocation run, string chain, string digestHex, string pathText, int finger, string with, string? txText)
    {
        var report = run.Report;
        var digest = ParseDigest(digestHex);
        var transaction = txText is null ? null : ParseProviderTransaction(txText, digest);
        var path = ParsePath(pathText);
        var state = run.File.Load();
        var share = state.LoadShare(run.File.Path);
        var card = Endpoint(run, state);
        var signature = state.WalletId is null && with == "phone"
            ? Session(run, state, card, finger, client => new PhoneWallet(client, share).Sign(digest, path))
            : HybridSign(run, state, card, share, with, digest, path, finger, transaction);

        var childKey = share.ChildPublicKey(path);
        var verified = BouncyCastleEcdsa.Verify(childKey, digest, signature);
        var id = Recovery.RecoveryId(childKey, digest, signature);
        report.Field("chain", chain, $"chain    {chain}");
        report.Field("path", pathText, $"path     {pathText}");
        report.Field("pubkey", Hex(childKey), $"pubkey   {Hex(childKey)}");
        report.Field("digest", Hex(digest), $"digest   {Hex(digest)}");
        report.Field("r", Hex(signature[..32]), $"r        {Hex(signature[..32])}");
        report.Field("s", Hex(signature[32..]), $"s        {Hex(signature[32..])}");
        report.Field("lowS", Recovery.IsLowS(signature), $"low-S    {(Recovery.IsLowS(signature) ? "yes" : "no")}");
        report.Field("recoveryId", id < 0 ? null : id,
            id < 0 ? "v        unknown (R.x >= n)" : $"v        {id} (recovery id; {27 + id} legacy)");
        report.Field("der", Hex(Recovery.Der(signature)), $"der      {Hex(Recovery.Der(signature))}");
        report.Field("rsv", id < 0 ? null : Hex(Recovery.Rsv(signature, id)), id < 0 ? null : $"rsv      {Hex(Recovery.Rsv(signature, id))} (r | s | 27 + recovery id)");
        report.Field("verified", verified, $"verify   {(verified ? "VALID" : "INVALID")} (BouncyCastle ECDSA under the child key)");
        ReportCardTime(report, card.CardTimeLine(touchesEnroll: false, signatures: 1));
        return verified ? ExitCodes.Ok : ExitCodes.Internal;
    }

    private static int Info(Invocation run)
    {
        var report = run.Report;
        var state = run.File.Load();
        var card = Endpoint(run, state);
        var info = Session(run, state, card, DefaultFinger, client => client.GetInfo());
        report.Field("firmware", $"{info.FirmwareMajor}.{info.FirmwareMinor}", $"firmware {info.FirmwareMajor}.{info.FirmwareMinor}");
        report.Field("identity", Hex(info.IdentityPublicKey), $"identity {Hex(info.IdentityPublicKey)}");
        report.Field("qr", PairingQr.Payload(info.IdentityPublicKey), $"qr       {PairingQr.Payload(info.IdentityPublicKey)}");
        report.Field("enrolled", info.Enrolled, $"enrolled {(info.Enrolled ? "yes" : "no")}");
        report.Field("walletOnCard", info.HasWallet, null);
        report.Field("walletOnPhone", state.Share is not null, $"wallet   {(info.HasWallet ? "yes" : "no")} on the card, {(state.Share is null ? "no" : "yes")} on this phone");
        report.Field("storageDamaged", info.StorageDamaged, $"storage  {(info.StorageDamaged ? "DAMAGED: a factory reset is the way back" : "ok")}");
        report.Field("batteryMillivolts", info.BatteryMillivolts, $"battery  {info.BatteryMillivolts} mV");
        report.Field("touchesEvaluated", card.TouchesEvaluated, card.TouchesEvaluated is { } touches ? $"touches  {touches} evaluated (one-way counter)" : null);
        report.Field("bridge", state.Bridge, state.Bridge is null ? null : $"bridge   {state.Bridge}");
        return ExitCodes.Ok;
    }

    private static int Unpair(Invocation run, bool force)
    {
        var state = run.File.Load();
        ProtectShare(run, force, "unpair (the wallet's key share would be dropped)");
        var card = Endpoint(run, state);
        Session(run, state, card, DefaultFinger, client => client.Exchange(Card.Protocol.CommandCode.Unpair, []));
        Forget(run.File, state);
        run.Report.Text("unpaired: the card no longer knows this phone, and the phone's keys are gone from the state file");
        return ExitCodes.Ok;
    }

    private static int FactoryReset(Invocation run, int finger, bool force)
    {
        var state = run.File.Load();
        ProtectShare(run, force, "factory-reset (the card's half of the wallet is erased, the phone's key share dropped)");
        var card = Endpoint(run, state);
        Session(run, state, card, finger, client =>
        {
            client.FactoryReset();
            return true;
        });
        Forget(run.File, state);
        run.Report.Text("card reset: wallet, finger and bonds erased (identity kept); pair again with its QR code");
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

    private static void PrintAddresses(KeyShare share, uint[] path, string pathText, Report report)
    {
        var key = share.ChildPublicKey(path);
        report.Field("path", pathText, $"path     {pathText}");
        report.Field("pubkey", Hex(key), $"pubkey   {Hex(key)}");
        report.Field("btc", Addresses.BitcoinP2wpkh(key), $"btc      {Addresses.BitcoinP2wpkh(key)}");
        report.Field("eth", Addresses.Ethereum(key), $"eth      {Addresses.Ethereum(key)}");
    }

    private static void ReportCardTime(Report report, string? line) => report.Field("cardTime", line, line);

    // AMOUNT:DESTINATION, encoded as the provider judges it (ProviderTransaction); the digest signed must be its hash.
    private static byte[] ParseProviderTransaction(string text, byte[] digest)
    {
        var colon = text.IndexOf(':');
        byte[] encoded;
        try
        {
            encoded = colon > 0 && ulong.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount)
                ? new Host.Hybrid.ProviderTransaction(amount, System.Text.Encoding.ASCII.GetBytes(text[(colon + 1)..])).Encode()
                : throw new ArgumentException("no AMOUNT:");
        }
        catch (ArgumentException)
        {
            throw new CardCtlException("--tx is AMOUNT:DESTINATION (a whole number, a colon, 1 to 64 ASCII characters).", ExitCodes.Usage);
        }

        var hash = Host.Hybrid.ProviderTransaction.Hash(encoded);
        return hash.AsSpan().SequenceEqual(digest)
            ? encoded
            : throw new CardCtlException($"--digest must be the hash of --tx {text}: {Convert.ToHexStringLower(hash)}.", ExitCodes.Usage);
    }

    private static byte[] ParseDigest(string digestHex)
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

        return digest.Length == 32 ? digest : throw new CardCtlException("The digest must be 32 bytes (64 hex digits).", ExitCodes.Usage);
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

    /// <summary>
    /// The card of this run: behind the bridge named by --bridge or remembered in the state, or simulated
    /// here from the state's memory. A state holds one kind of card; --bridge on a local card's state is refused.
    /// </summary>
    internal static ICardEndpoint Endpoint(Invocation run, CardState state)
    {
        if (run.Bridge is not null)
        {
            if (state.Bridge is null)
            {
                throw new CardCtlException($"State file {run.File.Path} holds a card simulated by cardctl itself, not one behind a bridge: use another --state for the bridge's card.", ExitCodes.Usage);
            }

            state.Bridge = run.Bridge;
        }

        if (state.Bridge is not null)
        {
            var (host, port) = BridgeAddress.Parse(state.Bridge);
            return new BridgeEndpoint(host, port);
        }

        return CardHost.Boot(state.Efuse!, state.Flash!, run.Config);
    }

    private static T Session<T>(Invocation run, CardState state, ICardEndpoint card, int finger, Func<CardClient, T> work) =>
        Session(
            run,
            state,
            card,
            state.PhoneKey ?? throw new CardCtlException("No phone key: run `cardctl pair --qr <payload>` first.", ExitCodes.Usage),
            state.CardKey ?? throw new CardCtlException("No card key: run `cardctl pair --qr <payload>` first.", ExitCodes.Usage),
            finger,
            work);

    /// <summary>
    /// One session with the card; the card's eFuse and flash are saved after it whatever its outcome
    /// (a refused touch is counted on the card and must stay counted, or the lockout never comes).
    /// A refusal from a card whose storage is damaged is reported as that damage.
    /// </summary>
    private static T Session<T>(Invocation run, CardState state, ICardEndpoint card, byte[] phoneKey, byte[] cardKey, int finger, Func<CardClient, T> work)
    {
        try
        {
            return card.Session(phoneKey, cardKey, finger, run.Report.Progress, client => ReportingDamage(client, work));
        }
        finally
        {
            card.Keep(state);
            run.File.Save(state);
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

/// <summary>One command's run: its locked state file, its report, the --bridge it was given, the card's configuration (its --backend), and its parsed command line.</summary>
internal sealed record Invocation(StateFile File, Report Report, string? Bridge, CardConfig Config, ParseResult Parse);
