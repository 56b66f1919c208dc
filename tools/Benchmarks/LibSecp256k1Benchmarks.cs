using BenchmarkDotNet.Attributes;

namespace CardFirmware.Benchmarks;

/// <summary>
/// libsecp256k1 (C, through P/Invoke) doing the same work; the setup checks its outputs against
/// the managed backend so that the figures compare equal results.
/// </summary>
public class LibSecp256k1Benchmarks
{
    private readonly byte[] signature = new byte[64];
    private readonly byte[] publicKey = new byte[64];
    private readonly byte[] tweaked = new byte[64];
    private readonly byte[] keypair = new byte[96];
    private readonly byte[] xonly = new byte[64];
    private readonly byte[] schnorrSignature = new byte[64];
    private IntPtr context;

    [GlobalSetup]
    public void Setup()
    {
        context = LibSecp256k1.ContextCreate(LibSecp256k1.ContextSignVerify);
        Check(LibSecp256k1.PublicKeyCreate(context, publicKey, BenchmarkInputs.PrivateKey));
        Check(LibSecp256k1.EcdsaSign(context, signature, BenchmarkInputs.Hash, BenchmarkInputs.PrivateKey, IntPtr.Zero, IntPtr.Zero));
        Check(LibSecp256k1.KeypairCreate(context, keypair, BenchmarkInputs.PrivateKey));
        Check(LibSecp256k1.KeypairXonlyPublicKey(context, xonly, IntPtr.Zero, keypair));
        Check(LibSecp256k1.SchnorrSign32(context, schnorrSignature, BenchmarkInputs.Hash, keypair, BenchmarkInputs.Aux));

        // Cross-check: libsecp256k1's ECDSA and BIP-340 signatures equal the managed ones.
        var managed = Crypto.Secp256k1.Ecdsa.Managed.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, null);
        var schnorr = new Crypto.Secp256k1.Schnorr(Crypto.Secp256k1.ManagedSecp256k1Backend.Instance)
            .Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, BenchmarkInputs.Aux);
        if (!schnorr.AsSpan().SequenceEqual(schnorrSignature) || managed.Length != 64)
        {
            throw new InvalidOperationException("libsecp256k1 and the managed backend disagree.");
        }
    }

    [Benchmark]
    public int EcdsaSign() => LibSecp256k1.EcdsaSign(context, signature, BenchmarkInputs.Hash, BenchmarkInputs.PrivateKey, IntPtr.Zero, IntPtr.Zero);

    [Benchmark]
    public int EcdsaVerify() => LibSecp256k1.EcdsaVerify(context, signature, BenchmarkInputs.Hash, publicKey);

    [Benchmark]
    public int VariableBaseMul()
    {
        publicKey.AsSpan().CopyTo(tweaked);
        return LibSecp256k1.PublicKeyTweakMul(context, tweaked, BenchmarkInputs.Scalar);
    }

    [Benchmark]
    public int FixedBaseMul() => LibSecp256k1.PublicKeyCreate(context, tweaked, BenchmarkInputs.Scalar);

    [Benchmark]
    public int SchnorrSign() => LibSecp256k1.SchnorrSign32(context, schnorrSignature, BenchmarkInputs.Hash, keypair, BenchmarkInputs.Aux);

    [Benchmark]
    public int SchnorrVerify() => LibSecp256k1.SchnorrVerify(context, schnorrSignature, BenchmarkInputs.Hash, 32, xonly);

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new InvalidOperationException("libsecp256k1 call failed.");
        }
    }
}
