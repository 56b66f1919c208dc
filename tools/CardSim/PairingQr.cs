using QRCoder;

namespace CardFirmware.CardSim;

/// <summary>
/// The QR code printed on the card sleeve: the card's static identity key, which the phone needs
/// to open the Noise XK channel to exactly this card. Payload: <c>cardfw:1:&lt;66 hex digits&gt;</c>.
/// </summary>
internal static class PairingQr
{
    public static string Payload(byte[] identityPublicKey) =>
        "cardfw:1:" + Convert.ToHexString(identityPublicKey).ToLowerInvariant();

    /// <summary>The card's identity key (33 bytes, compressed) from a scanned payload; throws <see cref="FormatException"/> if it is not one.</summary>
    public static byte[] Parse(string payload)
    {
        const string prefix = "cardfw:1:";
        var text = payload.Trim();
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || text.Length != prefix.Length + 66)
        {
            throw new FormatException("Not a card pairing code (expected cardfw:1:<66 hex digits>).");
        }

        var key = Convert.FromHexString(text.AsSpan(prefix.Length));
        if (key[0] is not (0x02 or 0x03))
        {
            throw new FormatException("The pairing code does not hold a compressed public key.");
        }

        return key;
    }

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
