using CardFirmware.Channel.Noise;
using CardFirmware.Host;

namespace CardFirmware.Card.Tests.EndToEnd;

internal static class TestCurve
{
    public static readonly IChannelCurve Instance = new BouncyCastleCurve();
}
