using CardFirmware.HalSim.Flash;

namespace CardFirmware.HalSim.Tests.Flash;

public sealed class SimFlashTests
{
    [Fact]
    public void NewFlash_IsErased()
    {
        var flash = new SimFlash(256, 4);
        Assert.All(flash.Snapshot(), b => Assert.Equal(0xFF, b));
        Assert.Equal(1024, flash.Size);
    }

    [Fact]
    public void Write_AndsIntoCells_AndCannotSetBits()
    {
        var flash = new SimFlash(256, 4);
        flash.Write(10, [0b1100_1100], 0, 1);
        flash.Write(10, [0b1010_1010], 0, 1);
        var read = new byte[1];
        flash.Read(10, read, 0, 1);
        Assert.Equal(0b1000_1000, read[0]);
    }

    [Fact]
    public void ErasePage_SetsOnlyThatPageToFF_AndCountsWear()
    {
        var flash = new SimFlash(256, 4);
        var zeros = new byte[1024];
        flash.Write(0, zeros, 0, zeros.Length);
        flash.ErasePage(2);
        flash.ErasePage(2);
        var image = flash.Snapshot();
        Assert.All(image[512..768], b => Assert.Equal(0xFF, b));
        Assert.All(image[..512], b => Assert.Equal(0x00, b));
        Assert.All(image[768..], b => Assert.Equal(0x00, b));
        Assert.Equal(2, flash.EraseCount(2));
        Assert.Equal(0, flash.EraseCount(1));
        Assert.Equal(2, flash.Erases);
        Assert.Equal(2, flash.MaxEraseCount);
        Assert.Equal(1024, flash.BytesWritten);
    }

    [Fact]
    public void Write_OutsideTheFlash_Throws()
    {
        var flash = new SimFlash(256, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.Write(1020, new byte[8], 0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => flash.ErasePage(4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(11)]
    public void ArmedCut_ProgramsExactlyTheBytesBeforeIt_ThenThrows(int cutAfter)
    {
        var flash = new SimFlash(256, 4);
        flash.Write(0, [0x11, 0x22], 0, 2); // before arming: not counted
        flash.ArmCutAfterBytes(cutAfter);
        var data = Enumerable.Range(0, 12).Select(i => (byte)i).ToArray();
        Assert.Throws<PowerLossException>(() => flash.Write(100, data, 0, data.Length));
        var read = new byte[12];
        flash.Read(100, read, 0, 12);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(i < cutAfter ? (byte)i : (byte)0xFF, read[i]);
        }

        Assert.True(flash.IsPoweredOff);
    }

    [Fact]
    public void ArmedCut_CountsBytesAcrossWrites()
    {
        var flash = new SimFlash(256, 4);
        flash.ArmCutAfterBytes(6);
        flash.Write(0, new byte[4], 0, 4);
        Assert.Throws<PowerLossException>(() => flash.Write(4, new byte[4], 0, 4));
        var read = new byte[8];
        flash.Read(0, read, 0, 8);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xFF, 0xFF }, read);
    }

    [Fact]
    public void PartialByteAtCut_ClearsAStrictSubsetOfTheBitsToClear()
    {
        var sawSomeBitsCleared = false;
        for (var seed = 1; seed <= 64; seed++)
        {
            var flash = new SimFlash(256, 4, seed);
            flash.ArmCutAfterBytes(1, partialByteAtCut: true);
            Assert.Throws<PowerLossException>(() => flash.Write(0, [0x00, 0x00, 0x00], 0, 3));
            var read = new byte[3];
            flash.Read(0, read, 0, 3);
            Assert.Equal(0x00, read[0]);
            Assert.NotEqual(0x00, read[1]); // never complete
            Assert.Equal(0xFF, read[2]);
            sawSomeBitsCleared |= read[1] != 0xFF;
        }

        Assert.True(sawSomeBitsCleared);
    }

    [Fact]
    public void AfterCut_WritesAndErasesFailUntilPowerOn()
    {
        var flash = new SimFlash(256, 4);
        flash.ArmCutAfterBytes(0);
        Assert.Throws<PowerLossException>(() => flash.Write(0, [0], 0, 1));
        Assert.Throws<PowerLossException>(() => flash.Write(8, [0], 0, 1));
        Assert.Throws<PowerLossException>(() => flash.ErasePage(0));
        var read = new byte[1];
        flash.Read(0, read, 0, 1); // reads still work: tests inspect the wreck
        Assert.Equal(0xFF, read[0]);
        flash.PowerOn();
        flash.Write(0, [0x42], 0, 1);
        flash.Read(0, read, 0, 1);
        Assert.Equal(0x42, read[0]);
        Assert.Equal(1, flash.PowerCuts);
    }

    [Theory]
    [InlineData(EraseCutEffect.NotStarted)]
    [InlineData(EraseCutEffect.Partial)]
    [InlineData(EraseCutEffect.Completed)]
    public void CutAtErase_LeavesThePageAsTheEffectSays(EraseCutEffect effect)
    {
        var flash = new SimFlash(256, 4);
        flash.Write(0, new byte[512], 0, 512);
        flash.ArmCutAtErase(1, effect);
        flash.ErasePage(0);
        Assert.Throws<PowerLossException>(() => flash.ErasePage(1));
        var page = flash.Snapshot()[256..512];
        switch (effect)
        {
            case EraseCutEffect.NotStarted:
                Assert.All(page, b => Assert.Equal(0, b));
                Assert.Equal(0, flash.EraseCount(1));
                break;
            case EraseCutEffect.Completed:
                Assert.All(page, b => Assert.Equal(0xFF, b));
                Assert.Equal(1, flash.EraseCount(1));
                break;
            default:
                Assert.Contains(page, b => b != 0 && b != 0xFF);
                Assert.Equal(1, flash.EraseCount(1));
                break;
        }
    }

    [Fact]
    public void Clone_IsIndependent_AndKeepsContentsAndWear()
    {
        var flash = new SimFlash(256, 4);
        flash.Write(0, [1, 2, 3], 0, 3);
        flash.ErasePage(3);
        var copy = flash.Clone();
        copy.Write(0, [0], 0, 1);
        Assert.Equal(1, flash.Snapshot()[0]);
        Assert.Equal(0, copy.Snapshot()[0]);
        Assert.Equal(1, copy.EraseCount(3));
        var image = flash.Snapshot();
        copy.Restore(image);
        Assert.Equal(image, copy.Snapshot());
    }

    [Fact]
    public void TornWrite_ProgramsOnlyBitsOfThatWrite_AnywhereInIt()
    {
        var flash = new SimFlash(256, 4, seed: 5);
        flash.ArmTornWrite(1);
        flash.Write(0, [0x00], 0, 1);
        var zeros = new byte[64];
        Assert.Throws<PowerLossException>(() => flash.Write(16, zeros, 0, zeros.Length));
        var image = flash.Snapshot();
        Assert.Equal(0x00, image[0]);
        Assert.All(image[1..16], b => Assert.Equal(0xFF, b));
        Assert.All(image[80..], b => Assert.Equal(0xFF, b));
        var torn = image[16..80];
        Assert.Contains(torn, b => b != 0x00); // not complete
        Assert.Contains(torn[32..], b => b != 0xFF); // not a prefix: bits programmed late in the write too
        Assert.True(flash.IsPoweredOff);
    }
}
