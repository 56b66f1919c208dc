using System.Security.Cryptography;
using CardFirmware.Card;
using CardFirmware.Card.Protocol;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Images;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

// CardFirmware.HeapScanTarget <enroll|sign|abort|disconnect> <flash-image-out> <canary-hex>
// Runs the scenario, lets the card end its session, saves the flash, prints
// "READY <touches> <garbage collections> <bytes allocated>" and
// blocks on standard input while the test attaches and scans this process's managed heap, dead
// objects and free space included: no garbage collection is forced, so what the card dropped
// without wiping is still there, as on nanoCLR, which does not zero freed memory. The canary stays
// alive on purpose: the test must find it, or its scan proves nothing.
const int Owner = 5;
var scenario = args[0];
var canary = Convert.FromHexString(args[2]);
var board = new SimBoard();
var card = new SimulatedCard(board, new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance),
    new CardConfig { TouchTimeoutMilliseconds = 5000 });
card.User.Finger = new SyntheticImageSource(Owner);
var phoneKey = RandomNumberGenerator.GetBytes(32);
var cardKey = card.Firmware.IdentityPublicKey();

Session(client => client.Enroll());
if (scenario != "enroll")
{
    CardFirmware.Crypto.Threshold.KeyShare? share = null;
    Session(client =>
    {
        var wallet = new PhoneWallet(client);
        wallet.Create();
        share = wallet.Share;
    });

    var hash = SHA256.HashData("heap scan"u8);
    switch (scenario)
    {
        case "sign":
            Session(client => new PhoneWallet(client, share).Sign(hash, []));
            break;
        case "abort":
            // Round 1 makes the card take a touch and unwrap its share; a garbage round 2 aborts the run.
            Session(client =>
            {
                client.Exchange(CommandCode.Sign, SignRoundOne(hash));
                try
                {
                    client.Exchange(CommandCode.Sign, [2, .. RandomNumberGenerator.GetBytes(200)]);
                    throw new InvalidOperationException("the card accepted a garbage round");
                }
                catch (CardRefusedException)
                {
                }
            });
            break;
        case "disconnect":
            // The phone vanishes after round 1, with the card holding an unfinished signing run.
            Session(client => client.Exchange(CommandCode.Sign, SignRoundOne(hash)));
            break;
        default:
            throw new ArgumentException($"unknown scenario {scenario}");
    }
}

File.WriteAllBytes(args[1], board.Flash.Snapshot());
Console.WriteLine($"READY {card.User.Touches} {GC.CollectionCount(0)} {GC.GetTotalAllocatedBytes()}");
Console.ReadLine();
GC.KeepAlive(canary);
return 0;

void Session(Action<CardClient> work)
{
    var wiped = card.Firmware.SessionsWiped;
    card.PhoneSession(phoneKey, cardKey, client =>
    {
        work(client);
        return 0;
    });

    // The scan must see the card after its session ended (secrets are allowed while it runs).
    for (var i = 0; i < 100 && card.Firmware.SessionsWiped == wiped; i++)
    {
        board.Clock.AdvanceTo(board.Clock.UptimeMilliseconds + 100);
    }

    if (card.Firmware.SessionsWiped == wiped)
    {
        throw new InvalidOperationException("the card never ended the session");
    }
}

static byte[] SignRoundOne(byte[] hash)
{
    var body = new byte[1 + 32 + 32 + 1];
    body[0] = 1;
    RandomNumberGenerator.Fill(body.AsSpan(1, 32));
    hash.CopyTo(body, 33);
    return body;
}
