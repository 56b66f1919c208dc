using CardFirmware.Crypto.Threshold;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>Drives parties through the rounds by delivering every message to its addressee.</summary>
internal static class Harness
{
    /// <summary>A message rewriter applied to one round's messages (tampering tests); null delivers as sent.</summary>
    public delegate void Tamper(int round, List<byte[]> messages);

    public static byte[] Sid(int n)
    {
        var sid = new byte[32];
        sid[0] = (byte)n;
        sid[31] = 0x5A;
        return sid;
    }

    public static KeyShare[] Dkg(int parties, int seed, Tamper? tamper = null, IArithmeticBackend? backend = null)
    {
        var sid = Sid(seed);
        var b = backend ?? ManagedArithmeticBackend.Instance;
        var p = Enumerable.Range(1, parties).Select(i => new DkgParty(b, parties, i, sid, new TestRandom(seed * 10 + i))).ToArray();
        return RunDkg(p, tamper);
    }

    public static KeyShare[] Refresh(KeyShare[] shares, int seed, Tamper? tamper = null, IArithmeticBackend? backend = null)
    {
        var sid = Sid(seed);
        var b = backend ?? ManagedArithmeticBackend.Instance;
        var p = shares.Select(s => DkgParty.ForRefresh(b, s, sid, new TestRandom(seed * 10 + s.Index))).ToArray();
        return RunDkg(p, tamper);
    }

    /// <summary>
    /// Rebuilds party <paramref name="lost"/>'s share: every other share takes part as a survivor, the lost
    /// party knows only the xpub. Returns the new shares of all parties in index order.
    /// </summary>
    public static KeyShare[] Recover(KeyShare[] survivors, int lost, int seed, byte[]? publicKey = null, byte[]? chainCode = null)
    {
        return RunDkg(RecoveryParties(survivors, lost, Sid(seed), seed * 10, publicKey, chainCode), null);
    }

    /// <summary>
    /// The parties of a recovery of <paramref name="lost"/>: a survivor for each of <paramref name="shares"/> but
    /// the lost party's (if present), the lost party told the xpub of <paramref name="shares"/> unless another is
    /// given; party i draws from TestRandom(<paramref name="randomBase"/> + i).
    /// </summary>
    public static DkgParty[] RecoveryParties(KeyShare[] shares, int lost, byte[] sid, int randomBase,
        byte[]? publicKey = null, byte[]? chainCode = null)
    {
        var n = shares[0].Parties;
        return Enumerable.Range(1, n).Select(i => i == lost
            ? DkgParty.ForLostParty(n, i, publicKey ?? shares[0].PublicKey(), chainCode ?? shares[0].ChainCode, sid, new TestRandom(randomBase + i))
            : DkgParty.ForRecovery(shares.Single(s => s.Index == i), lost, sid, new TestRandom(randomBase + i))).ToArray();
    }

    private static KeyShare[] RunDkg(DkgParty[] p, Tamper? tamper)
    {
        var out1 = p.Select(x => x.Start()).ToArray();
        var in1 = Route(out1, p.Length, 1, tamper);
        var out2 = p.Select((x, i) => x.Round2(in1[i])).ToArray();
        var in2 = Route(out2, p.Length, 2, tamper);
        var out3 = p.Select((x, i) => x.Round3(in2[i])).ToArray();
        var in3 = Route(out3, p.Length, 3, tamper);
        return p.Select((x, i) => x.Finish(in3[i])).ToArray();
    }

    /// <summary>Delivers messages: result[i] = messages addressed to party i+1.</summary>
    public static byte[][][] Route(byte[][][] outboxes, int parties, int round, Tamper? tamper)
    {
        var all = outboxes.SelectMany(o => o).ToList();
        tamper?.Invoke(round, all);
        var inboxes = new byte[parties][][];
        for (int i = 0; i < parties; i++)
        {
            inboxes[i] = all.Where(m => m.Length > 4 && m[4] == i + 1).ToArray();
        }

        return inboxes;
    }

    public sealed class SignPair
    {
        public required SignParty A;
        public required SignParty B;
    }

    public static SignPair Pair(KeyShare a, KeyShare b, int seed, uint[]? path = null, IArithmeticBackend? backend = null)
    {
        var signers = new[] { a.Index, b.Index };
        var sid = Sid(seed);
        var arithmetic = backend ?? ManagedArithmeticBackend.Instance;
        return new SignPair
        {
            A = new SignParty(arithmetic, a, signers, sid, path, null, new TestRandom(seed * 7 + 1)),
            B = new SignParty(arithmetic, b, signers, sid, path, null, new TestRandom(seed * 7 + 2)),
        };
    }

    /// <summary>Runs all rounds; returns the signatures combined by both signers.</summary>
    public static (byte[] a, byte[] b) Sign(SignPair s, byte[] hash, Tamper? tamper = null)
    {
        var r1 = Exchange(s.A.Start(), s.B.Start(), 1, tamper);
        var r2 = Exchange(s.A.Round2(r1.toA), s.B.Round2(r1.toB), 2, tamper);
        s.A.Presign(r2.toA);
        s.B.Presign(r2.toB);
        var r3 = Exchange(s.A.SignHash(hash), s.B.SignHash(hash), 3, tamper);
        return (s.A.Combine(r3.toA), s.B.Combine(r3.toB));
    }

    private static (byte[][] toA, byte[][] toB) Exchange(byte[][] fromA, byte[][] fromB, int round, Tamper? tamper)
    {
        var list = new List<byte[]> { fromA[0], fromB[0] };
        tamper?.Invoke(round, list);
        return (new[] { list[1] }, new[] { list[0] });
    }

    public static bool BouncyVerify(byte[] publicKey33, byte[] hash, byte[] signature)
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        var domain = new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
        var q = curve.Curve.DecodePoint(publicKey33);
        var signer = new ECDsaSigner();
        signer.Init(false, new ECPublicKeyParameters(q, domain));
        var r = new BigInteger(1, signature, 0, 32);
        var s = new BigInteger(1, signature, 32, 32);
        return signer.VerifySignature(hash, r, s);
    }

    public static bool IsLowS(byte[] signature)
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        var s = new BigInteger(1, signature, 32, 32);
        return s.CompareTo(curve.N.ShiftRight(1)) <= 0;
    }
}
