using BenchmarkDotNet.Attributes;

namespace CardFirmware.Benchmarks;

/// <summary>
/// libsecp256k1 (C, through P/Invoke) doing the same work as the managed rows, from the same
/// byte encodings: each benchmarked call parses its inputs and serializes its output, as the
/// managed API does (33-byte compressed keys, 32-byte x-only keys, 64-byte compact signatures).
/// The setup checks the outputs against the managed backend so that the figures compare equal results.
/// </summary>
/// <remarks>
/// Per row: EcdsaSign = sign + serialize compact; EcdsaVerify = parse the compressed key (square
/// root) + parse the compact signature + verify; VariableBaseMul = parse the compressed key +
/// tweak_mul + serialize compressed; FixedBaseMul = pubkey_create + serialize compressed;
/// SchnorrSign = keypair_create (derives the public key, as the managed signer does) + sign32;
/// SchnorrVerify = xonly_pubkey_parse (lift_x) + verify.
/// </remarks>
public class LibSecp256k1Benchmarks
{
    private readonly byte[] signature = new byte[64];
    private readonly byte[] compact = new byte[64];
    private readonly byte[] compressed = new byte[33];
    private readonly byte[] xonlyBytes = new byte[32];
    private readonly byte[] output33 = new byte[33];
    private readonly byte[] output64 = new byte[64];
    private readonly byte[] publicKey = new byte[64];
    private readonly byte[] scratchKey = new byte[64];
    private readonly byte[] scratchSignature = new byte[64];
    private readonly byte[] keypair = new byte[96];
    private readonly byte[] scratchKeypair = new byte[96];
    private readonly byte[] xonly = new byte[64];
    private readonly byte[] schnorrSignature = new byte[64];
    private IntPtr context;

    [GlobalSetup]
    public void Setup()
    {
        context = LibSecp256k1.ContextCreate(LibSecp256k1.ContextSignVerify);
        Check(LibSecp256k1.PublicKeyCreate(context, publicKey, BenchmarkInputs.PrivateKey));
        nuint length = 33;
        Check(LibSecp256k1.PublicKeySerialize(context, compressed, ref length, publicKey, LibSecp256k1.Compressed));
        Check(LibSecp256k1.EcdsaSign(context, signature, BenchmarkInputs.Hash, BenchmarkInputs.PrivateKey, IntPtr.Zero, IntPtr.Zero));
        Check(LibSecp256k1.SignatureSerializeCompact(context, compact, signature));
        Check(LibSecp256k1.KeypairCreate(context, keypair, BenchmarkInputs.PrivateKey));
        Check(LibSecp256k1.KeypairXonlyPublicKey(context, xonly, IntPtr.Zero, keypair));
        Check(LibSecp256k1.XonlySerialize(context, xonlyBytes, xonly));
        Check(LibSecp256k1.SchnorrSign32(context, schnorrSignature, BenchmarkInputs.Hash, keypair, BenchmarkInputs.Aux));

        // Cross-check: libsecp256k1's keys, ECDSA and BIP-340 signatures and k P equal the managed ones.
        var backend = Crypto.Secp256k1.ManagedSecp256k1Backend.Instance;
        var ecdsa = Crypto.Secp256k1.Ecdsa.Managed;
        var schnorr = new Crypto.Secp256k1.Schnorr(backend);
        var managedPoint = new byte[33];
        backend.PointMul(BenchmarkInputs.Scalar, compressed, managedPoint);
        Check(VariableBaseMul());
        if (!ecdsa.PublicKey(BenchmarkInputs.PrivateKey).AsSpan().SequenceEqual(compressed)
            || !ecdsa.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, null).AsSpan().SequenceEqual(compact)
            || !schnorr.PublicKey(BenchmarkInputs.PrivateKey).AsSpan().SequenceEqual(xonlyBytes)
            || !schnorr.Sign(BenchmarkInputs.PrivateKey, BenchmarkInputs.Hash, BenchmarkInputs.Aux).AsSpan().SequenceEqual(schnorrSignature)
            || !managedPoint.AsSpan().SequenceEqual(output33))
        {
            throw new InvalidOperationException("libsecp256k1 and the managed backend disagree.");
        }

        Check(EcdsaVerify());
        Check(SchnorrVerify());
    }

    [Benchmark]
    public int EcdsaSign()
    {
        LibSecp256k1.EcdsaSign(context, scratchSignature, BenchmarkInputs.Hash, BenchmarkInputs.PrivateKey, IntPtr.Zero, IntPtr.Zero);
        return LibSecp256k1.SignatureSerializeCompact(context, output64, scratchSignature);
    }

    [Benchmark]
    public int EcdsaVerify()
    {
        LibSecp256k1.PublicKeyParse(context, scratchKey, compressed, 33);
        LibSecp256k1.SignatureParseCompact(context, scratchSignature, compact);
        return LibSecp256k1.EcdsaVerify(context, scratchSignature, BenchmarkInputs.Hash, scratchKey);
    }

    [Benchmark]
    public int VariableBaseMul()
    {
        LibSecp256k1.PublicKeyParse(context, scratchKey, compressed, 33);
        LibSecp256k1.PublicKeyTweakMul(context, scratchKey, BenchmarkInputs.Scalar);
        nuint length = 33;
        return LibSecp256k1.PublicKeySerialize(context, output33, ref length, scratchKey, LibSecp256k1.Compressed);
    }

    [Benchmark]
    public int FixedBaseMul()
    {
        LibSecp256k1.PublicKeyCreate(context, scratchKey, BenchmarkInputs.Scalar);
        nuint length = 33;
        return LibSecp256k1.PublicKeySerialize(context, output33, ref length, scratchKey, LibSecp256k1.Compressed);
    }

    [Benchmark]
    public int SchnorrSign()
    {
        LibSecp256k1.KeypairCreate(context, scratchKeypair, BenchmarkInputs.PrivateKey);
        return LibSecp256k1.SchnorrSign32(context, output64, BenchmarkInputs.Hash, scratchKeypair, BenchmarkInputs.Aux);
    }

    [Benchmark]
    public int SchnorrVerify()
    {
        LibSecp256k1.XonlyParse(context, scratchKey, xonlyBytes);
        return LibSecp256k1.SchnorrVerify(context, schnorrSignature, BenchmarkInputs.Hash, 32, scratchKey);
    }

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new InvalidOperationException("libsecp256k1 call failed.");
        }
    }
}
