using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CardFirmware.Crypto.Native;
using CardFirmware.Crypto.Native.Desktop;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;
using CardFirmware.DeviceMeter.Instrumentation;
using CardFirmware.DeviceMeter.Runtime;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Images;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.SimulatedCard;

namespace CardFirmware.DeviceMeter.Operations;

/// <summary>
/// The named operations, driven as the phone drives them: the real firmware on a simulated board
/// (through <see cref="SimulatedCard.SimulatedCard"/>, <see cref="CardClient"/> and
/// <see cref="PhoneWallet"/>; the 2-of-3 commands through <see cref="HybridPhone"/> with the provider in process), and at
/// the crypto level for comparison (the card's party alone: key generation, refresh, signing, a plain ECDSA signature).
/// Runs inside the metered load context, against the instrumented card assemblies. With
/// <c>nativeFirmware</c> the card boots with the native module as its arithmetic (<c>CardConfig.Arithmetic</c>)
/// and its fingerprint image kernels (<c>CardConfig.ImageKernels</c>), so every firmware row (boot, pairing,
/// enrollment, wallet creation, the tap session and its touches) is the card with crypto/Native.
/// </summary>
public sealed class CardOperations(OperationRecorder recorder, int seed, IImageSource finger, bool nativeFirmware)
{
    private static readonly uint[] SignPath = [0, 5];

    // Within every limit, so that the in-process provider accepts the wallet and its sessions.
    private static readonly ProviderPolicy TwoOfThreePolicy = new(
        PerTransactionLimit: 5_000_000, DailyLimit: 20_000_000, DelayThreshold: 5_000_000, DelaySeconds: 3_600, Allowlist: [], CardProviderAllowed: true);
    private readonly SeededRandom _random = new(seed);

    /// <summary>Runs every operation in a fixed order (the crypto-level ones unless <paramref name="firmwareOnly"/>).</summary>
    public void RunAll(bool firmwareOnly)
    {
        var board = new SimBoard(new SimBoardOptions { Link = LinkProfile.Esp32ToPhone, EntropySeed = (ulong)seed });
        var card = Boot(board);
        var cardKey = card.Firmware.IdentityPublicKey();
        var phoneKey = _random.Bytes(32);
        Pair(card, phoneKey, cardKey);
        card.User.Finger = finger;
        Enroll(card, phoneKey, cardKey);
        var wallet = CreateWallet(card, phoneKey, cardKey);
        TapSession(card, phoneKey, cardKey, wallet);
        TwoOfThree();
        if (!firmwareOnly)
        {
            CryptoLevel();
        }
    }

    private SimulatedCard.SimulatedCard Boot(SimBoard board)
    {
        SimulatedCard.SimulatedCard card = null!;
        recorder.Measure("boot", "boot (first: self-test, provision identity, mount storage)", "firmware", () =>
        {
            // The card's work from reset: nanoCLR runs every static constructor at start-up, so
            // they are charged here, not to whichever operation first touches a type.
            Probe.Enter(Probe.CardScope);
            try
            {
                RunStaticConstructors();
            }
            finally
            {
                Probe.Exit(Probe.CardScope);
            }

            card = NewCard(board);
        }, "includes every static constructor of the card assemblies");
        return card;
    }

    // A card booted on board, its work counted as the card's (a row only where the caller records one).
    private SimulatedCard.SimulatedCard NewCard(SimBoard board)
    {
        Probe.Enter(Probe.CardScope);
        try
        {
            var module = FirmwareModule();
            return new SimulatedCard.SimulatedCard(board, new CardFirmware.Card.CardConfig
            {
                Arithmetic = module is null ? ManagedArithmeticBackend.Instance : new NativeArithmeticBackend(module),
                ImageKernels = module,
            });
        }
        finally
        {
            Probe.Exit(Probe.CardScope);
        }
    }

    // The firmware's native module with --backend native, else null (the managed reference).
    private INativeModule? FirmwareModule()
    {
        if (!nativeFirmware)
        {
            return null;
        }

        return PInvokeNativeModule.TryCreate(out var reason)
            ?? throw new InvalidOperationException($"--backend native: {reason}");
    }

