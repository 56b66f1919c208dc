using CardFirmware.Drivers.Fpc1020;
using CardFirmware.HalSim.Fpc1020;
using CardFirmware.HalSim.Images;

namespace CardFirmware.Drivers.Tests.Fpc1020;

public class AdcCalibrationTests
{
    // A finger image with its ridges a quarter as deep as the synthetic optical finger's, around a valley level near white.
    private static byte[] FaintFinger()
    {
        var image = SensorRig.FingerImage();
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (byte)(255 - (255 - image[i]) / 4);
        }

        return image;
    }

    private static int Spread(byte[] frame)
    {
        var sorted = frame.Order().ToArray();
        var tail = frame.Length * AdcCalibration.TailPercent / 100;
        return sorted[frame.Length - 1 - tail] - sorted[tail];
    }

    [Fact]
    public void CaptureImage_FaintFinger_RecapturesWithMoreGainAndAnOffset()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var finger = FaintFinger();
        var captures = rig.Emulator.Captures;

        var frame = rig.PlaceAndCapture(finger);

        Assert.True(Spread(finger) < AdcCalibration.MinSpread);
        Assert.True(rig.Sensor.LastCaptureRecalibrated);
        Assert.Equal(captures + 2, rig.Emulator.Captures);
        Assert.InRange(rig.Sensor.LastGain, 3, AdcCalibration.MaxGain);
        Assert.True(Spread(frame) >= AdcCalibration.MinSpread, $"spread {Spread(frame)} after the recapture");
        // The recapture's setting is the emulator's transfer of the same finger, not a software stretch.
        var transfer = new AdcTransfer(rig.Sensor.LastShift, rig.Sensor.LastGain, AdcTransfer.RecipeA34);
        Assert.Equal(finger.Select(transfer.Apply).ToArray(), frame);
        // Finger detection runs at the recipe's detect setting again (§6.3 steps 8-9).
        Assert.Equal(new byte[] { 0x0A, 0x02 }, rig.Emulator.RegisterBytes(0xA0));
        Assert.Equal(0, rig.Emulator.ProtocolViolations);
    }

    [Fact]
    public void CaptureImage_WellSpreadFinger_KeepsTheRecipeAndTheFrame()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var finger = SensorRig.FingerImage();
        var captures = rig.Emulator.Captures;

        var frame = rig.PlaceAndCapture(finger);

        Assert.False(rig.Sensor.LastCaptureRecalibrated);
        Assert.Equal(captures + 1, rig.Emulator.Captures);
        Assert.Equal(finger, frame);
    }

    [Fact]
    public void CaptureImage_CapacitiveSyntheticTouches_AreSpreadAfterTheDriversGain()
    {
        var rig = new SensorRig();
        rig.Sensor.Initialize();
        var recalibrated = 0;
        var spread = 0;
        for (var touch = 0; touch < 6; touch++)
        {
            var finger = new byte[SensorFrame.Size];
            SyntheticFingerprint.Render(3, touch, finger, PlacementOptions.Fixed, SyntheticSensor.Capacitive);
            rig.Emulator.LiftFinger();
            var frame = rig.PlaceAndCapture(finger);
            recalibrated += rig.Sensor.LastCaptureRecalibrated ? 1 : 0;
            spread += Spread(frame) >= AdcCalibration.MinSpread ? 1 : 0;
        }

        Assert.True(recalibrated >= 4, $"{recalibrated} of 6 capacitive touches recaptured");
        Assert.True(spread >= 5, $"{spread} of 6 capacitive frames spread at least {AdcCalibration.MinSpread} levels");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    [InlineData(200)]
    [InlineData(255)]
    public void AdcTransfer_AtTheRecipe_IsTheIdentity(int level)
    {
        Assert.Equal((byte)level, new AdcTransfer(10, 2, AdcTransfer.RecipeA34).Apply((byte)level));
        Assert.Equal((byte)level, new AdcTransfer(1, 0, AdcTransfer.RecipeA12).Apply((byte)level));
    }

    [Fact]
    public void AdcTransfer_MoreGainDeepensRidges_MoreShiftBrightensThem()
    {
        var recipe = AdcTransfer.RecipeA34;
        Assert.True(new AdcTransfer(10, 8, recipe).Apply(200) < 200);
        Assert.True(new AdcTransfer(16, 2, recipe).Apply(200) > 200);
        Assert.Equal(255, new AdcTransfer(10, 15, recipe).Apply(255));
    }
}
