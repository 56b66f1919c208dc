using System.Buffers.Binary;
using System.Security.Cryptography;
using CardFirmware.HalSim.Entropy;

namespace CardFirmware.HalSim.Tests.Board;

public sealed class SimEntropyTests
{
    [Fact]
    public void Seeded_IsTheSha256CounterStream()
    {
        var input = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(input, 5);
        var block0 = SHA256.HashData(input);
        BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(8), 1);
        var block1 = SHA256.HashData(input);

        var bytes = new byte[64];
        SimEntropy.Seeded(5).GetBytes(bytes, 0, 64);
        Assert.Equal(block0.Concat(block1), bytes);
    }

    [Fact]
    public void Seeded_GivesTheSameBytesHoweverTheyAreRequested()
    {
        var whole = new byte[100];
        SimEntropy.Seeded(9).GetBytes(whole, 0, 100);
        var pieces = new byte[110];
        var source = SimEntropy.Seeded(9);
        source.GetBytes(pieces, 10, 1);
        source.GetBytes(pieces, 11, 40);
        source.GetBytes(pieces, 51, 59);
        Assert.Equal(whole, pieces[10..]);
        Assert.Equal(100, source.BytesProvided);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStreams_AndTheOsModeIsNotConstant()
    {
        var a = new byte[32];
        var b = new byte[32];
        SimEntropy.Seeded(1).GetBytes(a, 0, 32);
        SimEntropy.Seeded(2).GetBytes(b, 0, 32);
        Assert.NotEqual(a, b);

        var os = SimEntropy.OperatingSystem();
        os.GetBytes(a, 0, 32);
        os.GetBytes(b, 0, 32);
        Assert.True(os.IsOperatingSystem);
        Assert.NotEqual(a, b);
    }
}
