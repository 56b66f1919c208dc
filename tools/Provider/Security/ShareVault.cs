using System.Security.Cryptography;
using System.Text;

namespace CardFirmware.Provider.Security;

/// <summary>
/// Seals everything secret the provider stores (key shares, session seeds, inboxes and replies that may carry
/// secret shares) with AES-256-GCM under the operator's 32-byte key. The associated data names what the bytes are
/// and whose they are (purpose ‖ 0 ‖ owner id), so a sealed share cannot be moved to another wallet or passed off
/// as another record. Layout: version (1) ‖ nonce (12, random) ‖ tag (16) ‖ ciphertext.
/// </summary>
/// <remarks>Security: the key is held for the process's lifetime and wiped on <see cref="Dispose"/>; a wrong key,
/// a flipped bit or a swapped record fails with <see cref="CryptographicException"/>. An <see cref="AesGcm"/>
/// instance is not safe for concurrent use, so each call makes its own.</remarks>
public sealed class ShareVault : IDisposable
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    /// <summary>Uses the operator key <paramref name="key"/> (32 bytes; copied).</summary>
    public ShareVault(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The operator key is 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Seals <paramref name="plain"/> as <paramref name="purpose"/> of <paramref name="owner"/>.</summary>
    public byte[] Seal(string purpose, byte[] owner, byte[] plain)
    {
        var sealedBytes = new byte[1 + NonceBytes + TagBytes + plain.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes), Associated(purpose, owner));
        return sealedBytes;
    }

    /// <summary>Opens what <see cref="Seal"/> made for the same purpose and owner; the caller wipes the result.</summary>
    public byte[] Open(string purpose, byte[] owner, byte[] sealedBytes)
    {
        if (sealedBytes.Length < 1 + NonceBytes + TagBytes || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed record.");
        }

        var plain = new byte[sealedBytes.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceBytes), sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes), plain, Associated(purpose, owner));
        return plain;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
    }

    private static byte[] Associated(string purpose, byte[] owner)
    {
        var p = Encoding.ASCII.GetBytes(purpose);
        var ad = new byte[p.Length + 1 + owner.Length];
        p.CopyTo(ad, 0);
        owner.CopyTo(ad, p.Length + 1);
        return ad;
    }
}
