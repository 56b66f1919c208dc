using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto.Native;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Card.Tests.EndToEnd;

namespace CardFirmware.Card.Tests.Finger;

/// <summary>
/// On the native backend the card's sensor frame lives in the native module (the simulated card runs on
/// the test's thread, so the test sees the frame the card used). Before each touch the frame is filled
/// with a marker; after the touch, whatever its outcome, every byte must be zero again.
/// </summary>
public class ResidentFrameWipeTests
{
    private const int Side = 192;

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void ResidentFrame_IsZeroAfterEveryTouch_ReproducedNotRecognizedSensorFaultAndNoFinger()
    {
        var module = ArithmeticBackends.ImageKernels(ArithmeticBackends.Native);
        Skip.If(module is null, "native backend unavailable; native card cases skipped.");
        var rig = new FingerRig(CardBackends.Config(ArithmeticBackends.Native, FingerRig.FastConfig()));
        rig.Enroll();
        rig.CreateWallet();

        Mark(module!);
        rig.Sign(SHA256.HashData("owner"u8));
        Assert.Equal(1, module!.FingerFrameIsClear());

        rig.Touching(FingerRig.Stranger);
        Mark(module);
        var stranger = Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData("stranger"u8)));
        Assert.Equal(WireStatus.FingerNotRecognized, stranger.Status);
        Assert.Equal(1, module.FingerFrameIsClear());

        rig.Touching(FingerRig.Owner);
        rig.Card.Sensor.Faults.TruncateNextCaptureTo = 20000;
        Mark(module);
        var fault = Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData("fault"u8)));
        Assert.Equal(WireStatus.SensorFault, fault.Status);
        Assert.Equal(1, module.FingerFrameIsClear());

        rig.Touching(null);
        Mark(module);
        var none = Assert.Throws<CardRefusedException>(() => rig.Sign(SHA256.HashData("none"u8)));
        Assert.Equal(WireStatus.NoFinger, none.Status);
        Assert.Equal(1, module.FingerFrameIsClear());
    }

    // Every row of the resident frame set to a non-zero marker.
    private static void Mark(INativeModule module)
    {
        var rows = Enumerable.Repeat((byte)0xA5, 8 * Side).ToArray();
        for (var row = 0; row < Side; row += 8)
        {
            Assert.Equal(0, module.FingerFrameWrite(rows, row, 8));
        }

        Assert.Equal(0, module.FingerFrameIsClear());
    }
}
