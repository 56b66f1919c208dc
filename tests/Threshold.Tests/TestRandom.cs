using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>Deterministic random source for reproducible tests: SHA-256(seed ‖ counter) blocks.</summary>
internal sealed class TestRandom : IRandomSource
{
    private readonly byte[] seed;
    private ulong counter;

    public TestRandom(int seed)
    {
        this.seed = BitConverter.GetBytes(seed);
    }

    public void Fill(byte[] buffer, int offset, int count)
    {
        int done = 0;
        while (done < count)
        {
            var input = new byte[12];
            seed.CopyTo(input, 0);
            BitConverter.GetBytes(counter++).CopyTo(input, 4);
            var block = SHA256.HashData(input);
            int take = Math.Min(32, count - done);
            Array.Copy(block, 0, buffer, offset + done, take);
            done += take;
        }
    }
}
