using System.CommandLine;
using System.Security.Cryptography;
using CardFirmware.CardSim;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>
/// cardctl: the phone's side of the card on the command line. Each run boots the real firmware on
/// a simulated board from the flash image in the state file, talks to it over the simulated BLE
/// link (Noise XK), and saves the flash image and the phone's keys back.
/// </summary>
public static class Program
{
    public const string DefaultState = "cardctl-state.json";
    public const int DefaultFinger = 5;
    public const string DefaultPath = "m/0/0";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs one command line, writing to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Contains("--card-time-assumptions"))
        {
            output.WriteLine(CardTime.CostTable.Load().Describe());
            return 0;
        }

        var root = Build(output, error);
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var state = new Option<string>("--state")
        {
            Description = "The state file: the simulated card's flash image and the phone's keys.",
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
            Description = "Non-hardened derivation path of the child key, e.g. m/0/5.",
            DefaultValueFactory = _ => DefaultPath,
        };
        var qr = new Option<string>("--qr") { Description = "The pairing QR payload (cardfw:1:<hex>).", Required = true };
        var chain = new Option<string>("--chain") { Description = "btc or eth.", Required = true };
        chain.AcceptOnlyFromAmong("btc", "eth");
        var digest = new Option<string>("--digest") { Description = "The 32-byte digest to sign, hex.", Required = true };

        var root = new RootCommand("cardctl: drive a simulated CardFirmware card from the phone side.") { state };

        var provision = new Command("provision", "Boot a factory-fresh simulated card and print its pairing QR code.");
        provision.SetAction(r => Guard(error, () => Provision(r.GetValue(state)!, output)));
        root.Add(provision);

        var pair = new Command("pair", "Pair a new phone key with the card named by the QR payload.") { qr };
        pair.SetAction(r => Guard(error, () => Pair(r.GetValue(state)!, r.GetValue(qr)!, output)));
        root.Add(pair);

        var enroll = new Command("enroll", "Enroll the simulated holder's finger.") { finger };
        enroll.SetAction(r => Guard(error, () => Enroll(r.GetValue(state)!, r.GetValue(finger), output)));
        root.Add(enroll);

        var create = new Command("create-wallet", "Run 2-of-2 key generation with the card (the card asks for a touch).") { finger };
        create.SetAction(r => Guard(error, () => CreateWallet(r.GetValue(state)!, r.GetValue(finger), output)));
        root.Add(create);

        var address = new Command("address", "Print the child public key and its Bitcoin and Ethereum addresses.") { path };
        address.SetAction(r => Guard(error, () => Address(r.GetValue(state)!, r.GetValue(path)!, output)));
        root.Add(address);

        var sign = new Command("sign", "Sign a digest with the card (the card asks for a touch) and verify it.") { chain, digest, path, finger };
        sign.SetAction(r => Guard(error, () => Sign(r.GetValue(state)!, r.GetValue(chain)!, r.GetValue(digest)!, r.GetValue(path)!, r.GetValue(finger), output)));
        root.Add(sign);

        return root;
    }

    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception failure) when (failure is CardCtlException or CardRefusedException or FormatException
            or IOException or TimeoutException or InvalidDataException or Channel.Noise.ChannelException)
        {
            error.WriteLine($"cardctl: {failure.Message}");
            return 1;
        }
    }

    private static int Provision(string statePath, TextWriter output)
    {
        var host = CardHost.Factory();
        var identity = host.Card.Firmware.IdentityPublicKey();
        var payload = PairingQr.Payload(identity);
        output.WriteLine(host.Card.Firmware.ProvisionedThisBoot
            ? "card provisioned: eFuse HMAC key burned at the factory, identity key derived from it, flash formatted"
            : "card identity derived from its eFuse key");
        output.Write(PairingQr.Render(payload));
        output.WriteLine($"qr: {payload}");
        new CardState { Flash = Convert.ToBase64String(host.FlashImage()), Efuse = Convert.ToBase64String(host.EfuseImage()) }.Save(statePath);
        output.WriteLine($"state saved to {statePath}");
        return 0;
    }

    private static int Pair(string statePath, string payload, TextWriter output)
    {
        var state = CardState.Load(statePath);
        var cardKey = PairingQr.Parse(payload);
        var phoneKey = RandomNumberGenerator.GetBytes(32);
        var host = Boot(state);
        var info = host.Session(phoneKey, cardKey, DefaultFinger, client => client.GetInfo());
        if (!info.IdentityPublicKey.AsSpan().SequenceEqual(cardKey))
        {
            throw new CardCtlException("The card reports another identity key than its QR code.");
        }

        output.WriteLine($"paired; firmware {info.FirmwareMajor}.{info.FirmwareMinor}, enrolled {info.Enrolled}, wallet {info.HasWallet}, battery {info.BatteryMillivolts} mV");
        output.WriteLine(host.CardTimeLine(touchesEnroll: false));
        state.PhoneKey = Convert.ToBase64String(phoneKey);
        state.CardKey = Convert.ToBase64String(cardKey);
        state.Share = null;
        Save(state, host, statePath);
        return 0;
    }

    private static int Enroll(string statePath, int finger, TextWriter output)
    {
        var state = CardState.Load(statePath);
        var host = Boot(state);
        var progress = Session(state, host, finger, client => client.Enroll(24, p => output.WriteLine(p.Outcome == EnrollOutcome.TouchRefused
            ? $"touch refused (quality {p.Quality}): touch again"
            : $"touch {p.Accepted}/{p.Required} {(p.Outcome == EnrollOutcome.Complete ? "- finger enrolled" : "accepted")}")));
        Save(state, host, statePath);
        var complete = progress.Count > 0 && progress[^1].Outcome == EnrollOutcome.Complete;
        output.WriteLine(host.CardTimeLine(touchesEnroll: true, enrollmentsCompleted: complete ? 1 : 0));
        if (!complete)
        {
            throw new CardCtlException("Enrollment did not complete.");
        }

        return 0;
    }

    private static int CreateWallet(string statePath, int finger, TextWriter output)
    {
        var state = CardState.Load(statePath);
        var host = Boot(state);
        var share = Session(state, host, finger, client =>
        {
            var wallet = new PhoneWallet(client);
            wallet.Create();
            return wallet.Share!;
        });
        state.Share = Convert.ToBase64String(share.Serialize());
        Save(state, host, statePath);
        output.WriteLine($"joint public key {Hex(share.PublicKey())}");
        output.WriteLine($"chain code       {Hex(share.ChainCode)}");
        PrintAddresses(share, [], "m", output);
        output.WriteLine(host.CardTimeLine(touchesEnroll: false, walletCreations: 1));
        return 0;
    }

    private static int Address(string statePath, string pathText, TextWriter output)
    {
        var share = LoadShare(CardState.Load(statePath));
        PrintAddresses(share, ParsePath(pathText), pathText, output);
        return 0;
    }

    private static int Sign(string statePath, string chain, string digestHex, string pathText, int finger, TextWriter output)
    {
        var digest = Convert.FromHexString(digestHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? digestHex[2..] : digestHex);
        if (digest.Length != 32)
        {
            throw new CardCtlException("The digest must be 32 bytes (64 hex digits).");
        }

        var path = ParsePath(pathText);
        var state = CardState.Load(statePath);
        var share = LoadShare(state);
        var host = Boot(state);
        var signature = Session(state, host, finger, client => new PhoneWallet(client, share).Sign(digest, path));
        Save(state, host, statePath);

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
        return verified ? 0 : 2;
    }

    private static void PrintAddresses(KeyShare share, uint[] path, string pathText, TextWriter output)
    {
        var key = share.ChildPublicKey(path);
        output.WriteLine($"path     {pathText}");
        output.WriteLine($"pubkey   {Hex(key)}");
        output.WriteLine($"btc      {Addresses.BitcoinP2wpkh(key)}");
        output.WriteLine($"eth      {Addresses.Ethereum(key)}");
    }

    /// <summary>m, m/0/5...: non-hardened indices only (the wallet derives public children).</summary>
    internal static uint[] ParsePath(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts[0] != "m")
        {
            throw new CardCtlException($"Bad path {text}: expected m/i/j... .");
        }

        var path = new uint[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= 0x8000_0000)
            {
                throw new CardCtlException($"Bad path {text}: '{parts[i]}' is not a non-hardened index.");
            }

            path[i - 1] = index;
        }

        return path;
    }

    private static CardHost Boot(CardState state) =>
        CardHost.Boot(
            CardState.Bytes(state.Efuse, "The state file holds no card eFuse (written by an older cardctl?): run `cardctl provision` again."),
            CardState.Bytes(state.Flash, "The state file holds no card: run `cardctl provision` first."));

    private static T Session<T>(CardState state, CardHost host, int finger, Func<CardClient, T> work) =>
        host.Session(
            CardState.Bytes(state.PhoneKey, "No phone key: run `cardctl pair --qr <payload>` first."),
            CardState.Bytes(state.CardKey, "No card key: run `cardctl pair --qr <payload>` first."),
            finger,
            work);

    private static KeyShare LoadShare(CardState state) =>
        KeyShare.Deserialize(CardState.Bytes(state.Share, "No wallet on this phone: run `cardctl create-wallet` first."));

    private static void Save(CardState state, CardHost host, string statePath)
    {
        state.Flash = Convert.ToBase64String(host.FlashImage());
        state.Efuse = Convert.ToBase64String(host.EfuseImage());
        state.Save(statePath);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
