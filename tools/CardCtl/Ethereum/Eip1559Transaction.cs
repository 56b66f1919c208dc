using System.Numerics;

namespace CardFirmware.CardCtl.Ethereum;

/// <summary>
/// An EIP-1559 (type 2, EIP-2718 envelope) transaction with an empty access list. The signing hash is
/// keccak256(0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList]));
/// the signed transaction is 0x02 || rlp([... the same nine fields, yParity, r, s]) with r and s as integers.
/// </summary>
internal sealed record Eip1559Transaction(
    BigInteger ChainId,
    BigInteger Nonce,
    BigInteger MaxPriorityFeePerGas,
    BigInteger MaxFeePerGas,
    BigInteger GasLimit,
    byte[] To,
    BigInteger Value,
    byte[] Data)
{
    public const byte Type = 0x02;

    /// <summary>The 32-byte hash the sender signs.</summary>
    public byte[] SigningHash() => Addresses.Keccak256([Type, .. Rlp.List(Fields())]);

    /// <summary>The raw signed transaction (what eth_sendRawTransaction takes); <paramref name="yParity"/> is the recovery id, 0 or 1.</summary>
    public byte[] Signed(int yParity, byte[] signature64)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)yParity, 1u);
        var r = new BigInteger(signature64.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature64.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        return [Type, .. Rlp.List([.. Fields(), Rlp.Integer(yParity), Rlp.Integer(r), Rlp.Integer(s)])];
    }

    private byte[][] Fields() =>
    [
        Rlp.Integer(ChainId),
        Rlp.Integer(Nonce),
        Rlp.Integer(MaxPriorityFeePerGas),
        Rlp.Integer(MaxFeePerGas),
        Rlp.Integer(GasLimit),
        Rlp.String(To),
        Rlp.Integer(Value),
        Rlp.String(Data),
        Rlp.List(),
    ];
}
