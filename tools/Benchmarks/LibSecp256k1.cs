using System.Runtime.InteropServices;

namespace CardFirmware.Benchmarks;

/// <summary>
/// P/Invoke bindings to the system libsecp256k1 (Debian package libsecp256k1-1, soname
/// libsecp256k1.so.1, with the schnorrsig and extrakeys modules). Loaded on demand; absent
/// library = the libsecp256k1 rows are skipped.
/// </summary>
internal static class LibSecp256k1
{
    private const string Library = "libsecp256k1.so.1";

    /// <summary>SECP256K1_EC_COMPRESSED (include/secp256k1.h).</summary>
    public const uint Compressed = 0x0102;

    /// <summary>SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY (include/secp256k1.h).</summary>
    public const uint ContextSignVerify = 0x0301;

    /// <summary>True when the shared library can be loaded.</summary>
    public static bool IsAvailable()
    {
        if (NativeLibrary.TryLoad(Library, out var handle))
        {
            NativeLibrary.Free(handle);
            return true;
        }

        return false;
    }

    [DllImport(Library, EntryPoint = "secp256k1_context_create")]
    public static extern IntPtr ContextCreate(uint flags);

    [DllImport(Library, EntryPoint = "secp256k1_ec_pubkey_create")]
    public static extern int PublicKeyCreate(IntPtr context, byte[] publicKey64, byte[] secretKey32);

    [DllImport(Library, EntryPoint = "secp256k1_ec_pubkey_parse")]
    public static extern int PublicKeyParse(IntPtr context, byte[] publicKey64, byte[] input, nuint inputLength);

    [DllImport(Library, EntryPoint = "secp256k1_xonly_pubkey_parse")]
    public static extern int XonlyParse(IntPtr context, byte[] xonly64, byte[] input32);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_signature_parse_compact")]
    public static extern int SignatureParseCompact(IntPtr context, byte[] signature64, byte[] input64);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_signature_serialize_compact")]
    public static extern int SignatureSerializeCompact(IntPtr context, byte[] output64, byte[] signature64);

    [DllImport(Library, EntryPoint = "secp256k1_ec_pubkey_tweak_mul")]
    public static extern int PublicKeyTweakMul(IntPtr context, byte[] publicKey64, byte[] tweak32);

    [DllImport(Library, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    public static extern int PublicKeySerialize(IntPtr context, byte[] output, ref nuint outputLength, byte[] publicKey64, uint flags);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_sign")]
    public static extern int EcdsaSign(IntPtr context, byte[] signature64, byte[] hash32, byte[] secretKey32, IntPtr nonceFunction, IntPtr nonceData);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_verify")]
    public static extern int EcdsaVerify(IntPtr context, byte[] signature64, byte[] hash32, byte[] publicKey64);

    [DllImport(Library, EntryPoint = "secp256k1_keypair_create")]
    public static extern int KeypairCreate(IntPtr context, byte[] keypair96, byte[] secretKey32);

    [DllImport(Library, EntryPoint = "secp256k1_keypair_xonly_pub")]
    public static extern int KeypairXonlyPublicKey(IntPtr context, byte[] xonly64, IntPtr parity, byte[] keypair96);

    [DllImport(Library, EntryPoint = "secp256k1_xonly_pubkey_serialize")]
    public static extern int XonlySerialize(IntPtr context, byte[] output32, byte[] xonly64);

    [DllImport(Library, EntryPoint = "secp256k1_schnorrsig_sign32")]
    public static extern int SchnorrSign32(IntPtr context, byte[] signature64, byte[] message32, byte[] keypair96, byte[] aux32);

    [DllImport(Library, EntryPoint = "secp256k1_schnorrsig_verify")]
    public static extern int SchnorrVerify(IntPtr context, byte[] signature64, byte[] message, nuint messageLength, byte[] xonly64);
}
