using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// The published extraction (issue "the card's whole share leaks to a malicious phone in two approved
/// signatures"): the card's round-2 message, where the card is the RVOLE sender, carries
/// τ_j = α0_j − α1_j + a' with a' = (r, λ·x_card, â). Two runs in which the card's OT rows are the same
/// and the phone's choice bits are all flipped swap α0 and α1, so τ_A + τ_B = a'_A + a'_B and its second
/// column is 2·λ·x_card (λ = 2 for the pair {1, 2} at the root key).
/// </summary>
internal static class ShareExtraction
{
    private static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    /// <summary>Offset of τ_{0,1} (row 0, column 1: the share's column) in the card's round-2 message.</summary>
    private const int TauOffset = 41 + 33 + 32;

    /// <summary>The candidate x_card = (τ_A + τ_B)/(2λ), λ = 2, from two round-2 messages of the card.</summary>
    public static BigInteger CandidateShare(byte[] cardRound2A, byte[] cardRound2B)
    {
        var sum = Scalar(cardRound2A, TauOffset).Add(Scalar(cardRound2B, TauOffset)).Mod(Curve.N);
        return sum.Multiply(BigInteger.ValueOf(4).ModInverse(Curve.N)).Mod(Curve.N);
    }

    /// <summary>True if <paramref name="x"/>·G is the public share (33 bytes compressed).</summary>
    public static bool IsShareOf(BigInteger x, byte[] publicShare) =>
        Curve.G.Multiply(x).Normalize().GetEncoded(true).AsSpan().SequenceEqual(publicShare);

    /// <summary>
    /// The wallet key x = λ_1·x_card + λ_2·x_phone = 2·x_card − x_phone, and an ordinary ECDSA signature
    /// of <paramref name="hash"/> made with it alone (r ‖ s).
    /// </summary>
    public static byte[] SignAlone(BigInteger xCard, BigInteger xPhone, byte[] hash)
    {
        var x = xCard.ShiftLeft(1).Subtract(xPhone).Mod(Curve.N);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Org.BouncyCastle.Crypto.Digests.Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(x, new ECDomainParameters(Curve.Curve, Curve.G, Curve.N, Curve.H)));
        var rs = signer.GenerateSignature(hash);
        var signature = new byte[64];
        rs[0].ToByteArrayUnsigned().CopyTo(signature, 32 - rs[0].ToByteArrayUnsigned().Length);
        rs[1].ToByteArrayUnsigned().CopyTo(signature, 64 - rs[1].ToByteArrayUnsigned().Length);
        return signature;
    }

    public static BigInteger Scalar(byte[] data, int offset) => new(1, data, offset, 32);
}
