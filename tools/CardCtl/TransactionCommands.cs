using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using CardFirmware.CardCtl.Bitcoin;
using CardFirmware.CardCtl.Ethereum;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>Whole transactions, not only digests: a BIP-174 PSBT with P2WPKH inputs and an EIP-1559 Ethereum transaction.</summary>
public static partial class Program
{
    private static int SignPsbt(Invocation run, string psbtText, string networkName, string pathText, int finger)
    {
        var report = run.Report;
        var network = networkName switch
        {
            "main" => NBitcoin.Network.Main,
            "testnet" => NBitcoin.Network.TestNet,
            _ => NBitcoin.Network.RegTest,
        };
        var fallback = ParsePath(pathText);
        var state = run.File.Load();
        var share = state.LoadShare(run.File.Path);
        var plan = PsbtSigning.Plan(ReadArgument(psbtText, "--psbt"), network, share, fallback);
        var card = Endpoint(run, state);
        var signatures = Session(run, state, card, finger, client =>
        {
            var wallet = new PhoneWallet(client, share);
            return plan.Inputs.Select((input, k) =>
            {
                report.Progress($"sign-psbt: input {input.Index} ({k + 1} of {plan.Inputs.Count}), the card waits for a touch");
                return wallet.Sign(input.Sighash, input.Path);
            }).ToList();
        });

        for (var k = 0; k < plan.Inputs.Count; k++)
        {
            var input = plan.Inputs[k];
            if (!BouncyCastleEcdsa.Verify(input.PublicKey, input.Sighash, signatures[k]))
            {
                throw new CardCtlException($"The signature of input {input.Index} does not verify.", ExitCodes.Internal);
            }

            report.Item("inputs", new JsonObject
            {
                ["index"] = input.Index,
                ["path"] = FormatPath(input.Path),
                ["pubkey"] = Hex(input.PublicKey),
                ["sighash"] = Hex(input.Sighash),
                ["der"] = Hex(Recovery.Der(signatures[k])),
            }, $"input    {input.Index} {FormatPath(input.Path)} sighash {Hex(input.Sighash)} signed (BIP-143, SIGHASH_ALL)");
        }

        foreach (var reason in plan.Skipped)
        {
            report.Item("skipped", reason, $"skipped  {reason}");
        }

        var tx = plan.Complete(signatures);
        report.Field("psbt", plan.Psbt.ToBase64(), $"psbt     {plan.Psbt.ToBase64()}");
        report.Field("finalized", tx is not null, tx is null
            ? "finalized no: other inputs still need their signers; pass the psbt on"
            : "finalized yes: every input signed; the transaction passes NBitcoin's script verification");
        report.Field("tx", tx?.ToHex(), tx is null ? null : $"tx       {tx.ToHex()}");
        report.Field("txid", tx?.GetHash().ToString(), tx is null ? null : $"txid     {tx.GetHash()}");
        ReportCardTime(report, card.CardTimeLine(touchesEnroll: false, signatures: plan.Inputs.Count));
        return ExitCodes.Ok;
    }

    private static int SignEthTx(Invocation run, EthTxArguments arguments, string pathText, int finger)
    {
        var report = run.Report;
        var tx = arguments.Parse();
        var path = ParsePath(pathText);
        var state = run.File.Load();
        var share = state.LoadShare(run.File.Path);
        var hash = tx.SigningHash();
        var card = Endpoint(run, state);
        var signature = Session(run, state, card, finger, client => new PhoneWallet(client, share).Sign(hash, path));

        var childKey = share.ChildPublicKey(path);
        var yParity = Recovery.RecoveryId(childKey, hash, signature);
        if (yParity < 0 || !BouncyCastleEcdsa.Verify(childKey, hash, signature))
        {
            throw new CardCtlException("The card's signature does not recover to the wallet's key.", ExitCodes.Internal);
        }

        var raw = tx.Signed(yParity, signature);
        report.Field("from", Addresses.Ethereum(childKey), $"from     {Addresses.Ethereum(childKey)} ({pathText})");
        report.Field("signingHash", Hex(hash), $"hash     {Hex(hash)} (keccak256(0x02 || rlp(fields)))");
        report.Field("r", Hex(signature[..32]), $"r        {Hex(signature[..32])}");
        report.Field("s", Hex(signature[32..]), $"s        {Hex(signature[32..])}");
        report.Field("yParity", yParity, $"yParity  {yParity}");
        report.Field("raw", "0x" + Hex(raw), $"raw      0x{Hex(raw)}");
        report.Field("txHash", "0x" + Hex(Addresses.Keccak256(raw)), $"txhash   0x{Hex(Addresses.Keccak256(raw))}");
        ReportCardTime(report, card.CardTimeLine(touchesEnroll: false, signatures: 1));
        return ExitCodes.Ok;
    }

    /// <summary>m/i/j... for a parsed path.</summary>
    internal static string FormatPath(uint[] path) => string.Join('/', ["m", .. path.Select(index => index.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>An argument given inline, or with @file read from that file.</summary>
    private static string ReadArgument(string text, string option)
    {
        if (!text.StartsWith('@'))
        {
            return text;
        }

        try
        {
            return File.ReadAllText(text[1..]);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new CardCtlException($"{option} {text}: cannot read the file ({failure.Message}).", ExitCodes.StateDamage);
        }
    }
}

/// <summary>The fields of an EIP-1559 transaction as given on the command line (decimal or 0x hex integers, 0x hex bytes).</summary>
internal sealed record EthTxArguments(string ChainId, string Nonce, string MaxPriorityFee, string MaxFee, string GasLimit, string To, string Value, string Data)
{
    public Eip1559Transaction Parse()
    {
        var to = Bytes(To, "--to");
        if (to.Length != 20)
        {
            throw new CardCtlException($"--to {To}: an address is 20 bytes (0x and 40 hex digits).", ExitCodes.Usage);
        }

        return new Eip1559Transaction(Integer(ChainId, "--chain-id"), Integer(Nonce, "--nonce"), Integer(MaxPriorityFee, "--max-priority-fee"),
            Integer(MaxFee, "--max-fee"), Integer(GasLimit, "--gas-limit"), to, Integer(Value, "--value"), Bytes(Data, "--data"));
    }

    private static BigInteger Integer(string text, string option)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex ? BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                : BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        throw new CardCtlException($"{option} {text}: not a non-negative integer (decimal, or 0x hex).", ExitCodes.Usage);
    }

    private static byte[] Bytes(string text, string option)
    {
        try
        {
            return Convert.FromHexString(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text);
        }
        catch (FormatException)
        {
            throw new CardCtlException($"{option} {text}: not hex bytes.", ExitCodes.Usage);
        }
    }
}
