using CardFirmware.Crypto.Threshold;
using NBitcoin;
using NBitcoin.Crypto;

namespace CardFirmware.CardCtl.Bitcoin;

/// <summary>One input the wallet signs: its index, the child key's path and public key, and its BIP-143 sighash.</summary>
internal sealed record PsbtInputToSign(int Index, uint[] Path, byte[] PublicKey, byte[] Sighash);

/// <summary>
/// A BIP-174 PSBT signed by the 2-of-2 wallet: <see cref="Plan"/> finds the P2WPKH inputs that pay to one
/// of the wallet's child keys (by the input's BIP-32 derivations, else by <c>--path</c>) and computes their
/// BIP-143 sighashes; the card and the phone sign those; <see cref="Complete"/> inserts the partial
/// signatures, finalizes the inputs when every one is signed, and checks the result with NBitcoin's
/// script interpreter.
/// </summary>
internal sealed class PsbtSigning
{
    private PsbtSigning(PSBT psbt, IReadOnlyList<PsbtInputToSign> inputs, IReadOnlyList<string> skipped)
    {
        Psbt = psbt;
        Inputs = inputs;
        Skipped = skipped;
    }

    public PSBT Psbt { get; }

    public IReadOnlyList<PsbtInputToSign> Inputs { get; }

    /// <summary>Why each input the wallet does not sign was left alone.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Parses <paramref name="text"/> (base64 or hex) and plans the signatures; usage errors (exit 2) for a PSBT the wallet cannot sign.</summary>
    public static PsbtSigning Plan(string text, Network network, KeyShare share, uint[] fallbackPath)
    {
        PSBT psbt;
        try
        {
            psbt = PSBT.Parse(text.Trim(), network);
        }
        catch (FormatException bad)
        {
            throw new CardCtlException($"Not a PSBT (BIP-174, base64 or hex): {bad.Message}", ExitCodes.Usage);
        }

        var tx = psbt.GetGlobalTransaction();
        var inputs = new List<PsbtInputToSign>();
        var skipped = new List<string>();
        for (var i = 0; i < psbt.Inputs.Count; i++)
        {
            var input = psbt.Inputs[i];
            var spent = input.WitnessUtxo ?? input.NonWitnessUtxo?.Outputs.ElementAtOrDefault((int)input.PrevOut.N);
            if (spent is null)
            {
                skipped.Add($"input {i}: the PSBT does not say what it spends (no witness or non-witness UTXO)");
                continue;
            }

            if (!PayToWitPubKeyHashTemplate.Instance.CheckScriptPubKey(spent.ScriptPubKey))
            {
                skipped.Add($"input {i}: not P2WPKH (only P2WPKH inputs are signed)");
                continue;
            }

            var keyHash = PayToWitPubKeyHashTemplate.Instance.ExtractScriptPubKeyParameters(spent.ScriptPubKey)!.ToBytes();
            var match = Candidates(input, fallbackPath).FirstOrDefault(path => Addresses.Hash160(share.ChildPublicKey(path)).AsSpan().SequenceEqual(keyHash));
            if (match is null)
            {
                skipped.Add($"input {i}: pays to a key that is not this wallet's (at its BIP-32 derivations or {Program.FormatPath(fallbackPath)})");
                continue;
            }

            if (input.SighashType is { } type && type != SigHash.All)
            {
                throw new CardCtlException($"Input {i} asks for sighash type {type}; cardctl signs SIGHASH_ALL only.", ExitCodes.Usage);
            }

            inputs.Add(new PsbtInputToSign(i, match, share.ChildPublicKey(match), Bip143.P2wpkhSighashAll(tx, i, keyHash, spent.Value.Satoshi)));
        }

        if (inputs.Count == 0)
        {
            throw new CardCtlException("No input of this PSBT is this wallet's to sign: " + string.Join("; ", skipped) + ".", ExitCodes.Usage);
        }

        return new PsbtSigning(psbt, inputs, skipped);
    }

    /// <summary>
    /// Inserts each signature (r | s, low-S) as the input's partial signature; finalizes and extracts the
    /// transaction when every input is then signed (null otherwise: other signers still have to sign).
    /// Throws (exit 70) if the finalized transaction fails NBitcoin's standard script verification.
    /// </summary>
    public Transaction? Complete(IReadOnlyList<byte[]> signatures)
    {
        for (var k = 0; k < Inputs.Count; k++)
        {
            var ecdsa = ECDSASignature.FromDER(Recovery.Der(signatures[k]));
            Psbt.Inputs[Inputs[k].Index].PartialSigs[new PubKey(Inputs[k].PublicKey)] = new TransactionSignature(ecdsa, SigHash.All);
        }

        if (Skipped.Count > 0 || !Psbt.TryFinalize(out var errors))
        {
            return null;
        }

        var tx = Psbt.ExtractTransaction();
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            if (!tx.Inputs.AsIndexedInputs().ElementAt(i).VerifyScript(Psbt.Inputs[i].GetTxOut()!, ScriptVerify.Standard, out var error))
            {
                throw new CardCtlException($"The finalized transaction's input {i} fails script verification ({error}).", ExitCodes.Internal);
            }
        }

        return tx;
    }

    private static IEnumerable<uint[]> Candidates(PSBTInput input, uint[] fallbackPath)
    {
        foreach (var derivation in input.HDKeyPaths.Values)
        {
            var indexes = derivation.KeyPath.Indexes;
            if (indexes.Length <= Program.MaxPathDepth && indexes.All(index => index < 0x8000_0000))
            {
                yield return indexes;
            }
        }

        yield return fallbackPath;
    }
}
