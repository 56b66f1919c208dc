using System.Text.Json;

namespace CardFirmware.CardCtl;

/// <summary>
/// What survives between two runs of cardctl: the simulated card's own non-volatile memory (its
/// flash image, and apart from it its eFuse: the HMAC key and the one-way counter, as the chip
/// keeps them in silicon) and the phone's secrets and knowledge. All binary fields are base64. The
/// file holds the card's eFuse key, the phone's static key and key share in the clear: it is a
/// simulator's state, not a vault. State files written before the card had an eFuse do not load
/// (provision again).
/// </summary>
internal sealed class CardState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The card's flash partition (SimFlash snapshot).</summary>
    public string? Flash { get; set; }

    /// <summary>The card's eFuse (SimEfuse snapshot): never part of the flash image.</summary>
    public string? Efuse { get; set; }

    /// <summary>The phone's Noise static private key (32 bytes).</summary>
    public string? PhoneKey { get; set; }

    /// <summary>The card's identity public key as learned from the pairing QR code (33 bytes).</summary>
    public string? CardKey { get; set; }

    /// <summary>The phone's serialized DKLs23 key share (KeyShare.Serialize).</summary>
    public string? Share { get; set; }

    public static CardState Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CardCtlException($"No state file {path}: run `cardctl provision` first.");
        }

        return JsonSerializer.Deserialize<CardState>(File.ReadAllText(path), Json)
            ?? throw new CardCtlException($"State file {path} is empty.");
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public static byte[] Bytes(string? field, string missing) =>
        field is null ? throw new CardCtlException(missing) : Convert.FromBase64String(field);
}

/// <summary>A failure reported to the user as one line and exit code 1.</summary>
internal sealed class CardCtlException(string message) : Exception(message);
