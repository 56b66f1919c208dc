using System.Security.Cryptography;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// Protocol-level differential tests: with the same randomness, a run on the native backend sends the same
/// bytes in every round and ends with the same shares and signature as a run on the managed reference.
/// </summary>
public class BackendTranscriptTests
{
    [Trait("Category", "Slow")]
    [SkippableTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Dkg_NativeBackend_SendsAndKeepsTheSameBytesAsManaged(int parties)
    {
        var native = TestBackends.Get(TestBackends.Native);
        var managedRounds = new List<byte[]>();
        var nativeRounds = new List<byte[]>();
        var managed = Harness.Dkg(parties, 900 + parties, (_, m) => managedRounds.AddRange(m.Select(x => (byte[])x.Clone())));
        var other = Harness.Dkg(parties, 900 + parties, (_, m) => nativeRounds.AddRange(m.Select(x => (byte[])x.Clone())), native);
        Assert.Equal(managedRounds, nativeRounds);
        Assert.Equal(managed.Select(s => s.Serialize()), other.Select(s => s.Serialize()));
    }

    [SkippableFact]
    public void Sign_NativeBackend_SendsTheSameBytesAndSignatureAsManaged()
    {
        var native = TestBackends.Get(TestBackends.Native);
        var shares = Harness.Dkg(2, 910);
        var hash = SHA256.HashData(new byte[] { 9, 1, 0 });
        var managedRounds = new List<byte[]>();
        var nativeRounds = new List<byte[]>();
        var (a, _) = Harness.Sign(Harness.Pair(shares[0], shares[1], 911), hash, (_, m) => managedRounds.AddRange(m.Select(x => (byte[])x.Clone())));
        var (b, _) = Harness.Sign(Harness.Pair(shares[0], shares[1], 911, backend: native), hash, (_, m) => nativeRounds.AddRange(m.Select(x => (byte[])x.Clone())));
        Assert.Equal(6, managedRounds.Count);
        Assert.Equal(managedRounds, nativeRounds);
        Assert.Equal(a, b);
        Assert.True(Harness.BouncyVerify(shares[0].PublicKey(), hash, b));
    }

    [SkippableFact]
    public void Sign_MixedBackends_CardNativePhoneManaged_Verifies()
    {
        var native = TestBackends.Get(TestBackends.Native);
        var shares = Harness.Dkg(2, 920);
        var hash = SHA256.HashData(new byte[] { 9, 2, 0 });
        var pair = new Harness.SignPair
        {
            A = new SignParty(native, shares[0], [1, 2], Harness.Sid(921), null, null, new TestRandom(1)),
            B = new SignParty(ManagedArithmeticBackend.Instance, shares[1], [1, 2], Harness.Sid(921), null, null, new TestRandom(2)),
        };
        var (a, b) = Harness.Sign(pair, hash);
        Assert.Equal(a, b);
        Assert.True(Harness.BouncyVerify(shares[0].PublicKey(), hash, a));
    }
}
