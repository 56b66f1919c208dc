using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.HalSim.Board;
using CardFirmware.Host.Attestation;
using CardFirmware.SimulatedCard;

// The factory's provisioning flow on a simulated card (firmware/Device/README.md "Provisioning" has
// the hardware steps that come before it on a real card: eFuse HMAC key, secure boot, flash
// encryption). Usage: factory provision [--seed N] [--cards K]
//   Each card: boot (the card derives its identity key from its eFuse HMAC key), certify the key
//   with a fresh factory intermediate under the development vendor root, install the chain over the
//   card's channel, check the card's answer to a fresh challenge as a phone would, unpair.
if (args.Length == 0 || args[0] != "provision")
{
    Console.Error.WriteLine("usage: factory provision [--seed N] [--cards K]");
    return 2;
}

ulong seed = 1;
var cards = 1;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seed" when ulong.TryParse(args[i + 1], out var s):
            seed = s;
            break;
        case "--cards" when int.TryParse(args[i + 1], out var k) && k > 0:
            cards = k;
            break;
        default:
            Console.Error.WriteLine("unknown or malformed option " + args[i]);
            return 2;
    }
}

var root = VendorKey.DevelopmentRoot();
var station = new FactoryStation(root, VendorKey.Generate());
Console.WriteLine("vendor root (pinned by phones and cards): " + Convert.ToHexString(root.PublicKey).ToLowerInvariant());
Console.WriteLine("intermediate certificate: " + Convert.ToHexString(station.IntermediateCertificate).ToLowerInvariant());
for (var n = 0; n < cards; n++)
{
    var board = new SimBoard(new SimBoardOptions { EntropySeed = seed + (ulong)n });
    var card = new SimulatedCard(board, new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance));
    var chain = station.Provision(card);
    var key = card.Firmware.IdentityPublicKey();
    Console.WriteLine("card " + (seed + (ulong)n) + ": identity " + Convert.ToHexString(key).ToLowerInvariant()
        + ", sleeve QR cardfw:1:" + Convert.ToHexString(key).ToLowerInvariant()
        + ", chain " + chain.Length + " bytes, attestation Genuine");
}

return 0;
