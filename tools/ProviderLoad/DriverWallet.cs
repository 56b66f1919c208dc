using CardFirmware.Crypto.Threshold;
using CardFirmware.Host.Hybrid;

namespace CardFirmware.ProviderLoad;

/// <summary>
/// A 2-of-3 wallet as the drills and tests hold it on the card's and phone's side: the wallet id, the phone's static
/// key, the card's identity key (the same ECDSA secp256k1 scheme, <see cref="PhoneKey"/>), their key shares and the xpub.
/// </summary>
public sealed class DriverWallet(byte[] id, PhoneKey phone, PhoneKey card)
{
    public byte[] Id { get; } = id;

    public PhoneKey Phone { get; set; } = phone;

    public PhoneKey Card { get; set; } = card;

    public KeyShare? CardShare { get; set; }

    public KeyShare? PhoneShare { get; set; }

    public byte[] PublicKey { get; set; } = [];

    public byte[] ChainCode { get; set; } = [];

    /// <summary>The card's counter in its last approval (the card's persistent session counter; a new card starts afresh).</summary>
    public long ApprovalCounter { get; set; }
}
