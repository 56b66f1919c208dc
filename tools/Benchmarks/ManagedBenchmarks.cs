using BenchmarkDotNet.Attributes;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Benchmarks;

/// <summary>The project's managed secp256k1 backend and SHA-256.</summary>
public class ManagedBenchmarks
{
    private readonly ManagedSecp256k1Backend backend = ManagedSecp256k1Backend.Instance;
    private readonly Ecdsa ecdsa = Ecdsa.Managed;
    private readonly Schnorr schnorr = new(ManagedSecp256k1Backend.Instance);
    private readonly byte[] output33 = new byte[33];
    private readonly byte[] output32 = new byte[32];
    private byte[] publicKey = null!;
    private byte[] signature = null!;
    private byte[] publicKeyX = null!;
    private byte[] schnorrSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        publicKey = ecdsa.PublicKey(BenchmarkInputs.PrivateKey);
        signature = ecdsa.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, null);
        publicKeyX = schnorr.PublicKey(BenchmarkInputs.PrivateKey);
        schnorrSignature = schnorr.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, BenchmarkInputs.Aux);
        if (!ecdsa.Verify(publicKey, BenchmarkInputs.Hash, signature, true) || !schnorr.Verify(publicKeyX, BenchmarkInputs.Hash, schnorrSignature))
        {
            throw new InvalidOperationException("Managed self-check failed.");
        }
    }

    [Benchmark]
    public byte[] EcdsaSign() => ecdsa.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, null);

    [Benchmark]
    public bool EcdsaVerify() => ecdsa.Verify(publicKey, BenchmarkInputs.Hash, signature, true);

    [Benchmark]
    public byte[] VariableBaseMul()
    {
        backend.PointMul(BenchmarkInputs.Scalar, publicKey, output33);
        return output33;
    }

    [Benchmark]
    public byte[] FixedBaseMul()
    {
        backend.BaseMul(BenchmarkInputs.Scalar, output33);
        return output33;
    }

    [Benchmark]
    public byte[] SchnorrSign() => schnorr.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, BenchmarkInputs.Aux);

    [Benchmark]
    public bool SchnorrVerify() => schnorr.Verify(publicKeyX, BenchmarkInputs.Hash, schnorrSignature);

    [Benchmark]
    public byte[] Sha256_64B()
    {
        Sha256.Hash(BenchmarkInputs.Data64, 0, 64, output32, 0);
        return output32;
    }

    [Benchmark]
    public byte[] Sha256_1KiB()
    {
        Sha256.Hash(BenchmarkInputs.Data1K, 0, 1024, output32, 0);
        return output32;
    }
}
