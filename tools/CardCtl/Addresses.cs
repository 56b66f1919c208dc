using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;

namespace CardFirmware.CardCtl;

/// <summary>Bitcoin P2WPKH (BIP-173 bech32, witness v0) and Ethereum (EIP-55) addresses of a secp256k1 key.</summary>
internal static class Addresses
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    /// <summary>bc1q... for the compressed (33-byte) key: witness v0 program HASH160(key).</summary>
    public static string BitcoinP2wpkh(byte[] publicKey, string hrp = "bc") =>
        Bech32.EncodeSegwit(hrp, 0, Hash160(Compressed(publicKey)));

    /// <summary>0x + EIP-55 checksummed last 20 bytes of Keccak-256 of the 64-byte uncompressed key.</summary>
    public static string Ethereum(byte[] publicKey)
    {
        var uncompressed = Curve.Curve.DecodePoint(publicKey).GetEncoded(false);
        var hash = Keccak256(uncompressed.AsSpan(1).ToArray());
        var hex = Convert.ToHexString(hash, 12, 20).ToLowerInvariant();
        var checksum = Keccak256(Encoding.ASCII.GetBytes(hex));
        var result = new StringBuilder("0x", 42);
        for (var i = 0; i < hex.Length; i++)
        {
            var nibble = (checksum[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(hex[i]) : hex[i]);
        }

        return result.ToString();
    }

    public static byte[] Compressed(byte[] publicKey) => Curve.Curve.DecodePoint(publicKey).GetEncoded(true);

    public static byte[] Hash160(byte[] data)
    {
        var sha = SHA256.HashData(data);
        var ripemd = new RipeMD160Digest();
        ripemd.BlockUpdate(sha, 0, sha.Length);
        var output = new byte[20];
        ripemd.DoFinal(output, 0);
        return output;
    }

    public static byte[] Keccak256(byte[] data)
    {
        var keccak = new KeccakDigest(256);
        keccak.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        keccak.DoFinal(output, 0);
        return output;
    }
}

/// <summary>BIP-173 bech32 (the witness v0 checksum constant 1).</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    public static string EncodeSegwit(string hrp, int witnessVersion, byte[] program)
    {
        var data = new List<byte> { (byte)witnessVersion };
        data.AddRange(ConvertBits(program, 8, 5));
        return Encode(hrp, data.ToArray());
    }

    public static string Encode(string hrp, byte[] data)
    {
        var values = new List<byte>(data);
        var polymod = Polymod([.. HrpExpand(hrp), .. data, 0, 0, 0, 0, 0, 0]) ^ 1;
        for (var i = 0; i < 6; i++)
        {
            values.Add((byte)((polymod >> (5 * (5 - i))) & 31));
        }

        var result = new StringBuilder(hrp.Length + 1 + values.Count);
        result.Append(hrp).Append('1');
        foreach (var v in values)
        {
            result.Append(Charset[v]);
        }

        return result.ToString();
    }

    private static uint Polymod(byte[] values)
    {
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= Generator[i];
                }
            }
        }

        return chk;
    }

    private static byte[] HrpExpand(string hrp)
    {
        var result = new byte[(hrp.Length * 2) + 1];
        for (var i = 0; i < hrp.Length; i++)
        {
            result[i] = (byte)(hrp[i] >> 5);
            result[hrp.Length + 1 + i] = (byte)(hrp[i] & 31);
        }

        return result;
    }

    private static byte[] ConvertBits(byte[] data, int from, int to)
    {
        var acc = 0;
        var bits = 0;
        var result = new List<byte>();
        var maxv = (1 << to) - 1;
        foreach (var value in data)
        {
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to)
            {
                bits -= to;
                result.Add((byte)((acc >> bits) & maxv));
            }
        }

        if (bits > 0)
        {
            result.Add((byte)((acc << (to - bits)) & maxv));
        }

        return result.ToArray();
    }
}