    private void Pair(SimulatedCard.SimulatedCard card, byte[] phoneKey, byte[] cardKey)
    {
        var handshake = recorder.Begin("pair-handshake", "pairing handshake (new phone, Noise XK, bonded)", "firmware");
        card.PhoneSession(phoneKey, cardKey, client =>
        {
            handshake.End();
            return client.GetInfo();
        });
    }

    private void Enroll(SimulatedCard.SimulatedCard card, byte[] phoneKey, byte[] cardKey)
    {
        card.PhoneSession(phoneKey, cardKey, client =>
        {
            var all = recorder.Begin("enrollment", "enrollment (every touch until complete)", "firmware");
            var touches = 0;
            var building = true;
            EnrollProgress progress;
            do
            {
                var one = recorder.Begin("enroll-touch", "one enrollment touch (the first)", "firmware");
                progress = client.EnrollTouch();
                touches++;
                if (touches == 1)
                {
                    one.End();
                }
                else if (building && progress.IsConfirmation)
                {
                    one.End("enroll-last-touch", "the last enrollment touch (builds the vault, which the confirmation touches then open)");
                }

                building &= !progress.IsConfirmation;
            }
            while (progress.Outcome != EnrollOutcome.Complete && touches < 24);

            all.End("enrollment", $"enrollment ({touches} touches until complete, confirmation touches included)");
            return touches;
        });
    }

    private PhoneWallet CreateWallet(SimulatedCard.SimulatedCard card, byte[] phoneKey, byte[] cardKey)
    {
        PhoneWallet wallet = null!;
        card.PhoneSession(phoneKey, cardKey, client =>
        {
            wallet = new PhoneWallet(client);
            var create = recorder.Begin("create-wallet-2of2", "2-of-2 wallet creation (4 commands, touch included)", "firmware");
            wallet.Create();
            create.End();
            create.Region(CardScopes.VerificationTouch, "create-wallet-2of2-touch", "  of which the touch that seals it", "region: IL, calls and allocations inside SensorFingerKeyReader.ReadKey");
            return 0;
        });
        return wallet;
    }

    private void TapSession(SimulatedCard.SimulatedCard card, byte[] phoneKey, byte[] cardKey, PhoneWallet wallet)
    {
        var hash = SHA256.HashData("device meter: pay 0.01 BTC"u8);
        var tap = recorder.Begin("tap-session", "tap-to-approve session (connect, handshake, touch, 2-of-2 sign at m/0/5, disconnect)", "firmware");
        var handshake = recorder.Begin("handshake", "Noise XK handshake (bonded phone)", "firmware");
        OperationRecorder.Span? end = null;
        card.PhoneSession(phoneKey, cardKey, client =>
        {
            handshake.End();
            var phone = new PhoneWallet(client, wallet.Share);
            var sign = recorder.Begin("sign-2of2", "2-of-2 signing (3 commands, touch included)", "firmware");
            phone.Sign(hash, SignPath);
            sign.End();
            sign.Region(CardScopes.VerificationTouch, "verification-touch", "one verification touch (finger key for the share)", "region: IL, calls and allocations inside SensorFingerKeyReader.ReadKey");
            end = recorder.Begin("session-end", "session end (disconnect, wipe)", "firmware");
            return 0;
        });
        end!.End();
        tap.End();
    }

