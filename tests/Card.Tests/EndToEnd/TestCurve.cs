using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>The card runs its own managed secp256k1; the phone side (tools/Host) uses BouncyCastle, so every session is a cross-check.</summary>
internal static class TestCurve
{
    public static readonly IChannelCurve Instance = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
}
