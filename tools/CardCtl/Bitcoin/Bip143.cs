using System.Security.Cryptography;
using NBitcoin;

namespace CardFirmware.CardCtl.Bitcoin;

/// <summary>
/// The BIP-143 signature hash of a version-0 witness input (segwit v0), written out from the BIP rather
/// than taken from NBitcoin, so that the tests can hold it against the BIP's published example and
/// NBitcoin's own computation. NBitcoin's <see cref="Transaction"/> serves only as the parsed transaction.
/// </summary>
internal static class Bip143
{
    public const uint SighashAll = 1;

    /// <summary>
    /// dSHA256 of the BIP-143 preimage for input <paramref name="index"/> spending a P2WPKH output of
    /// <paramref name="amount"/> satoshis locked to <paramref name="keyHash"/> (20 bytes), SIGHASH_ALL:
    /// version | hashPrevouts | hashSequence | outpoint | scriptCode | amount | nSequence | hashOutputs | nLockTime | type.
    /// </summary>
    public static byte[] P2wpkhSighashAll(Transaction tx, int index, byte[] keyHash, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(keyHash.Length, 20);
        var prevouts = new MemoryStream();
        var sequences = new MemoryStream();
        foreach (var input in tx.Inputs)
        {
            WriteOutpoint(prevouts, input.PrevOut);
            WriteUInt32(sequences, input.Sequence.Value);
        }

        var outputs = new MemoryStream();
        foreach (var output in tx.Outputs)
        {
            WriteUInt64(outputs, (ulong)output.Value.Satoshi);
            WriteScript(outputs, output.ScriptPubKey.ToBytes());
        }

        // scriptCode of P2WPKH: the P2PKH script of the same key hash (BIP-143, "Specification").
        byte[] scriptCode = [0x76, 0xa9, 0x14, .. keyHash, 0x88, 0xac];
        var preimage = new MemoryStream();
        WriteUInt32(preimage, tx.Version);
        preimage.Write(DoubleSha256(prevouts.ToArray()));
        preimage.Write(DoubleSha256(sequences.ToArray()));
        WriteOutpoint(preimage, tx.Inputs[index].PrevOut);
        WriteScript(preimage, scriptCode);
        WriteUInt64(preimage, (ulong)amount);
        WriteUInt32(preimage, tx.Inputs[index].Sequence.Value);
        preimage.Write(DoubleSha256(outputs.ToArray()));
        WriteUInt32(preimage, tx.LockTime.Value);
        WriteUInt32(preimage, SighashAll);
        return DoubleSha256(preimage.ToArray());
    }

    private static byte[] DoubleSha256(byte[] data) => SHA256.HashData(SHA256.HashData(data));

    // The txid in its serialized (internal, little-endian) order, then the output index.
    private static void WriteOutpoint(Stream stream, OutPoint outpoint)
    {
        stream.Write(outpoint.Hash.ToBytes());
        WriteUInt32(stream, outpoint.N);
    }

    private static void WriteScript(Stream stream, byte[] script)
    {
        WriteCompactSize(stream, (ulong)script.Length);
        stream.Write(script);
    }

    private static void WriteCompactSize(Stream stream, ulong value)
    {
        if (value < 0xfd)
        {
            stream.WriteByte((byte)value);
        }
        else if (value <= 0xffff)
        {
            stream.WriteByte(0xfd);
            Span<byte> bytes = stackalloc byte[2];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
            stream.Write(bytes);
        }
        else if (value <= 0xffff_ffff)
        {
            stream.WriteByte(0xfe);
            WriteUInt32(stream, (uint)value);
        }
        else
        {
            stream.WriteByte(0xff);
            WriteUInt64(stream, value);
        }
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt64(Stream stream, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
