namespace CardFirmware.Crypto.Tests;

/// <summary>Functional checks of the constant-time helpers (their timing is reviewed, not measured).</summary>
public class ConstantTimeTests
{
    [Fact]
    public void AreEqual_DetectsDifferenceInEveryPosition()
    {
        var a = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var b = (byte[])a.Clone();
        Assert.True(ConstantTime.AreEqual(a, 0, b, 0, a.Length));
        for (var i = 0; i < a.Length; i++)
        {
            b[i] ^= 0x80;
            Assert.False(ConstantTime.AreEqual(a, 0, b, 0, a.Length));
            b[i] ^= 0x80;
        }

        Assert.True(ConstantTime.AreEqual(a, 5, b, 5, 0));
    }

    [Fact]
    public void Masks_AreAllOnesOrZero()
    {
        Assert.Equal(0xFFFFFFFFu, ConstantTime.IsZeroMask(0));
        Assert.Equal(0u, ConstantTime.IsZeroMask(1));
        Assert.Equal(0u, ConstantTime.IsZeroMask(0x80000000));
        Assert.Equal(0xFFFFFFFFu, ConstantTime.EqualMask(7, 7));
        Assert.Equal(0u, ConstantTime.EqualMask(7, 8));
        Assert.Equal(0xFFFFFFFFu, ConstantTime.LessThanMask(0, uint.MaxValue));
        Assert.Equal(0u, ConstantTime.LessThanMask(uint.MaxValue, 0));
        Assert.Equal(0u, ConstantTime.LessThanMask(5, 5));
        Assert.Equal(0xFFFFFFFFu, ConstantTime.MaskFromBit(3));
        Assert.Equal(0u, ConstantTime.MaskFromBit(2));
        Assert.Equal(11u, ConstantTime.Select(0xFFFFFFFF, 11, 22));
        Assert.Equal(22u, ConstantTime.Select(0, 11, 22));
    }

    [Fact]
    public void ConditionalCopyAndSwap_FollowTheMask()
    {
        var source = new byte[] { 1, 2, 3 };
        var destination = new byte[] { 9, 9, 9 };
        ConstantTime.ConditionalCopy(0, source, 0, destination, 0, 3);
        Assert.Equal(new byte[] { 9, 9, 9 }, destination);
        ConstantTime.ConditionalCopy(0xFFFFFFFF, source, 0, destination, 0, 3);
        Assert.Equal(source, destination);

        var a = new uint[] { 1, 2 };
        var b = new uint[] { 3, 4 };
        ConstantTime.ConditionalSwap(0, a, b, 2);
        Assert.Equal(new uint[] { 1, 2 }, a);
        ConstantTime.ConditionalSwap(0xFFFFFFFF, a, b, 2);
        Assert.Equal(new uint[] { 3, 4 }, a);
        Assert.Equal(new uint[] { 1, 2 }, b);
    }
}
