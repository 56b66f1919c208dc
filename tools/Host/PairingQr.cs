using QRCoder;

namespace CardFirmware.Host;

/// <summary>
/// The QR code printed on the card sleeve: the card's static identity key, which the phone needs
/// to open the Noise XK channel to exactly this card. Payload: <c>cardfw:2:&lt;66 hex digits&gt;:&lt;8 hex digits&gt;</c>,
/// the key (33 bytes, compressed) then a checksum, the first 4 bytes of SHA-256 over the text before the
/// last colon (lowercase), so a mistyped character is caught (a random change passes with probability 2^-32)
/// before the phone tries to pair with a key that is no card's. Case does not matter.
/// </summary>
public static class PairingQr
{
    public const int Version = 2;
    private const string Prefix = "cardfw:";

    public static string Payload(byte[] identityPublicKey)
    {
        var body = $"{Prefix}{Version}:{Convert.ToHexString(identityPublicKey).ToLowerInvariant()}";
        return $"{body}:{Checksum(body)}";
    }

    /// <summary>
    /// The card's identity key (33 bytes, compressed) from a scanned or typed payload; throws
    /// <see cref="FormatException"/> saying what is wrong (not a pairing code, another version, a typo).
    /// </summary>
    public static byte[] Parse(string payload)
    {
        var text = payload.Trim().ToLowerInvariant();
        var parts = text.Split(':');
        if (parts.Length < 2 || parts[0] + ":" != Prefix || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw new FormatException($"Not a card pairing code (expected cardfw:{Version}:<66 hex digits>:<8 hex digits>).");
        }

        if (version == 1)
        {
            throw new FormatException("This is a version 1 pairing code, which has no checksum and is no longer accepted: "
                + $"print the card's code again (`cardctl info` shows it as cardfw:{Version}:...).");
        }

        if (version != Version)
        {
            throw new FormatException($"This is a version {version} pairing code; this program reads version {Version}: update it.");
        }

        if (parts.Length != 4 || parts[2].Length != 66 || parts[3].Length != 8)
        {
            throw new FormatException($"The pairing code has the wrong length (expected cardfw:{Version}:<66 hex digits>:<8 hex digits>): a character is missing or extra.");
        }

        if (!IsHex(parts[2]) || !IsHex(parts[3]))
        {
            throw new FormatException("The pairing code holds a character that is not a hex digit (0-9, a-f): check it against the card's sleeve.");
        }

        if (Checksum(text[..text.LastIndexOf(':')]) != parts[3])
        {
            throw new FormatException("The pairing code has a typo: its checksum does not match its key. Check each character against the card's sleeve (or scan the QR code).");
        }

        var key = Convert.FromHexString(parts[2]);
        if (key[0] is not (0x02 or 0x03))
        {
            throw new FormatException("The pairing code does not hold a compressed public key.");
        }

        return key;
    }

    private static string Checksum(string body) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(body)), 0, 4).ToLowerInvariant();

    private static bool IsHex(string text) => text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Draws the code with half-block characters, two modules per text row.</summary>
    public static string Render(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var text = new System.Text.StringBuilder();
        for (var y = 0; y < size; y += 2)
        {
            text.Append("    ");
            for (var x = 0; x < size; x++)
            {
                var top = modules[y][x];
                var bottom = y + 1 < size && modules[y + 1][x];
                text.Append((top, bottom) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
