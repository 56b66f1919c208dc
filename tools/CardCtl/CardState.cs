using System.Text.Json;
using System.Text.Json.Nodes;
using CardFirmware.Crypto.Threshold;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Efuse;

namespace CardFirmware.CardCtl;

/// <summary>
/// What survives between two runs of cardctl: the simulated card's own non-volatile memory (its
/// flash image, and apart from it its eFuse: the HMAC key and the one-way counter, as the chip
/// keeps them in silicon) and the phone's secrets and knowledge. In the file every binary field is
/// base64; <see cref="Parse"/> checks every field it finds and names the one that is wrong.
/// </summary>
/// <remarks>
/// Security: the file holds the card's eFuse key, the phone's static key and key share in the
/// clear: it is a simulator's state, not a vault (`cardctl-state*.json` is git-ignored).
/// </remarks>
internal sealed class CardState
{
    public const int PhoneKeySize = 32;
    public const int CardKeySize = 33;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly int FlashSize = new SimBoardOptions().FlashPageSize * new SimBoardOptions().FlashPages;

    public CardState(byte[] flash, byte[] efuse)
    {
        Flash = flash;
        Efuse = efuse;
    }

    /// <summary>The card's flash partition (SimFlash snapshot).</summary>
    public byte[] Flash { get; set; }

    /// <summary>The card's eFuse (SimEfuse snapshot): never part of the flash image.</summary>
    public byte[] Efuse { get; set; }

    /// <summary>The phone's Noise static private key (32 bytes), once paired.</summary>
    public byte[]? PhoneKey { get; set; }

    /// <summary>The card's identity public key as learned from the pairing QR code (33 bytes), once paired.</summary>
    public byte[]? CardKey { get; set; }

    /// <summary>The phone's serialized DKLs23 key share (KeyShare.Serialize), once a wallet exists.</summary>
    public byte[]? Share { get; set; }

    /// <summary>Reads a state file's text; throws <see cref="CardCtlException"/> (exit 4) naming the first malformed field.</summary>
    public static CardState Parse(string text, string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject ?? throw Damaged(path, "it is not a JSON object");
        }
        catch (JsonException bad)
        {
            throw Damaged(path, $"it is not complete JSON (truncated or corrupted: {bad.Message})");
        }

        var efuse = Field(root, "Efuse", path) ?? throw Damaged(path, "field Efuse (the card's eFuse) is missing (written by a cardctl from before the eFuse? run `cardctl provision --force`)");
        try
        {
            SimEfuse.FromSnapshot(efuse);
        }
        catch (ArgumentException bad)
        {
            throw Damaged(path, $"field Efuse is not an eFuse snapshot ({bad.Message})");
        }

        var flash = Field(root, "Flash", path) ?? throw Damaged(path, "field Flash (the card's flash image) is missing");
        if (flash.Length != FlashSize)
        {
            throw Damaged(path, $"field Flash is {flash.Length} bytes, a card's flash is {FlashSize}");
        }

        var state = new CardState(flash, efuse)
        {
            PhoneKey = Sized(Field(root, "PhoneKey", path), PhoneKeySize, "PhoneKey", path),
            CardKey = Sized(Field(root, "CardKey", path), CardKeySize, "CardKey", path),
            Share = Field(root, "Share", path),
        };
        if ((state.PhoneKey is null) != (state.CardKey is null))
        {
            throw Damaged(path, $"field {(state.PhoneKey is null ? "PhoneKey" : "CardKey")} is missing while the other pairing field is present");
        }

        if (state.Share is not null)
        {
            state.LoadShare(path);
        }

        return state;
    }

    /// <summary>The phone's key share, checked as it is read.</summary>
    public KeyShare LoadShare(string path)
    {
        if (Share is null)
        {
            throw new CardCtlException("No wallet on this phone: run `cardctl create-wallet` first.", ExitCodes.Usage);
        }

        try
        {
            return KeyShare.Deserialize(Share);
        }
        catch (Exception bad) when (bad is ThresholdException or ArgumentException or IndexOutOfRangeException)
        {
            throw Damaged(path, "field Share is not a key share (corrupted)");
        }
    }

    public string Serialize()
    {
        var root = new JsonObject
        {
            ["Flash"] = Convert.ToBase64String(Flash),
            ["Efuse"] = Convert.ToBase64String(Efuse),
            ["PhoneKey"] = PhoneKey is null ? null : Convert.ToBase64String(PhoneKey),
            ["CardKey"] = CardKey is null ? null : Convert.ToBase64String(CardKey),
            ["Share"] = Share is null ? null : Convert.ToBase64String(Share),
        };
        return root.ToJsonString(Json);
    }

    private static byte[]? Field(JsonObject root, string name, string path)
    {
        if (!root.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            throw Damaged(path, $"field {name} is not a base64 string");
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Damaged(path, $"field {name} is not valid base64");
        }
    }

    private static byte[]? Sized(byte[]? field, int size, string name, string path) =>
        field is null || field.Length == size ? field : throw Damaged(path, $"field {name} is {field.Length} bytes, expected {size}");

    private static CardCtlException Damaged(string path, string what) =>
        new($"State file {path} is malformed: {what}. Restore it from a backup ({Path.GetFileNameWithoutExtension(path)}.backup-*.json) or provision a new card.", ExitCodes.StateDamage);
}
