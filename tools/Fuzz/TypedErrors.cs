using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Channel.Framing;
using CardFirmware.Channel.Noise;
using CardFirmware.Biometrics;
using CardFirmware.Crypto;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Storage;

namespace CardFirmware.Fuzz;

/// <summary>
/// The project's own typed refusals: the card answering bad input as designed. Every other
/// exception type escaping a target is a finding.
/// </summary>
internal static class TypedErrors
{
    /// <summary>True for the card's typed refusals (exact types, not subclasses of Exception in general).</summary>
    public static bool IsTyped(Exception e) => e is CommandException or MessageException or FramingException or ChannelException
        or ThresholdException or StorageException or BiometricException or CryptoException;
}
