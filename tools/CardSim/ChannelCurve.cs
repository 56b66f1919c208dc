using CardFirmware.Channel.Noise;
using CardFirmware.Host;

namespace CardFirmware.CardSim;

internal static class ChannelCurve
{
    public static IChannelCurve Create() => new BouncyCastleCurve();
}
