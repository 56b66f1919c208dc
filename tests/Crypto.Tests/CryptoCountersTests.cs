namespace CardFirmware.Crypto.Tests;

/// <summary>
/// The operation counters count what the benchmarks expect. Runs in a non-parallel collection
/// because the counters are process-wide statics.
/// </summary>
[Collection(nameof(CountersCollection))]
public class CryptoCountersTests
{
    [Fact]
    public void Counters_CountBlocksWhenEnabled_AndStayStillWhenDisabled()
    {
        CryptoCounters.Reset();
        CryptoCounters.Enabled = true;
        try
        {
            Sha256.Hash(new byte[64]);                      // 2 compressions (data + padding block)
            Sha512.Hash(new byte[111]);                     // 1 compression (111 + 1 + 16 = 128)
            HmacSha256.Compute(new byte[16], new byte[10]); // key setup 2, inner 1, outer 1
            var sealedMessage = new byte[100 + 16];
            ChaCha20Poly1305.Encrypt(new byte[32], new byte[12], new byte[5], new byte[100], 0, 100, sealedMessage, 0);

            Assert.Equal(2 + 4, CryptoCounters.Sha256Compressions);
            Assert.Equal(1, CryptoCounters.Sha512Compressions);
            Assert.Equal(1, CryptoCounters.HmacSha256Calls);
            Assert.Equal(1 + 2, CryptoCounters.ChaCha20Blocks);     // Poly1305 key block + 2 data blocks
            Assert.Equal(1 + 7 + 1, CryptoCounters.Poly1305Blocks); // aad, 100 bytes -> 7 blocks, lengths
        }
        finally
        {
            CryptoCounters.Enabled = false;
        }

        CryptoCounters.Reset();
        Sha256.Hash(new byte[64]);
        Assert.Equal(0, CryptoCounters.Sha256Compressions);
    }
}

/// <summary>Runs the counter tests alone: xunit starts a non-parallel collection only after the parallel ones finish.</summary>
[CollectionDefinition(nameof(CountersCollection), DisableParallelization = true)]
public class CountersCollection
{
}
