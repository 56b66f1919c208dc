namespace CardFirmware.Crypto.Tests;

/// <summary>
/// Bad buffers, offsets and lengths are refused up front with a typed <see cref="CryptoException"/>
/// (never an IndexOutOfRangeException or a half-updated state).
/// </summary>
public class MalformedInputTests
{
    private static readonly byte[] Key32 = new byte[32];
    private static readonly byte[] Nonce12 = new byte[12];

    public static TheoryData<string, Action, CryptoError> Cases => new()
    {
        { "Sha256.Hash null data", () => Sha256.Hash(null!), CryptoError.NullBuffer },
        { "Sha256.Hash negative offset", () => Sha256.Hash(new byte[4], -1, 1, new byte[32], 0), CryptoError.InvalidLength },
        { "Sha256.Hash count past end", () => Sha256.Hash(new byte[4], 2, 3, new byte[32], 0), CryptoError.InvalidLength },
        { "Sha256.Hash huge count overflow", () => Sha256.Hash(new byte[4], 2, int.MaxValue, new byte[32], 0), CryptoError.InvalidLength },
        { "Sha256.Hash short output", () => Sha256.Hash(new byte[4], 0, 4, new byte[31], 0), CryptoError.InvalidLength },
        { "Sha256.Hash output offset", () => Sha256.Hash(new byte[4], 0, 4, new byte[32], 1), CryptoError.InvalidLength },
        { "Sha256.Final null output", () => new Sha256().Final(null!, 0), CryptoError.NullBuffer },
        { "Sha512.Hash short output", () => Sha512.Hash(new byte[4], 0, 4, new byte[63], 0), CryptoError.InvalidLength },
        { "Sha512.Update negative count", () => new Sha512().Update(new byte[4], 0, -1), CryptoError.InvalidLength },
        { "HmacSha256 null key", () => HmacSha256.Compute(null!, new byte[1]), CryptoError.NullBuffer },
        { "HmacSha256 null data", () => HmacSha256.Compute(new byte[1], null!), CryptoError.NullBuffer },
        { "HmacSha256 short output", () => HmacSha256.Compute(new byte[1], new byte[1], 0, 1, new byte[32], 1), CryptoError.InvalidLength },
        { "HmacSha512 bad range", () => HmacSha512.Compute(new byte[1], new byte[1], 1, 1, new byte[64], 0), CryptoError.InvalidLength },
        { "Hkdf.Extract prk not 32", () => Hkdf.Extract(null!, new byte[1], 0, 1, new byte[31]), CryptoError.InvalidLength },
        { "Hkdf.Extract null ikm", () => Hkdf.Extract(null!, null!, 0, 0, new byte[32]), CryptoError.NullBuffer },
        { "Hkdf.Expand short prk", () => Hkdf.Expand(new byte[31], null!, new byte[10], 0, 10), CryptoError.InvalidLength },
        { "Hkdf.Expand negative length", () => Hkdf.Expand(new byte[32], null!, new byte[10], 0, -1), CryptoError.InvalidLength },
        { "Hkdf.Expand output too small", () => Hkdf.Expand(new byte[32], null!, new byte[10], 5, 6), CryptoError.InvalidLength },
        { "Hkdf.DeriveKey too long", () => Hkdf.DeriveKey(null!, new byte[1], null!, 8161), CryptoError.InvalidLength },
        { "AEAD short key", () => ChaCha20Poly1305.Encrypt(new byte[31], Nonce12, null!, new byte[1], 0, 1, new byte[17], 0), CryptoError.InvalidLength },
        { "AEAD null key", () => ChaCha20Poly1305.Encrypt(null!, Nonce12, null!, new byte[1], 0, 1, new byte[17], 0), CryptoError.NullBuffer },
        { "AEAD long nonce", () => ChaCha20Poly1305.Encrypt(Key32, new byte[13], null!, new byte[1], 0, 1, new byte[17], 0), CryptoError.InvalidLength },
        { "AEAD output without tag room", () => ChaCha20Poly1305.Encrypt(Key32, Nonce12, null!, new byte[1], 0, 1, new byte[16], 0), CryptoError.InvalidLength },
        { "AEAD huge plaintext length", () => ChaCha20Poly1305.Encrypt(Key32, Nonce12, null!, new byte[1], 0, int.MaxValue, new byte[17], 0), CryptoError.InvalidLength },
        { "AEAD decrypt shorter than tag", () => ChaCha20Poly1305.Decrypt(Key32, Nonce12, null!, new byte[15], 0, 15, new byte[0], 0), CryptoError.InvalidLength },
        { "AEAD decrypt output too small", () => ChaCha20Poly1305.Decrypt(Key32, Nonce12, null!, new byte[20], 0, 20, new byte[3], 0), CryptoError.InvalidLength },
        { "AEAD decrypt input range", () => ChaCha20Poly1305.Decrypt(Key32, Nonce12, null!, new byte[20], 5, 20, new byte[4], 0), CryptoError.InvalidLength },
        { "ChaCha20.Xor counter wrap", () => ChaCha20.Xor(Key32, Nonce12, uint.MaxValue, new byte[65], 0, 65, new byte[65], 0), CryptoError.InvalidLength },
        { "ChaCha20.Block short output", () => ChaCha20.Block(Key32, 0, Nonce12, new byte[64], 1), CryptoError.InvalidLength },
        { "Poly1305 short key", () => new Poly1305(new byte[32], 1), CryptoError.InvalidLength },
        { "ConstantTime.AreEqual range", () => ConstantTime.AreEqual(new byte[4], 0, new byte[4], 1, 4), CryptoError.InvalidLength },
        { "ConstantTime.AreEqual null", () => ConstantTime.AreEqual(null!, 0, new byte[4], 0, 0), CryptoError.NullBuffer },
        { "HmacDrbg null entropy", () => new HmacDrbg(null!, null!, null!), CryptoError.NullBuffer },
        { "HmacDrbg generate range", () => new HmacDrbg(new byte[32], null!, null!).Generate(new byte[4], 3, 2, null!), CryptoError.InvalidLength },
        { "HmacDrbg reseed short entropy", () => new HmacDrbg(new byte[32], null!, null!).Reseed(new byte[16], null!), CryptoError.InvalidLength },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadArguments_ThrowTypedCryptoException(string name, Action action, CryptoError expected)
    {
        var ex = Record.Exception(action);
        Assert.True(ex is CryptoException, $"{name}: threw {ex?.GetType().Name ?? "nothing"}");
        Assert.Equal(expected, ((CryptoException)ex!).Error);
    }

    [Fact]
    public void Sha256_RejectedUpdate_LeavesStateIntact()
    {
        var sha = new Sha256();
        var abc = "abc"u8.ToArray();
        sha.Update(abc, 0, 2);
        Assert.Throws<CryptoException>(() => sha.Update(abc, 2, 5));
        sha.Update(abc, 2, 1);
        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal(Sha256.Hash(abc), digest);
    }

    [Fact]
    public void Poly1305_UseAfterFinal_Throws()
    {
        var mac = new Poly1305(new byte[32], 0);
        mac.Final(new byte[16], 0);
        var ex = Assert.Throws<CryptoException>(() => mac.Update(new byte[1], 0, 1));
        Assert.Equal(CryptoError.Disposed, ex.Error);
    }
}
