using CardFirmware.Channel.Noise;
using CardFirmware.Crypto.Secp256k1;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>The card runs its own managed secp256k1; the phone side (tools/Host) uses BouncyCastle, so every session is a cross-check.</summary>
internal static class TestCurve
{
    /// <summary>
    /// A curve for one card. Never shared: <see cref="Secp256k1ChannelCurve"/> copies the peer's point
    /// into a scratch buffer of its own, and test classes run in parallel, so one instance used by two
    /// cards let a handshake multiply by the other card's peer point (the once-failing power-cut sweep).
    /// </summary>
    public static IChannelCurve Create() => new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
}
