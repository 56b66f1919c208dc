using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace CardFirmware.Benchmarks;

/// <summary>
/// BouncyCastle 2.7 doing the same work: RFC 6979 ECDSA (HMacDsaKCalculator), point multiplication
/// with its default multiplier, fixed-base multiplication with its comb, and SHA-256.
/// BouncyCastle has no BIP-340, so the Schnorr rows have no BouncyCastle figure.
/// </summary>
public class BouncyCastleBenchmarks
{
    private readonly X9ECParameters curve = SecNamedCurves.GetByName("secp256k1");
    private readonly FixedPointCombMultiplier comb = new();
    private readonly byte[] output32 = new byte[32];
    private ECDomainParameters domain = null!;
    private ECPrivateKeyParameters privateKey = null!;
    private ECPublicKeyParameters publicKey = null!;
    private BigInteger r = null!;
    private BigInteger s = null!;
    private BigInteger scalar = null!;

    [GlobalSetup]
    public void Setup()
    {
        domain = new ECDomainParameters(curve);
        privateKey = new ECPrivateKeyParameters(new BigInteger(1, BenchmarkInputs.PrivateKey), domain);
        publicKey = new ECPublicKeyParameters(comb.Multiply(curve.G, privateKey.D).Normalize(), domain);
        scalar = new BigInteger(1, BenchmarkInputs.Scalar);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, privateKey);
        var rs = signer.GenerateSignature(BenchmarkInputs.Hash);
        r = rs[0];
        s = rs[1];
    }

    [Benchmark]
    public BigInteger[] EcdsaSign()
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, privateKey);
        return signer.GenerateSignature(BenchmarkInputs.Hash);
    }

    [Benchmark]
    public bool EcdsaVerify()
    {
        var verifier = new ECDsaSigner();
        verifier.Init(false, publicKey);
        return verifier.VerifySignature(BenchmarkInputs.Hash, r, s);
    }

    [Benchmark]
    public byte[] VariableBaseMul() => publicKey.Q.Multiply(scalar).Normalize().GetEncoded(true);

    [Benchmark]
    public byte[] FixedBaseMul() => comb.Multiply(curve.G, scalar).Normalize().GetEncoded(true);

    [Benchmark]
    public byte[] Sha256_64B()
    {
        var digest = new Sha256Digest();
        digest.BlockUpdate(BenchmarkInputs.Data64, 0, 64);
        digest.DoFinal(output32, 0);
        return output32;
    }

    [Benchmark]
    public byte[] Sha256_1KiB()
    {
        var digest = new Sha256Digest();
        digest.BlockUpdate(BenchmarkInputs.Data1K, 0, 1024);
        digest.DoFinal(output32, 0);
        return output32;
    }
}
