using System.Numerics;
using static CardFirmware.Crypto.Secp256k1.Tests.TestUtil;

namespace CardFirmware.Crypto.Secp256k1.Tests;

/// <summary>The GLV split k = k1 + k2 lambda used by verification: exact and short on random and edge scalars.</summary>
public class EndomorphismTests
{
    private static readonly BigInteger Lambda = BigInteger.Parse("05363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72", System.Globalization.NumberStyles.HexNumber);

    [Fact]
    public void Split_RecombinesToTheScalar_WithHalvesBelow2To129()
    {
        var random = new Random(42);
        var out32 = new byte[32];
        for (var i = 0; i < 3000; i++)
        {
            var bytes = RandomEdge32(random);
            var k = Scalar.Create();
            Scalar.FromBytes(k, bytes, 0);
            var k1 = Scalar.Create();
            var k2 = Scalar.Create();
            Endomorphism.SplitVartime(k, k1, k2, out var negative1, out var negative2);
            Scalar.ToBytes(k1, out32, 0);
            var v1 = FromBytes(out32);
            Scalar.ToBytes(k2, out32, 0);
            var v2 = FromBytes(out32);
            Assert.True(v1 < BigInteger.One << 129 && v2 < BigInteger.One << 129);
            var sum = (negative1 ? -v1 : v1) + ((negative2 ? -v2 : v2) * Lambda);
            Assert.Equal(FromBytes(bytes) % N, Mod(sum, N));
        }
    }
}