    // The 2-of-3 commands (firmware/Card/Hybrid) on a second card, paired and enrolled first (not recorded: the rows above
    // price those), as the Hybrid phone drives them with the security provider in process (tools/Host/Hybrid): creation,
    // a tap signed with the phone, a refresh, and a lost phone's recovery (the card's approval, then the re-issue).
    private void TwoOfThree()
    {
        var board = new SimBoard(new SimBoardOptions { Link = LinkProfile.Esp32ToPhone, EntropySeed = (ulong)seed + 1 });
        var card = NewCard(board);
        var cardKey = card.Firmware.IdentityPublicKey();
        var phoneKey = _random.Bytes(32);
        card.User.Finger = finger;
        card.PhoneSession(phoneKey, cardKey, client => client.Enroll(24).Count);
        var provider = new InProcessProvider();
        HybridPhone Phone(CardClient client, byte[] key, KeyShare? share = null, byte[]? walletId = null) =>
            new(client, provider, share, walletId) { StaticKey = PhoneKey.FromPrivateKey(key).PublicKey, Policy = TwoOfThreePolicy };

        KeyShare? share = null;
        byte[]? walletId = null;
        card.PhoneSession(phoneKey, cardKey, client =>
        {
            var phone = Phone(client, phoneKey);
            var create = recorder.Begin("create-wallet-2of3", "2-of-3 wallet creation (HybridCreateWallet: 4 commands, touch included)", "firmware",
                "the provider's messages sealed to it and relayed by the phone");
            phone.Create();
            create.End();
            create.Region(CardScopes.VerificationTouch, "create-wallet-2of3-touch", "  of which the touch that seals it", "region: IL, calls and allocations inside SensorFingerKeyReader.ReadKey");
            (share, walletId) = (phone.Share, phone.WalletId);
            return 0;
        });

        var hash = SHA256.HashData("device meter: pay 0.02 BTC, 2-of-3"u8);
        card.PhoneSession(phoneKey, cardKey, client =>
        {
            var sign = recorder.Begin("sign-2of3", "2-of-3 signing with the phone (HybridSign: 3 commands, touch included)", "firmware");
            Phone(client, phoneKey, share, walletId).SignWithPhone(hash, SignPath);
            sign.End();
            sign.Region(CardScopes.VerificationTouch, "sign-2of3-touch", "  of which the touch", "region: IL, calls and allocations inside SensorFingerKeyReader.ReadKey");
            return 0;
        });

        card.PhoneSession(phoneKey, cardKey, client =>
        {
            var phone = Phone(client, phoneKey, share, walletId);
            var refresh = recorder.Begin("refresh-2of3", "2-of-3 refresh (HybridRefresh: 4 commands, touch included)", "firmware");
            phone.Refresh();
            refresh.End();
            share = phone.Share;
            return 0;
        });

        // A new phone: its pairing (a touch approves the bond) runs before the row starts.
        var newPhoneKey = _random.Bytes(32);
        card.PhoneSession(newPhoneKey, cardKey, client =>
        {
            var recover = recorder.Begin("recover-phone-2of3", "2-of-3 recovery of a lost phone (HybridApprove, then HybridRecover: 4 commands; two touches)", "firmware");
            Phone(client, newPhoneKey).RecoverPhone(walletId!);
            recover.End();
            return 0;
        });
    }

    private void CryptoLevel()
    {
        const string Route = "crypto level (card party only)";
        const string Why = "the card party's DkgParty run alone, for comparison with the firmware rows (the Refresh command and the 2-of-3 commands)";
        var shares2 = Dealing("create-wallet-2of2-party", "2-of-2 key generation, card party (DkgParty)", Route, 2,
            sid => [new DkgParty(2, 1, sid, _random), new DkgParty(2, 2, sid, _random)], "for comparison with the firmware route");
        var shares3 = Dealing("create-wallet-2of3-party", "2-of-3 wallet creation, card party (DkgParty)", Route, 3,
            sid => [new DkgParty(3, 1, sid, _random), new DkgParty(3, 2, sid, _random), new DkgParty(3, 3, sid, _random)], Why);
        Dealing("refresh-2of2-party", "2-of-2 refresh, card party", Route, 2,
            sid => shares2.Select(s => DkgParty.ForRefresh(s, sid, _random)).ToArray(), Why);
        Dealing("refresh-2of3-party", "2-of-3 refresh, card party", Route, 3,
            sid => shares3.Select(s => DkgParty.ForRefresh(s, sid, _random)).ToArray(), Why);

        Signing(shares2, ManagedArithmeticBackend.Instance, "sign-2of2-party", "2-of-2 signing at m/0/5, card party (SignParty)");
        var key = _random.Bytes(32);
        var hash = _random.Bytes(32);
        recorder.Measure("ecdsa-sign", "one plain ECDSA signature (RFC 6979)", Route, () => Card(() => Ecdsa.Managed.Sign(key, hash, null)));
        NativeBackendRows(Route);
    }

