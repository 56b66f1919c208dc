using System.Security.Cryptography;
using System.Text;
using CardFirmware.Card.Identity;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.HalSim.Efuse;

namespace CardFirmware.Fuzz.Rigs;

/// <summary>
/// Fixed keys and seeds shared by the targets and their seed generators, so that a recorded
/// honest exchange replays byte for byte: the card's randomness is a seeded stream recreated for
/// every input.
/// </summary>
internal static class Fixtures
{
    /// <summary>The card's managed secp256k1, as on the card.</summary>
    public static readonly IChannelCurve Curve = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);

    /// <summary>The card's static (identity) private key.</summary>
    public static readonly byte[] CardStaticKey = Key("card static");

    /// <summary>The phone's static private key.</summary>
    public static readonly byte[] PhoneStaticKey = Key("phone static");

    /// <summary>The enrolled finger's key as the scripted finger yields it.</summary>
    public static readonly byte[] FingerKey = Key("finger");

    /// <summary>The seed of the card's simulated eFuse (its HMAC_UP key) in every target.</summary>
    public const ulong ChipSeed = 0xEF05E;

    /// <summary>The keys the card derives from its eFuse HMAC key (identity, device secret, counter tags).</summary>
    public static readonly DeviceKeys Keys = new(Chip().Hmac);

    /// <summary>A fresh copy of the card's eFuse: the same HMAC key, no counter bits burned.</summary>
    public static SimEfuse Chip() => SimEfuse.ProvisionFromSeed(ChipSeed, 4096);

    /// <summary>The seed of the card's entropy in every target.</summary>
    public const ulong CardSeed = 0xC0FFEE;

    /// <summary>The seed of the honest phone's entropy in the seed generators.</summary>
    public const ulong PhoneSeed = 0xBEEF;

    /// <summary>The production prologue.</summary>
    public static byte[] Prologue() => CardFirmware.Crypto.Ascii.Bytes(NoiseConstants.ProductPrologue);

    /// <summary>The compressed public key of <paramref name="privateKey"/>.</summary>
    public static byte[] PublicKey(byte[] privateKey)
    {
        var output = new byte[NoiseConstants.PublicKeySize];
        Curve.PublicKey(privateKey, output);
        return output;
    }

    public static byte[] Key(string label) => SHA256.HashData(Encoding.ASCII.GetBytes("CardFirmware.Fuzz " + label));
}
