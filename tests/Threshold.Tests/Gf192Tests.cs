using System.Numerics;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

public class Gf192Tests
{
    private static readonly BigInteger Modulus = (BigInteger.One << 192) | 0x87;

    private static BigInteger ClMul(BigInteger a, BigInteger b)
    {
        BigInteger r = 0;
        for (int i = 0; i < 192; i++)
        {
            if (((b >> i) & 1) == 1)
            {
                r ^= a << i;
            }
        }

        for (int i = 383; i >= 192; i--)
        {
            if (((r >> i) & 1) == 1)
            {
                r ^= Modulus << (i - 192);
            }
        }

        return r;
    }

    private static BigInteger ToBig(ulong[] e) => new BigInteger(e[0]) | (new BigInteger(e[1]) << 64) | (new BigInteger(e[2]) << 128);

    [Fact]
    public void WindowedAndBranchFreeProducts_MatchReference()
    {
        var rnd = new Random(5);
        for (int t = 0; t < 50; t++)
        {
            var a = new ulong[] { (ulong)rnd.NextInt64(), (ulong)rnd.NextInt64() | 1UL << 63, (ulong)rnd.NextInt64() | 1UL << 63 };
            var b = new ulong[] { (ulong)rnd.NextInt64(), (ulong)rnd.NextInt64(), (ulong)rnd.NextInt64() | 1UL << 63 };
            var expected = ClMul(ToBig(a), ToBig(b));

            var acc = new ulong[6];
            Gf192.MulAccumulatePublic(a, b, acc, new ulong[64], new ulong[6]);
            var r = new ulong[3];
            Gf192.Reduce(acc, r);
            Assert.Equal(expected, ToBig(r));

            var acc2 = new ulong[6];
            Gf192.MulSecret(a, b, acc2);
            Gf192.Reduce(acc2, r);
            Assert.Equal(expected, ToBig(r));
        }
    }
}
