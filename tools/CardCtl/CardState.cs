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

    private CardState(string bridge)
    {
        Bridge = bridge;
    }

    /// <summary>The card's flash partition (SimFlash snapshot); null when the card is behind a bridge.</summary>
    public byte[]? Flash { get; set; }

    /// <summary>The card's eFuse (SimEfuse snapshot): never part of the flash image; null when the card is behind a bridge.</summary>
    public byte[]? Efuse { get; set; }

    /// <summary>
    /// host:port of the CardSim bridge the card lives behind (its memory is in that process), or null when the
    /// card is simulated in this process from <see cref="Flash"/> and <see cref="Efuse"/>.
    /// </summary>
    public string? Bridge { get; set; }

    /// <summary>A phone's state for a card behind the bridge at <paramref name="bridge"/> (host:port): no card memory here.</summary>
    public static CardState ForBridge(string bridge) => new(bridge);

    /// <summary>The phone's Noise static private key (32 bytes), once paired.</summary>
    public byte[]? PhoneKey { get; set; }

    /// <summary>The card's identity public key as learned from the pairing QR code (33 bytes), once paired.</summary>
    public byte[]? CardKey { get; set; }

    /// <summary>The phone's serialized DKLs23 key share (KeyShare.Serialize), once a wallet exists.</summary>
    public byte[]? Share { get; set; }

    /// <summary>A 2-of-3 wallet's id at the security provider (16 bytes), or null for a 2-of-2 wallet.</summary>
    public byte[]? WalletId { get; set; }

    /// <summary>The in-process provider's exported state (InProcessProvider.Export), for a 2-of-3 wallet with <c>--provider inproc</c>.</summary>
    public byte[]? Provider { get; set; }

    /// <summary>The provider service's address (http:// or https://) of a 2-of-3 wallet created with <c>--provider http...</c>.</summary>
    public string? ProviderAddress { get; set; }

    /// <summary>
    /// The phone's static private key at the provider service (32 bytes; its requests are signed with it and the service
    /// enrolled its public half), kept apart from <see cref="PhoneKey"/> because a card's recovery pairs a new card with
    /// another pairing key while the provider still knows this phone by this one.
    /// </summary>
    public byte[]? ProviderKey { get; set; }

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

        string? bridge = null;
        if (root.TryGetPropertyValue("Bridge", out var bridgeNode) && bridgeNode is not null)
        {
            if (bridgeNode is not JsonValue bridgeValue || !bridgeValue.TryGetValue(out bridge) || !BridgeAddress.TryParse(bridge, out _, out _))
            {
                throw Damaged(path, "field Bridge is not a host:port string");
            }

            if (root["Flash"] is not null || root["Efuse"] is not null)
            {
                throw Damaged(path, "field Bridge is set beside a card's Flash and Efuse (a card is either behind a bridge or in the file)");
            }
        }

        var state = bridge is null ? LocalCard(root, path) : new CardState(bridge);
        state.PhoneKey = Sized(Field(root, "PhoneKey", path), PhoneKeySize, "PhoneKey", path);
        state.CardKey = Sized(Field(root, "CardKey", path), CardKeySize, "CardKey", path);
        state.Share = Field(root, "Share", path);
        state.WalletId = Field(root, "WalletId", path);
        state.Provider = Field(root, "Provider", path);
        state.ProviderKey = Sized(Field(root, "ProviderKey", path), PhoneKeySize, "ProviderKey", path);
        if (root.TryGetPropertyValue("ProviderAddress", out var addressNode) && addressNode is not null)
        {
            if (addressNode is not JsonValue addressValue || !addressValue.TryGetValue(out string? address)
                || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                throw Damaged(path, "field ProviderAddress is not an http(s) address");
            }

            state.ProviderAddress = address;
        }

        if ((state.ProviderAddress is null) != (state.ProviderKey is null))
        {
            throw Damaged(path, "fields ProviderAddress and ProviderKey go together");
        }
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

    private static CardState LocalCard(JsonObject root, string path)
    {
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

        return new CardState(flash, efuse);
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
        var root = new JsonObject();
        if (Bridge is null)
        {
            root["Flash"] = Convert.ToBase64String(Flash!);
            root["Efuse"] = Convert.ToBase64String(Efuse!);
        }
        else
        {
            root["Bridge"] = Bridge;
        }

        foreach (var (name, value) in new[] { ("PhoneKey", PhoneKey), ("CardKey", CardKey), ("Share", Share), ("WalletId", WalletId), ("Provider", Provider), ("ProviderKey", ProviderKey) })
        {
            root[name] = value is null ? null : Convert.ToBase64String(value);
        }

        root["ProviderAddress"] = ProviderAddress;

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
