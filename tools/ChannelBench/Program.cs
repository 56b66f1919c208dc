using System.Globalization;
using CardFirmware.Channel.Noise;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

// Channel benchmark on the simulated BLE link (virtual time). For every link profile and ATT MTU:
// - handshake: virtual ms from the phone's act one to the card's verified act three;
// - goodput: application bytes per second of a stream of large messages phone -> card, divided by
//   the link's raw throughput for full-size ATT values in that direction (LinkProfile.ThroughputBytesPerSecond).
// Usage: dotnet run --project tools/ChannelBench -c Release [-- totalKiB [maxMessageBytes]]
var totalBytes = (args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128) * 1024;
var maxMessage = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4096;
var profiles = new (string Name, LinkProfile Profile)[]
{
    ("Esp32ToPhone", LinkProfile.Esp32ToPhone), ("Conservative", LinkProfile.Conservative), ("Fast", LinkProfile.Fast),
};
var cardKey = Convert.FromHexString("2121212121212121212121212121212121212121212121212121212121212121");
var phoneKey = Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111");
var prologue = Ascii.Bytes(NoiseConstants.ProductPrologue);
var cardCurve = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
var cardPublic = new byte[33];
cardCurve.PublicKey(cardKey, cardPublic);

Console.WriteLine($"message plaintext {maxMessage - NoiseConstants.TransportOverhead} B (framed {maxMessage} B), {totalBytes / 1024} KiB per run, phone -> card");
Console.WriteLine("profile       | MTU | handshake ms | goodput B/s | raw B/s  | ratio");
Console.WriteLine("--------------|-----|--------------|-------------|----------|------");
foreach (var (name, profile) in profiles)
{
    foreach (var mtu in new[] { 23, 185, 247, 517 })
    {
        var link = new SimBleLink(new VirtualClock(), profile);
        using var card = new SimulatedChannelCard(link, cardKey, prologue, cardCurve, new HostRandom(), _ => null, maxMessage);
        if (!link.Phone.ConnectAndWait(mtu))
        {
            throw new InvalidOperationException("connect failed");
        }

        using var phone = new PhoneChannel(new SimCardLink(link), phoneKey, cardPublic, prologue, maxMessage, 600_000);
        var start = link.Clock.UptimeMilliseconds;
        phone.Handshake();
        link.Clock.RunUntil(start + 60_000, () => card.LastRemoteStaticKey is not null);
        var handshakeMs = card.HandshakeCompletedAt - start;

        var message = new byte[phone.MaxPlaintextSize];
        Random.Shared.NextBytes(message);
        var count = Math.Max(1, totalBytes / message.Length);
        var streamStart = link.Clock.UptimeMilliseconds;
        for (var i = 0; i < count; i++)
        {
            phone.Send(message);
        }

        link.Clock.RunUntil(streamStart + 3_600_000, () => card.Received.Count == count);
        if (card.Received.Count != count)
        {
            throw new InvalidOperationException("stream did not complete");
        }

        var seconds = (link.Clock.UptimeMilliseconds - streamStart) / 1000.0;
        var goodput = count * (double)message.Length / seconds;
        var raw = profile.ThroughputBytesPerSecond(mtu - 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-13} | {mtu,3} | {handshakeMs,12} | {goodput,11:F0} | {raw,8:F0} | {goodput / raw:F3}"));
    }
}

// The card's cost of one handshake (responder side only), in backend operations: the simulator's
// virtual time does not charge computation, so this is what an ESP32 estimate multiplies.
{
    var phoneCurve = new BouncyCastleCurve();
    using var initiator = new NoiseInitiator(phoneKey, cardPublic, prologue, phoneCurve, new HostRandom());
    var actOne = new byte[NoiseConstants.ActOneSize];
    initiator.WriteActOne(actOne, 0);
    CryptoCounters.Enabled = true;
    CryptoCounters.Reset();
    var responder = new NoiseResponder(cardKey, prologue, cardCurve, new HostRandom());
    var actTwo = new byte[NoiseConstants.ActTwoSize];
    responder.ReadActOne(actOne, 0, actOne.Length, actTwo, 0);
    CryptoCounters.Enabled = false;
    var actThree = new byte[NoiseConstants.ActThreeSize];
    using var phoneTransport = initiator.ReadActTwo(actTwo, 0, actTwo.Length, actThree, 0);
    CryptoCounters.Enabled = true;
    using var cardTransport = responder.ReadActThree(actThree, 0, actThree.Length);
    CryptoCounters.Enabled = false;
    Console.WriteLine();
    Console.WriteLine("card cost of one handshake (responder, managed secp256k1 backend, including deriving its static public key):");
    Console.WriteLine($"  point multiplications {CryptoCounters.PointMultiplications}, field multiplications {CryptoCounters.FieldMultiplications}, " +
        $"field inversions {CryptoCounters.FieldInversions}, SHA-256 blocks {CryptoCounters.Sha256Compressions}, " +
        $"HMAC-SHA256 calls {CryptoCounters.HmacSha256Calls}, ChaCha20 blocks {CryptoCounters.ChaCha20Blocks}, Poly1305 blocks {CryptoCounters.Poly1305Blocks}");
}
