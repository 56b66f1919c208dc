using CardFirmware.Channel.Noise;
using CardFirmware.Fuzz.Rigs;
using CardFirmware.HalSim.Entropy;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The Noise XK handshake and transport as the card (responder) receives them. Input: chunks; the
/// first is act one, the second act three, every further one a transport message. The card's
/// ephemeral key comes from a seeded stream, so an honest phone's recorded act three stays valid.
/// Invariants: a refused act leaves the responder Failed (no transport), a refused transport message
/// closes the transport, and a decrypted plaintext is exactly the message less its 34 bytes.
/// </summary>
internal sealed class NoiseTarget : FuzzTarget
{
    public override string Name => "noise";

    public override string Description => "NoiseResponder act 1 / act 3 and NoiseTransport.Decrypt (BOLT #8, card side)";

    public override void Run(byte[] input)
    {
        var chunks = Chunks.Split(input, 0);
        if (chunks.Count == 0)
        {
            return;
        }

        using var responder = new NoiseResponder(Fixtures.CardStaticKey, Fixtures.Prologue(), Fixtures.Curve,
            SimEntropy.Seeded(Fixtures.CardSeed));
        var actTwo = new byte[NoiseConstants.ActTwoSize];
        NoiseTransport transport;
        try
        {
            responder.ReadActOne(chunks[0], 0, chunks[0].Length, actTwo, 0);
            if (chunks.Count < 2)
            {
                return;
            }

            transport = responder.ReadActThree(chunks[1], 0, chunks[1].Length);
        }
        catch (ChannelException)
        {
            if (responder.Stage != HandshakeStage.Failed)
            {
                throw new FuzzFinding("A refused act left the responder in stage " + responder.Stage + ".");
            }

            return;
        }

        using (transport)
        {
            if (!transport.RemoteStaticKey().AsSpan().SequenceEqual(Fixtures.PublicKey(Fixtures.PhoneStaticKey)))
            {
                throw new FuzzFinding("The handshake completed with a static key the honest phone does not hold.");
            }

            for (var m = 2; m < chunks.Count; m++)
            {
                var message = chunks[m];
                var plaintext = new byte[Math.Max(0, message.Length - NoiseConstants.TransportOverhead)];
                try
                {
                    var length = transport.Decrypt(message, 0, message.Length, plaintext, 0);
                    if (length != message.Length - NoiseConstants.TransportOverhead)
                    {
                        throw new FuzzFinding("A transport message of " + message.Length + " bytes decrypted to " + length + ".");
                    }
                }
                catch (ChannelException)
                {
                    if (!transport.IsClosed)
                    {
                        throw new FuzzFinding("A refused transport message left the transport open.");
                    }

                    return;
                }
            }
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        var (actOne, actThree, transport) = HonestHandshake();
        using (transport)
        {
            yield return ("act1", Chunks.Join([], [actOne]));
            yield return ("act1-act3", Chunks.Join([], [actOne, actThree]));
            var messages = new List<byte[]> { actOne, actThree };
            foreach (var plaintext in new[] { new byte[] { 1, 2, 0, 1, 9, 9 }, [], new byte[300] })
            {
                var output = new byte[plaintext.Length + NoiseConstants.TransportOverhead];
                transport.Encrypt(plaintext, 0, plaintext.Length, output, 0);
                messages.Add(output);
            }

            yield return ("act1-act3-transport", Chunks.Join([], messages));
        }
    }

    /// <summary>The honest phone's acts against the target's card (the same seeded ephemeral key).</summary>
    public static (byte[] ActOne, byte[] ActThree, NoiseTransport PhoneTransport) HonestHandshake()
    {
        using var initiator = new NoiseInitiator(Fixtures.PhoneStaticKey, Fixtures.PublicKey(Fixtures.CardStaticKey),
            Fixtures.Prologue(), Fixtures.Curve, SimEntropy.Seeded(Fixtures.PhoneSeed));
        using var responder = new NoiseResponder(Fixtures.CardStaticKey, Fixtures.Prologue(), Fixtures.Curve,
            SimEntropy.Seeded(Fixtures.CardSeed));
        var actOne = new byte[NoiseConstants.ActOneSize];
        initiator.WriteActOne(actOne, 0);
        var actTwo = new byte[NoiseConstants.ActTwoSize];
        responder.ReadActOne(actOne, 0, actOne.Length, actTwo, 0);
        var actThree = new byte[NoiseConstants.ActThreeSize];
        var transport = initiator.ReadActTwo(actTwo, 0, actTwo.Length, actThree, 0);
        return (actOne, actThree, transport);
    }
}
