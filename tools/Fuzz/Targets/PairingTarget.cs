extern alias pairing;

using System.Text;
using pairing::CardFirmware.Host;
using CardFirmware.Fuzz.Rigs;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The pairing code the phone scans from the card's sleeve (<see cref="PairingQr.Parse"/>, used by
/// cardctl). Input: the scanned text as UTF-8 (invalid sequences become U+FFFD, as a scanner's text
/// would). Its typed refusal is <see cref="FormatException"/>, its documented contract; an accepted
/// code must be a 33-byte compressed encoding whose round trip gives the same payload.
/// </summary>
internal sealed class PairingTarget : FuzzTarget
{
    public override string Name => "pairing";

    public override string Description => "PairingQr.Parse: the sleeve's QR payload cardfw:2:<66 hex>:<8 hex checksum>";

    public override void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        byte[] key;
        try
        {
            key = PairingQr.Parse(text);
        }
        catch (FormatException)
        {
            return;
        }

        if (key.Length != 33 || (key[0] != 0x02 && key[0] != 0x03))
        {
            throw new FuzzFinding("An accepted pairing code holds " + key.Length + " bytes starting " + key[0] + ".");
        }

        if (!string.Equals(PairingQr.Payload(key), text.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new FuzzFinding("An accepted pairing code does not round-trip to its payload.");
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        var payload = PairingQr.Payload(Fixtures.PublicKey(Fixtures.CardStaticKey));
        yield return ("valid", Encoding.UTF8.GetBytes(payload));
        yield return ("valid-spaces", Encoding.UTF8.GetBytes("  " + payload.ToUpperInvariant() + "\n"));
        yield return ("prefix-only", Encoding.UTF8.GetBytes("cardfw:2:"));
        yield return ("version-1", Encoding.UTF8.GetBytes("cardfw:1:" + payload.Split(':')[2]));
    }
}