    // The same protocol rows with every party on the native module (crypto/Native, P/Invoke here, interop on the
    // card): its entry points are counted as native calls, their work priced from the cost table's instruction counts.
    private void NativeBackendRows(string route)
    {
        var module = PInvokeNativeModule.TryCreate(out var reason);
        if (module is null)
        {
            Console.WriteLine($"Native backend rows skipped: {reason}");
            return;
        }

        var native = new NativeArithmeticBackend(module);
        const string Note = "native backend (crypto/Native): IL is the orchestration left in C#; the module's work is in the estimate";
        var shares2 = Dealing("create-wallet-2of2-native", "2-of-2 key generation, card party, native backend", route, 2,
            sid => [new DkgParty(native, 2, 1, sid, _random), new DkgParty(native, 2, 2, sid, _random)], Note);
        Dealing("create-wallet-2of3-native", "2-of-3 wallet creation, card party, native backend", route, 3,
            sid => [new DkgParty(native, 3, 1, sid, _random), new DkgParty(native, 3, 2, sid, _random), new DkgParty(native, 3, 3, sid, _random)], Note);
        Signing(shares2, native, "sign-2of2-native", "2-of-2 signing at m/0/5, card party, native backend");
    }

    // The card (party 1) and the phone sign at m/0/5; the phone combines.
    private void Signing(KeyShare[] shares, IArithmeticBackend backend, string id, string title)
    {
        var sessionId = _random.Bytes(32);
        var hash = _random.Bytes(32);
        var signers = shares.Select(s => new SignParty(backend, s, [1, 2], sessionId, SignPath, null, _random)).ToArray();
        var span = recorder.Begin(id, title, "crypto level (card party only)",
            "the protocol alone, for comparison with the firmware's signing (which adds the touch, the share's unwrap and the channel)");
        var r1 = signers.Select((p, i) => Step(i, () => p.Start())).ToArray();
        var r2 = signers.Select((p, i) => Step(i, () => p.Round2(r1[1 - i]))).ToArray();
        for (var i = 0; i < 2; i++)
        {
            var party = signers[i];
            Step(i, () =>
            {
                party.Presign(r2[1 - i]);
                return 0;
            });
        }

        var r3 = signers.Select((p, i) => Step(i, () => p.SignHash(hash))).ToArray();
        var signature = signers[1].Combine(r3[0]);
        span.End();
        if (signature.Length != 64)
        {
            throw new InvalidOperationException("The crypto-level signing gave no signature.");
        }
    }

    private KeyShare[] Dealing(string id, string title, string route, int parties, Func<byte[], DkgParty[]> create, string note)
    {
        var party = create(_random.Bytes(32));
        var span = recorder.Begin(id, title, route, note);
        var outboxes = party.Select((p, i) => Step(i, () => p.Start())).ToArray();
        outboxes = party.Select((p, i) => Step(i, () => p.Round2(InboxOf(outboxes, i + 1)))).ToArray();
        outboxes = party.Select((p, i) => Step(i, () => p.Round3(InboxOf(outboxes, i + 1)))).ToArray();
        var last = outboxes;
        var shares = party.Select((p, i) => Step(i, () => p.Finish(InboxOf(last, i + 1)))).ToArray();
        span.End();
        return shares;
    }

    // Party index 0 is the card: only its steps run inside the card scope.
    private static T Step<T>(int party, Func<T> step) => party == 0 ? Card(step) : step();

    private static T Card<T>(Func<T> step)
    {
        Probe.Enter(Probe.CardScope);
        try
        {
            return step();
        }
        finally
        {
            Probe.Exit(Probe.CardScope);
        }
    }

    private static byte[][] InboxOf(byte[][][] outboxes, int to) =>
        outboxes.SelectMany(o => o).Where(m => m[4] == to).ToArray();

    private static void RunStaticConstructors()
    {
        foreach (var name in CardAssemblies.Names)
        {
            var assembly = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(CardOperations).Assembly)!
                .LoadFromAssemblyName(new System.Reflection.AssemblyName(name));
            foreach (var type in assembly.GetTypes().Where(t => t.TypeInitializer is not null && !t.ContainsGenericParameters))
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }
        }
    }
}
