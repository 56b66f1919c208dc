namespace CardFirmware.Crypto.Tests;

/// <summary>The card's known-answer self-test passes on the managed provider and catches a faulty one.</summary>
public class SelfTestTests
{
    /// <summary>A provider whose SHA-256 flips one output bit, as a faulty native binding might.</summary>
    private sealed class FaultySha256Provider : ICryptoProvider
    {
        private readonly ICryptoProvider inner = ManagedCryptoProvider.Instance;

        public void Sha256(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            inner.Sha256(data, offset, count, output, outputOffset);
            output[outputOffset + 31] ^= 1;
        }

        public void Sha512(byte[] data, int offset, int count, byte[] output, int outputOffset) => inner.Sha512(data, offset, count, output, outputOffset);

        public void HmacSha256(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset) => inner.HmacSha256(key, data, offset, count, output, outputOffset);

        public void HmacSha512(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset) => inner.HmacSha512(key, data, offset, count, output, outputOffset);

        public IAesBlockEncryptor CreateAesEncryptor(byte[] key) => inner.CreateAesEncryptor(key);
    }

    [Fact]
    public void Run_PassesOnManagedProvider() => Assert.True(SelfTest.Run());

    [Fact]
    public void Run_FailsWhenProviderHashIsWrong() => Assert.False(SelfTest.Run(new FaultySha256Provider()));
}
